import { EMPTY, map, of, Subject, throwError, timer, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { serialMap } from '../../../../../main/core/session/serial-map';

describe('serialMap', () => {
  it('handles every one of 20,000 values queued behind a slow inner, though each of them completes at once', () => {
    const values = new Subject<number>();
    const slow = new Subject<string>();
    const handled: number[] = [];
    const out: string[] = [];
    let error: unknown;
    values
      .pipe(
        serialMap((n) => {
          handled.push(n);
          return n === 0 ? slow : n % 1000 === 0 ? of(`v${n}`) : EMPTY;
        }),
      )
      .subscribe({ next: (v) => out.push(v), error: (e: unknown) => (error = e) });
    for (let n = 0; n < 20_000; n += 1) values.next(n);
    expect(handled).toEqual([0]);
    slow.next('first');
    slow.complete();
    expect(error).toBeUndefined();
    expect(handled).toHaveLength(20_000);
    expect(handled[19_999]).toBe(19_999);
    expect(out).toHaveLength(20);
    expect(out.slice(0, 3)).toEqual(['first', 'v1000', 'v2000']);
    // Still taking values afterwards.
    values.next(200_000);
    expect(out.at(-1)).toBe('v200000');
  });

  it('runs one inner at a time, in arrival order, and completes after the source and the last inner', () => {
    const scheduler = new VirtualTimeScheduler();
    const values = new Subject<number>();
    const log: string[] = [];
    let completed = false;
    values
      .pipe(
        serialMap((n) => {
          log.push(`start ${n}`);
          return timer(10 * (4 - n), scheduler).pipe(map(() => n));
        }),
      )
      .subscribe({ next: (n) => log.push(`out ${n}`), complete: () => (completed = true) });
    values.next(1);
    values.next(2);
    values.next(3);
    values.complete();
    expect(log).toEqual(['start 1']);
    scheduler.flush();
    expect(log).toEqual(['start 1', 'out 1', 'start 2', 'out 2', 'start 3', 'out 3']);
    expect(completed).toBe(true);
  });

  it('completes at once when the source ends with nothing pending', () => {
    let completed = false;
    of(1, 2)
      .pipe(serialMap((n) => of(n * 2)))
      .subscribe({ complete: () => (completed = true) });
    expect(completed).toBe(true);
  });

  it('passes on an inner error and a throwing project, and starts nothing after either', () => {
    const values = new Subject<number>();
    const started: number[] = [];
    const errors: unknown[] = [];
    values
      .pipe(
        serialMap((n) => {
          started.push(n);
          return n === 2 ? throwError(() => new Error('inner')) : EMPTY;
        }),
      )
      .subscribe({ error: (e: unknown) => errors.push(e) });
    values.next(1);
    values.next(2);
    values.next(3);
    expect(started).toEqual([1, 2]);
    expect(errors).toEqual([new Error('inner')]);

    const thrown: unknown[] = [];
    of(1, 2)
      .pipe(
        serialMap((n): typeof EMPTY => {
          if (n === 1) throw new Error('project');
          return EMPTY;
        }),
      )
      .subscribe({ error: (e: unknown) => thrown.push(e) });
    expect(thrown).toEqual([new Error('project')]);
  });

  it('passes on an error of the source', () => {
    const values = new Subject<number>();
    const errors: unknown[] = [];
    values.pipe(serialMap((n) => of(n))).subscribe({ error: (e: unknown) => errors.push(e) });
    values.error(new Error('source'));
    expect(errors).toEqual([new Error('source')]);
  });

  it('unsubscribing stops the running inner and drops what was queued', () => {
    const scheduler = new VirtualTimeScheduler();
    const values = new Subject<number>();
    const started: number[] = [];
    const out: number[] = [];
    const subscription = values
      .pipe(
        serialMap((n) => {
          started.push(n);
          return timer(10, scheduler).pipe(map(() => n));
        }),
      )
      .subscribe((n) => out.push(n));
    values.next(1);
    values.next(2);
    subscription.unsubscribe();
    scheduler.flush();
    expect(started).toEqual([1]);
    expect(out).toEqual([]);
    expect(values.observed).toBe(false);
  });
});
