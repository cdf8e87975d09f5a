import { Observable, type OperatorFunction, type Subscription } from 'rxjs';

/**
 * Like `exhaustMap`, one run of `work` at a time, but a trigger that arrives during a run is not
 * dropped: the run in progress may have read state from before what the trigger announces (an
 * unlock after another endpoint changed our presence), so one more run follows it, however many
 * triggers came meanwhile (with the latest of them).
 */
export function exhaustMapTrailing<T, R>(work: (value: T) => Observable<R>): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      let busy = false;
      let queued: { readonly value: T } | undefined;
      let sourceDone = false;
      let running: Subscription | undefined;
      const start = (value: T): void => {
        busy = true;
        running = work(value).subscribe({
          next: (result) => subscriber.next(result),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            busy = false;
            const next = queued;
            queued = undefined;
            if (next !== undefined) start(next.value);
            else if (sourceDone) subscriber.complete();
          },
        });
      };
      const input = source.subscribe({
        next: (value) => {
          if (busy) queued = { value };
          else start(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          if (!busy) subscriber.complete();
        },
      });
      return () => {
        input.unsubscribe();
        running?.unsubscribe();
      };
    });
}
