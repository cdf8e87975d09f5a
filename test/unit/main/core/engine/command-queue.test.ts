import { defer, type Observable, Subject, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Guard } from '../../../../../main/core/engine/application-guard';
import { createCommandQueue } from '../../../../../main/core/engine/command-queue';
import { APP } from './fake-client';

const passThrough: Guard = (source) => source;

describe('command queue', () => {
  it('resolves at once and sends nothing while there is no application', async () => {
    const queue = createCommandQueue(() => false);
    let ran = false;
    await queue.submit(() => defer(() => ((ran = true), [])));
    expect(ran).toBe(false);
  });

  it('runs commands one after another through the application, each resolving when done', async () => {
    const queue = createCommandQueue(() => true);
    const order: string[] = [];
    const first = new Subject<void>();
    queue.run$(APP, passThrough).subscribe();
    const a = queue.submit((app) => {
      order.push(`start a ${app.self === APP.self}`);
      return first;
    });
    const b = queue.submit(() => defer(() => (order.push('start b'), [1])));
    await Promise.resolve();
    expect(order).toEqual(['start a true']);
    first.complete();
    await a;
    await b;
    expect(order).toEqual(['start a true', 'start b']);
  });

  it('runs each command through the guard, and a failed command still resolves', async () => {
    const queue = createCommandQueue(() => true);
    const guarded: string[] = [];
    const guard: Guard = <T>(source: Observable<T>) => {
      guarded.push('guarded');
      return source;
    };
    const errors: unknown[] = [];
    queue.run$(APP, guard).subscribe({ error: (e: unknown) => errors.push(e) });
    await queue.submit(() => throwError(() => new Error('refused')));
    expect(guarded).toEqual(['guarded']);
    expect(errors).toHaveLength(1);
  });

  it('completes its queue on dispose', () => {
    const queue = createCommandQueue(() => true);
    let completed = false;
    queue.run$(APP, passThrough).subscribe({ complete: () => (completed = true) });
    queue.dispose();
    expect(completed).toBe(true);
  });
});
