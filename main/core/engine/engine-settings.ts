import type { PeopleFeature } from '../people-port';
import { type BackoffPolicy, DEFAULT_BACKOFF } from '../session/backoff';
import { type BodyLimits, DEFAULT_BODY_LIMITS } from '../ucwa/http-client';
import { REPORT_ACTIVITY_PERIOD_MS } from '../ucwa/report-activity';
import { DEFAULT_TRUST_POLICY, type TrustPolicy } from '../ucwa/trust';

/** Tuning knobs; defaults follow ucwa-protocol.md. Tests shrink the timings. */
export interface EngineOptions {
  readonly backoff?: BackoffPolicy;
  /** Jitter source (tests pass a constant). */
  readonly random?: () => number;
  /**
   * Server-side P-GET hold time. 180 s (the minimum) keeps us under Node's 300 s header timeout
   * and the idle cut-off of most enterprise proxies.
   */
  readonly pgetTimeoutSeconds?: number;
  /** Our HTTP timeout for a P-GET = hold time + this margin. */
  readonly httpMarginMs?: number;
  /**
   * After an outage, a P-GET parked this long without error counts as working: the session is
   * `online` again without waiting for the server's hold time.
   */
  readonly pgetGraceMs?: number;
  /** Timeout of every other request. */
  readonly requestTimeoutMs?: number;
  /**
   * Least time between the starts of two P-GETs: a server that answers at once (no hold, or a
   * reset on every answer) must not turn the channel into a request storm.
   */
  readonly pgetMinIntervalMs?: number;
  /** Least time between two reset-driven (resync/resume) re-reads; resets in between are merged. */
  readonly resetMinIntervalMs?: number;
  readonly reportActivityPeriodMs?: number;
  /** Before the first `online`, give up (and reject `signIn`) after this many transient failures. */
  readonly initialConnectAttempts?: number;
  /** The people feature; `people()` from `ucwa/people/people.ts` unless a test replaces it. */
  readonly people?: PeopleFeature;
  /** What the admin policy widens: `trustedDomains`, `allowInsecureHttp`. */
  readonly trust?: Partial<TrustPolicy>;
  /** Caps on answer bodies and JSON nesting (8 MB JSON, 32 MB batch, depth 64 by default). */
  readonly limits?: Partial<BodyLimits>;
}

/** Every knob with its default filled in; what the engine's services are built from. */
export interface EngineSettings {
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  readonly pgetTimeoutSeconds: number;
  readonly httpMarginMs: number;
  readonly pgetGraceMs: number;
  readonly requestTimeoutMs: number;
  readonly pgetMinIntervalMs: number;
  readonly resetMinIntervalMs: number;
  readonly reportActivityPeriodMs: number;
  readonly initialConnectAttempts: number;
  readonly trust: TrustPolicy;
  readonly limits: BodyLimits;
}

/** Long enough for a failing server to answer the re-parked P-GET with its error, short enough to feel instant. */
const DEFAULT_PGET_GRACE_MS = 2_000;
/** A page carries every event queued meanwhile, so one P-GET a second loses nothing. */
const DEFAULT_PGET_MIN_INTERVAL_MS = 1_000;
const DEFAULT_RESET_MIN_INTERVAL_MS = 10_000;

/** Fills in the defaults of every knob the caller left out. */
export function engineSettings(options: EngineOptions): EngineSettings {
  return {
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    random: options.random ?? Math.random,
    pgetTimeoutSeconds: options.pgetTimeoutSeconds ?? 180,
    httpMarginMs: options.httpMarginMs ?? 30_000,
    pgetGraceMs: options.pgetGraceMs ?? DEFAULT_PGET_GRACE_MS,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    pgetMinIntervalMs: options.pgetMinIntervalMs ?? DEFAULT_PGET_MIN_INTERVAL_MS,
    resetMinIntervalMs: options.resetMinIntervalMs ?? DEFAULT_RESET_MIN_INTERVAL_MS,
    reportActivityPeriodMs: options.reportActivityPeriodMs ?? REPORT_ACTIVITY_PERIOD_MS,
    initialConnectAttempts: options.initialConnectAttempts ?? 3,
    trust: { ...DEFAULT_TRUST_POLICY, ...options.trust },
    limits: { ...DEFAULT_BODY_LIMITS, ...options.limits },
  };
}
