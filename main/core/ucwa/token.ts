import ky, { type KyInstance } from 'ky';
import type { SchedulerLike, Subscription } from 'rxjs';
import type { FetchLike, Logger } from '../ports';
import { SessionFailure } from '../session/session-failure';
import type { Authenticator } from './http-client';
import {
  BODY_DEADLINE_SLACK_MS,
  DEFAULT_BODY_LIMITS,
  networkError,
  parseBoundedJson,
  parseRetryAfter,
  readBoundedText,
  redactUrl,
} from './http-client';
import { isJsonObject } from './hal';
import { UcwaError } from './ucwa-error';
import type { OAuthChallenge } from './www-authenticate';

/** A token as the token endpoint returned it (ucwa-protocol.md §2.3). */
export interface AccessToken {
  /** `${token_type} ${access_token}`, i.e. `Bearer cwt=…`. Never logged. */
  readonly authorization: string;
  readonly expiresInSeconds: number;
}

/** Parses the token endpoint's JSON; anything else is `malformed`. */
export function parseTokenResponse(body: unknown): AccessToken {
  if (typeof body !== 'object' || body === null) throw new UcwaError('malformed', 'The token answer is not JSON.');
  const record = body as Record<string, unknown>;
  const accessToken = record['access_token'];
  const tokenType = typeof record['token_type'] === 'string' ? record['token_type'] : 'Bearer';
  const expiresIn = lifetimeSeconds(record['expires_in']);
  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    throw new UcwaError('malformed', 'The token answer has no access_token.');
  }
  return {
    authorization: `${tokenType} ${accessToken}`,
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
  };
}

/**
 * `expires_in` as a number of seconds, NaN when it is neither a number nor a numeric string. Never
 * `Number(value)` on an object: `{"toString":1}` from a hostile server would throw an untyped TypeError.
 */
function lifetimeSeconds(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** When to renew: at `fraction` (default 85 %) of the lifetime, never sooner than 30 s. */
export function renewalDelayMs(expiresInSeconds: number, fraction = 0.85): number {
  return Math.max(30_000, Math.floor(expiresInSeconds * fraction * 1000));
}

/** The user name the password grant wants: the sign-in address without `sip:`. */
export function grantUsername(address: string): string {
  return address.trim().replace(/^sip:/i, '');
}

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface TokenStoreOptions {
  readonly fetch: FetchLike;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  readonly credentials: Credentials;
  readonly timeoutMs?: number;
  /** Fraction of `expires_in` after which the token is renewed. */
  readonly renewFraction?: number;
  /**
   * The trust rules: rejects when the token URL must not get the password (not https, untrusted
   * host). Absent: only the same-origin rule applies (unit tests of other concerns).
   */
  readonly admit?: (url: string) => Promise<void>;
  /** Largest token answer read, in bytes. */
  readonly maxBodyBytes?: number;
}

export interface TokenStore extends Authenticator {
  /** Forgets every token and cancels renewals (sign-out). */
  clear(): void;
  /** Drops the token for one origin (the server refused it even after a renewal). */
  forget(origin: string): void;
}

interface HeldToken {
  readonly token: AccessToken;
  readonly challenge: OAuthChallenge;
  readonly renewal: Subscription;
}

/** What one token request needs: the transport, the password, the trust rules and the caps. */
interface TokenRequester {
  readonly http: KyInstance;
  readonly credentials: Credentials;
  readonly admit: (url: string) => Promise<void>;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

function tokenRequester(options: TokenStoreOptions): TokenRequester {
  return {
    // Redirects are never followed: a 307 would carry the password to wherever it points.
    http: ky.create({ fetch: options.fetch, retry: 0, throwHttpErrors: false, redirect: 'manual' }),
    credentials: options.credentials,
    admit: options.admit ?? (() => Promise.resolve()),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_BODY_LIMITS.maxJsonBytes,
  };
}

/** Posts the password grant and reads the answer's body; no HTTP answer is a `network` error. */
async function postPasswordGrant(
  requester: TokenRequester,
  tokenUrl: string,
  signal: AbortSignal,
): Promise<{ readonly response: Response; readonly text: string }> {
  const form = new URLSearchParams({
    grant_type: 'password',
    username: requester.credentials.username,
    password: requester.credentials.password,
  });
  try {
    const response = await requester.http.post(tokenUrl, {
      body: form,
      headers: { Accept: 'application/json' },
      timeout: requester.timeoutMs,
      signal,
    });
    if (response.status >= 300 && response.status <= 399) {
      await response.body?.cancel().catch(() => undefined);
      throw SessionFailure.of(
        'untrustedHost',
        `The token service at ${new URL(tokenUrl).host} tried to send your password elsewhere; not following it.`,
      );
    }
    return { response, text: await readBoundedText(response, requester.maxBodyBytes, tokenUrl) };
  } catch (error) {
    if (error instanceof SessionFailure || error instanceof UcwaError) throw error;
    throw networkError(error, tokenUrl);
  }
}

/** The failure the user must fix that an OAuth 400 body names; undefined for any other body. */
function oauthFailure(text: string): SessionFailure | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: no OAuth error, the generic error follows
  }
  const oauthError = isJsonObject(parsed) ? parsed['error'] : undefined;
  if (oauthError === 'invalid_grant') {
    return SessionFailure.of('wrongPassword', 'The sign-in address or password is wrong. Check them and sign in again.');
  }
  if (oauthError === 'unsupported_grant_type') {
    return SessionFailure.of('grantNotSupported', 'This server does not accept password sign-in.');
  }
  return undefined;
}

