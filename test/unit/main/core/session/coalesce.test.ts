import { Subject, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { coalesce } from '../../../../../main/core/session/coalesce';

function harness() {
  const scheduler = new VirtualTimeScheduler();
  const source = new Subject<readonly number[]>();
  const seen: number[][] = [];
  const ends: string[] = [];
  const subscription = source.pipe(coalesce<number>(scheduler)).subscribe({
    next: (values) => seen.push(values),
    error: (error: unknown) => ends.push(`error ${String(error)}`),
    complete: () => ends.push('complete'),
  });
  return { scheduler, source, seen, ends, subscription };
}

describe('coalesce', () => {
  it('hands on a task later, joining in order every array that arrived meanwhile', () => {
    const { scheduler, source, seen } = harness();
    source.next([1, 2]);
    source.next([]);
    source.next([3]);
    expect(seen).toEqual([]);
    scheduler.flush();
    expect(seen).toEqual([[1, 2, 3]]);
    source.next([4]);
    scheduler.flush();
    expect(seen).toEqual([[1, 2, 3], [4]]);
  });

  it('an empty array alone hands on nothing', () => {
    const { scheduler, source, seen } = harness();
    source.next([]);
    scheduler.flush();
    expect(seen).toEqual([]);
  });

  it('completion and errors wait until what is held has been handed on', () => {
    const done = harness();
    done.source.next([1]);
    done.source.complete();
    expect(done.ends).toEqual([]);
    done.scheduler.flush();
    expect([done.seen, done.ends]).toEqual([[[1]], ['complete']]);
    const failed = harness();
    failed.source.next([2]);
    failed.source.error('boom');
    failed.scheduler.flush();
    expect([failed.seen, failed.ends]).toEqual([[[2]], ['error boom']]);
    const idle = harness();
    idle.source.complete();
    expect(idle.ends).toEqual(['complete']);
  });

  it('unsubscribing drops what is held and the pending hand-on', () => {
    const { scheduler, source, seen, subscription } = harness();
    source.next([1]);
    subscription.unsubscribe();
    scheduler.flush();
    expect(seen).toEqual([]);
    expect(source.observed).toBe(false);
  });
});
