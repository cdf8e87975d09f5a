import { from, Observable, type ObservableInput, type OperatorFunction, type Subscription } from 'rxjs';

/**
 * `concatMap` without its recursion: one inner at a time, in arrival order, every value handled.
 *
 * RxJS's `concatMap` starts the next buffered value from inside the previous inner's completion,
 * so a queue of inners that complete synchronously (events that need no request) nests one call
 * chain per value. A few hundred values queued behind a slow inner (one P-GET page of initial
 * subscription events arriving while the contact list is read) overflow the stack, and RxJS
 * swallows that RangeError: the operator stops taking values, silently, for good. Here the queue
 * is drained by a loop, so its depth does not depend on how many values wait.
 */
export function serialMap<T, R>(project: (value: T) => ObservableInput<R>): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      const queue = new FifoQueue<T>();
      let active: Subscription | undefined;
      let busy = false;
      let draining = false;
      let sourceDone = false;
      const finishIfIdle = (): void => {
        if (sourceDone && !busy && queue.size === 0) subscriber.complete();
      };
      const startNext = (value: T): void => {
        busy = true;
        let inner: ObservableInput<R>;
        try {
          inner = project(value);
        } catch (error: unknown) {
          subscriber.error(error);
          return;
        }
        active = from(inner).subscribe({
          next: (result) => subscriber.next(result),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            busy = false;
            active = undefined;
            drain();
          },
        });
      };
      // Re-entered from a synchronous completion, it returns at once: the loop below goes on.
      const drain = (): void => {
        if (draining) return;
        draining = true;
        try {
          while (!busy && !subscriber.closed && queue.size > 0) startNext(queue.take());
        } finally {
          draining = false;
        }
        finishIfIdle();
      };
      const input = source.subscribe({
        next: (value) => {
          queue.push(value);
          drain();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          finishIfIdle();
        },
      });
      return () => {
        input.unsubscribe();
        active?.unsubscribe();
        queue.clear();
      };
    });
}

/**
 * First in, first out, with a head index rather than shift(): shifting a long array is linear per
 * value. The array is dropped each time the queue runs empty, which a queue that keeps up does after
 * every burst.
 */
class FifoQueue<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(value: T): void {
    this.items.push(value);
  }

  /** The oldest value; only called when `size > 0`. */
  take(): T {
    const value = this.items[this.head] as T;
    this.head += 1;
    if (this.head === this.items.length) this.clear();
    return value;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
