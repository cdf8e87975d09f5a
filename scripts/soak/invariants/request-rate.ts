import type { Violation } from './violation';

/**
 * The most requests an engine may send while the server is failing: a burst (the reads a
 * recovery legitimately needs) plus a steady rate. A retry storm or an un-throttled P-GET loop
 * goes far beyond it; backoff and the minimum P-GET interval stay well under it.
 */
export interface RateBound {
  readonly burst: number;
  readonly perSecond: number;
}

/** The stated bound: 40 requests, then one per second on average. */
export const OUTAGE_RATE_BOUND: RateBound = { burst: 40, perSecond: 1 };

/** Requests sent during one outage window of `seconds` (simulated, which the engine's timers follow). */
export interface OutageWindow {
  readonly fault: string;
  readonly requests: number;
  readonly seconds: number;
}

/** The requests of an outage window stay under `bound`. Pure. */
export function outageRequestRate(window: OutageWindow, bound: RateBound = OUTAGE_RATE_BOUND): Violation[] {
  const limit = bound.burst + bound.perSecond * window.seconds;
  if (window.requests <= limit) return [];
  return [
    {
      invariant: 'outageRequestRate',
      detail: `${window.requests} requests in ${window.seconds.toFixed(1)} s of ${window.fault} (bound ${Math.floor(limit)})`,
    },
  ];
}
