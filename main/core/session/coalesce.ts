import { Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';

/**
 * Hands on arrays one task later, joined with every array that arrived meanwhile: whoever applies
 * them does it once per turn of the event loop, however many answers came in that turn, and the
 * source (a request slot) is never held up by that work. Nothing is dropped and order is kept;
 * completion and errors wait for what is still held.
 */
export function coalesce<T>(scheduler: SchedulerLike): OperatorFunction<readonly T[], T[]> {
  return (source) =>
    new Observable<T[]>((subscriber) => {
      let held: T[] = [];
      let flush: Subscription | undefined;
      let ending: (() => void) | undefined;
      const handOn = (): void => {
        flush = undefined;
        const out = held;
        held = [];
        subscriber.next(out);
        ending?.();
      };
      const end = (finish: () => void): void => {
        if (flush === undefined) finish();
        else ending = finish;
      };
      const subscription = source.subscribe({
        next: (values) => {
          if (values.length === 0) return;
          for (const value of values) held.push(value);
          flush ??= scheduler.schedule(handOn);
        },
        error: (error: unknown) => end(() => subscriber.error(error)),
        complete: () => end(() => subscriber.complete()),
      });
      return () => {
        subscription.unsubscribe();
        flush?.unsubscribe();
      };
    });
}