async function requestToken(requester: TokenRequester, challenge: OAuthChallenge, signal: AbortSignal): Promise<AccessToken> {
  if (!challenge.grantTypes.includes('password')) {
    throw SessionFailure.of(
      'grantNotSupported',
      'This server does not accept a user name and password (it only offers Windows or web sign-in).',
    );
  }
  await requester.admit(challenge.tokenUrl);
  const { response, text } = await postPasswordGrant(requester, challenge.tokenUrl, signal);
  const failure = response.status === 400 ? oauthFailure(text) : undefined;
  if (failure !== undefined) throw failure;
  if (response.status < 200 || response.status > 299) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    throw new UcwaError('http', `The token service at ${redactUrl(challenge.tokenUrl)} answered ${response.status}.`, {
      status: response.status,
      url: redactUrl(challenge.tokenUrl),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  const body = parseBoundedJson(text, DEFAULT_BODY_LIMITS.maxJsonDepth, challenge.tokenUrl);
  return parseTokenResponse(body);
}

/**
 * Runs one token request under a deadline on the injected scheduler (ky's timeout covers only
 * the wait for headers; a token service stalling mid-body must not block sign-in).
 */
function withDeadline(
  requester: TokenRequester,
  scheduler: SchedulerLike,
  challenge: OAuthChallenge,
): { promise: Promise<AccessToken>; abort: () => void } {
  const controller = new AbortController();
  let timer: Subscription | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = scheduler.schedule(() => {
      controller.abort();
      reject(networkError(Object.assign(new Error('deadline'), { name: 'TimeoutError' }), challenge.tokenUrl));
    }, requester.timeoutMs + BODY_DEADLINE_SLACK_MS);
  });
  const promise = Promise.race([requestToken(requester, challenge, controller.signal), deadline]).finally(() =>
    timer?.unsubscribe(),
  );
  return {
    promise,
    abort: () => {
      timer?.unsubscribe();
      controller.abort();
    },
  };
}

/**
 * The origin that issues the challenge's tokens, which must be `origin` itself: a token is only
 * sent to the origin that issued it, so a token from elsewhere would not help, and fetching one
 * would hand the password to whoever the challenge names.
 */
