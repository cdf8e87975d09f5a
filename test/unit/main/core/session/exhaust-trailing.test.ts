import { map, of, Subject, timer, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { exhaustMapTrailing } from '../../../../../main/core/session/exhaust-trailing';

describe('exhaustMapTrailing', () => {
  it('runs one at a time; triggers during a run become one more run (the latest), none is lost', () => {
    const scheduler = new VirtualTimeScheduler();
    const triggers = new Subject<number>();
    const started: number[] = [];
    const done: number[] = [];
    triggers
      .pipe(
        exhaustMapTrailing((n) => {
          started.push(n);
          return timer(10, scheduler).pipe(map(() => n));
        }),
      )
      .subscribe((n) => done.push(n));
    triggers.next(1);
    triggers.next(2);
    triggers.next(3);
    scheduler.flush();
    expect(started).toEqual([1, 3]);
    expect(done).toEqual([1, 3]);
    triggers.next(4);
    scheduler.flush();
    expect(started).toEqual([1, 3, 4]);
  });

  it('copes with work that completes at once', () => {
    const triggers = new Subject<number>();
    const done: number[] = [];
    triggers.pipe(exhaustMapTrailing((n) => of(n))).subscribe((n) => done.push(n));
    triggers.next(1);
    triggers.next(2);
    expect(done).toEqual([1, 2]);
  });
});

describe('exhaustMapTrailing: ending', () => {
  function run() {
    const scheduler = new VirtualTimeScheduler();
    const triggers = new Subject<number>();
    const work = new Subject<number>();
    const events: string[] = [];
    const subscription = triggers
      .pipe(exhaustMapTrailing((n) => (n === 0 ? work : timer(10, scheduler).pipe(map(() => n)))))
      .subscribe({ next: (n) => events.push(`next ${n}`), error: (e: unknown) => events.push(`error ${String(e)}`), complete: () => events.push('complete') });
    return { scheduler, triggers, work, events, subscription };
  }

  it('completes at once when the source ends between runs, and after the run (and the queued one) when during', () => {
    const idle = run();
    idle.triggers.complete();
    expect(idle.events).toEqual(['complete']);
    const busy = run();
    busy.triggers.next(1);
    busy.triggers.next(2);
    busy.triggers.complete();
    expect(busy.events).toEqual([]);
    busy.scheduler.flush();
    expect(busy.events).toEqual(['next 1', 'next 2', 'complete']);
  });

  it('passes on an error of the source and of a run', () => {
    const source = run();
    source.triggers.error('source broke');
    expect(source.events).toEqual(['error source broke']);
    const work = run();
    work.triggers.next(0);
    work.work.error('run broke');
    expect(work.events).toEqual(['error run broke']);
  });

  it('unsubscribing stops the run in progress', () => {
    const { triggers, work, subscription } = run();
    triggers.next(0);
    expect(work.observed).toBe(true);
    subscription.unsubscribe();
    expect([work.observed, triggers.observed]).toEqual([false, false]);
  });
});
