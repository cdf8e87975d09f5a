/** Capped exponential backoff with jitter (DESIGN.md §3; ucwa-protocol.md §5.4: 1 s → 30 s). */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000 };

/** Never wait longer than this even when the server's Retry-After asks for more. */
const RETRY_AFTER_CAP_MS = 600_000;

/**
 * Delay before retry number `attempt` (1-based): "equal jitter" — half the exponential step is
 * fixed, half random — so many clients recovering from one outage do not retry in lockstep.
 * A server `Retry-After` (seconds) is a floor.
 */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterSeconds?: number,
): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(step / 2 + (Math.min(Math.max(random(), 0), 1) * step) / 2);
  if (retryAfterSeconds === undefined) return jittered;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(jittered, retryAfterSeconds * 1000));
}