function checkIssuer(origin: string, challenge: OAuthChallenge): void {
  let issuer: string;
  try {
    issuer = new URL(challenge.tokenUrl).origin;
  } catch {
    throw new UcwaError('malformed', 'The sign-in challenge names a token URL that is not a URL.');
  }
  if (issuer !== origin) {
    throw SessionFailure.of(
      'untrustedHost',
      `${new URL(origin).host} asked for a sign-in at ${new URL(issuer).host}, a different server: not sending your password or a token.`,
    );
  }
}

/** Schedules `renew` before `token` expires; a failed renewal is logged and the token kept. */
function scheduleRenewal(options: TokenStoreOptions, origin: string, token: AccessToken, renew: () => Promise<void>): Subscription {
  return options.scheduler.schedule(() => {
    void renew().catch((error: unknown) => {
      options.logger.log('warn', 'token renewal failed; keeping the current token until the server refuses it', {
        host: new URL(origin).host,
        error: error instanceof Error ? error.message : 'unknown',
      });
    });
  }, renewalDelayMs(token.expiresInSeconds, options.renewFraction));
}

/**
 * Password-grant tokens, one per origin (§2.4). The token URL and the allowed grants come from the
 * server's challenge, never from a hard-coded path. A token belongs to the origin that issued it
 * (the token URL's origin) and is only ever sent there: a challenge naming a token service on
 * another origin gets nothing, and the password only goes to a token URL the trust rules admit.
 * Each token is renewed via the injected scheduler before it expires (§2.5); a failed renewal keeps
 * the old token until a 401 says otherwise. Every token request has a whole-request deadline.
 */
export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const requester = tokenRequester(options);
  const held = new Map<string, HeldToken>();
  const inFlight = new Map<string, { readonly promise: Promise<void>; readonly abort: () => void }>();
  // Bumped by clear(): an answer that arrives for a cleared store is dropped, not stored.
  let generation = 0;

  function store(origin: string, token: AccessToken, challenge: OAuthChallenge): void {
    held.get(origin)?.renewal.unsubscribe();
    const renewal = scheduleRenewal(options, origin, token, () => acquire(origin, challenge));
    held.set(origin, { token, challenge, renewal });
  }

  function acquire(origin: string, challenge: OAuthChallenge): Promise<void> {
    const pending = inFlight.get(origin);
    if (pending !== undefined) return pending.promise;
    const started = generation;
    const request = withDeadline(requester, options.scheduler, challenge);
    const promise = request.promise
      .then((token) => {
        if (started !== generation) return;
        store(origin, token, challenge);
        options.logger.log('info', 'token acquired', { host: new URL(origin).host, expiresIn: token.expiresInSeconds });
      })
      .finally(() => {
        // A failed or finished request never stays shared; a newer one (after clear()) is left alone.
        if (inFlight.get(origin)?.promise === promise) inFlight.delete(origin);
      });
    inFlight.set(origin, { promise, abort: request.abort });
    return promise;
  }

  return {
    authorization: (origin) => held.get(origin)?.token.authorization,
    authenticate(origin: string, challenge: OAuthChallenge, rejected: string | undefined): Promise<void> {
      try {
        checkIssuer(origin, challenge);
      } catch (error) {
        return Promise.reject(error);
      }
      const current = held.get(origin)?.token.authorization;
      // Another request already replaced the token the server refused: just retry with it.
      if (current !== undefined && current !== rejected && !inFlight.has(origin)) return Promise.resolve();
      return acquire(origin, challenge);
    },
    forget(origin: string): void {
      held.get(origin)?.renewal.unsubscribe();
      held.delete(origin);
    },
    clear(): void {
      generation += 1;
      for (const entry of held.values()) entry.renewal.unsubscribe();
      held.clear();
      for (const pending of inFlight.values()) pending.abort();
      inFlight.clear();
    },
  };
}
