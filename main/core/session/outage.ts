/**
 * One outage of a session, shared by every retrying stream of one application (event channel,
 * presence reads, commands…). The attempt counter drives the shared backoff; the outage ends only
 * when no stream is failing any more, so a healthy request next to a failing one neither resets the
 * backoff nor shows the session `online` too early.
 */
export interface Outage {
  /** Retries so far in this outage; 0 = no outage. */
  readonly attempt: number;
  /** Streams currently between a transient failure and their next healthy answer. */
  readonly failing: number;
}

export const NO_OUTAGE: Outage = { attempt: 0, failing: 0 };

export type OutageEvent =
  /** A stream failed transiently; `first` when it was not already retrying. */
  | { readonly type: 'failed'; readonly first: boolean }
  /**
   * A stream works: it answered, or its P-GET stayed parked past the grace. `wasFailing` when it
   * had been retrying. The probe answering is NOT such an event.
   */
  | { readonly type: 'healthy'; readonly wasFailing: boolean }
  /** A retrying stream was torn down (unsubscribed, or ended with an error its owner handles). */
  | { readonly type: 'abandoned' };

/** Folds one event into the outage. */
export function outageStep(outage: Outage, event: OutageEvent): Outage {
  switch (event.type) {
    case 'failed':
      return { attempt: outage.attempt + 1, failing: outage.failing + (event.first ? 1 : 0) };
    case 'healthy': {
      const failing = Math.max(0, outage.failing - (event.wasFailing ? 1 : 0));
      if (failing === 0) return outage.attempt === 0 ? outage : NO_OUTAGE;
      return failing === outage.failing ? outage : { attempt: outage.attempt, failing };
    }
    case 'abandoned':
      // The attempt count stays: whatever replaces the stream continues the same backoff.
      return outage.failing === 0 ? outage : { attempt: outage.attempt, failing: outage.failing - 1 };
  }
}

/** True when `after` closes the outage `before` was in: time to show `online` and reapply, once. */
export function outageEnded(before: Outage, after: Outage): boolean {
  return before.attempt > 0 && after.attempt === 0;
}
