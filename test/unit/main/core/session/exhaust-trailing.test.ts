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
