import { backoffDelayMs, type BackoffPolicy } from '../session/backoff';
import { SessionFailure } from '../session/session-failure';
import type { ErrorClass } from '../ucwa/error-classification';
import { isUcwaError } from '../ucwa/ucwa-error';

/** What the session counts between two `online`s of one sign-in. */
export interface RetryCount {
  /** Failed tries since the last `online`. */
  readonly attempt: number;
  /** Whether this sign-in has been online at all (before that, only a few tries are made). */
  readonly everOnline: boolean;
  /** Connection failures since the last `online`. */
  readonly networkFailures: number;
}

/** A sign-in that has not been online yet. */
export const FIRST_TRY: RetryCount = { attempt: 0, everOnline: false, networkFailures: 0 };
/** Just online: the counts start over, and failures from now on are retried without limit. */
export const ONLINE: RetryCount = { attempt: 0, everOnline: true, networkFailures: 0 };

/** The knobs of the session's retries. */
export interface RetryPolicy {
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  /** Before the first `online`, give up after this many transient failures. */
  readonly initialConnectAttempts: number;
}

/** Start over after `delayMs`, perhaps discovering again and authenticating again first. */
export interface Retry {
  readonly action: 'retry';
  readonly attempt: number;
  readonly delayMs: number;
  readonly rediscover: boolean;
  readonly reauth: boolean;
}

/** What to do after the session failed with an error of class `kind`. */
export type RetryDecision = Retry | { readonly action: 'stop'; readonly error: unknown };

/** Repeated connection failures are a documented reason to rediscover (D:rooturl). */
const NETWORK_FAILURES_BEFORE_REDISCOVERY = 3;

/** What the user sees when a programming error stops the session. */
export const BUG_FAILURE = SessionFailure.of('unknown', 'An internal error stopped the session; sign in again.');

/** Decides whether and when the session starts over, and the counts it then goes on with. */
export function decideRetry(
  error: unknown,
  kind: ErrorClass,
  count: RetryCount,
  policy: RetryPolicy,
): { readonly decision: RetryDecision; readonly count: RetryCount } {
  if (kind === 'bug') return { decision: { action: 'stop', error: BUG_FAILURE }, count };
  if (kind === 'fatal') return { decision: { action: 'stop', error }, count };
  const attempt = count.attempt + 1;
  if (!count.everOnline && attempt >= policy.initialConnectAttempts) return { decision: { action: 'stop', error }, count };
  const network = isUcwaError(error) && error.kind === 'network';
  const networkFailures = count.networkFailures + (network ? 1 : 0);
  const retryAfter = isUcwaError(error) ? error.details.retryAfter : undefined;
  // A vanished application is recreated at once; anything else backs off.
  const delayMs = kind === 'recreate' && attempt === 1 ? 0 : backoffDelayMs(attempt, policy.backoff, policy.random, retryAfter);
  const rediscover = kind === 'rediscover' || (network && networkFailures >= NETWORK_FAILURES_BEFORE_REDISCOVERY);
  return {
    decision: { action: 'retry', attempt, delayMs, rediscover, reauth: kind === 'reauth' },
    count: { ...count, attempt, networkFailures },
  };
}
