import { type MonoTypeOperatorFunction, Observable, type SchedulerLike, type Subscription } from 'rxjs';

/** What an event channel reset asks for: re-read transient state, or re-create subscriptions too. */
export type ChannelReset = 'resync' | 'resume';

/**
 * Paces reset-driven re-reads: the first reset passes at once; resets arriving less than
 * `minIntervalMs` after the last one passed are held and merged into one, sent when the interval
 * ends (`resume` wins over `resync`, since it asks for more). So a server that answers every P-GET
 * with a reset at once costs one re-read per interval, not one per answer, and none is lost.
 */
export function paceResets(minIntervalMs: number, scheduler: SchedulerLike): MonoTypeOperatorFunction<ChannelReset> {
  return (source) =>
    new Observable<ChannelReset>((subscriber) => {
      let lastAt = Number.NEGATIVE_INFINITY;
      let held: ChannelReset | undefined;
      let pending: Subscription | undefined;
      const pass = (kind: ChannelReset): void => {
        lastAt = scheduler.now();
        subscriber.next(kind);
      };
      const release = (): void => {
        pending = undefined;
        const kind = held;
        held = undefined;
        if (kind !== undefined) pass(kind);
      };
      const inner = source.subscribe({
        next: (kind) => {
          const wait = lastAt + minIntervalMs - scheduler.now();
          if (wait <= 0 && pending === undefined) {
            pass(kind);
            return;
          }
          held = held === 'resume' ? 'resume' : kind;
          pending ??= scheduler.schedule(release, Math.max(0, wait));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        inner.unsubscribe();
        pending?.unsubscribe();
      };
    });
}
