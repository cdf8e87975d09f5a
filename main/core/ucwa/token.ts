import ky from 'ky';
import type { SchedulerLike, Subscription } from 'rxjs';
import type { FetchLike, Logger } from '../ports';
import { SessionFailure } from '../session/session-failure';
import type { Authenticator } from './http-client';
import { networkError, parseRetryAfter, redactUrl } from './http-client';
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
  const expiresIn = Number(record['expires_in']);
  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    throw new UcwaError('malformed', 'The token answer has no access_token.');
  }
  return {
    authorization: `${tokenType} ${accessToken}`,
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
  };
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

/**
 * Password-grant tokens, one per host (§2.4). The token URL and the allowed grants come from the
 * server's challenge, never from a hard-coded path. Each token is renewed via the injected
 * scheduler before it expires (§2.5); a failed renewal keeps the old token until a 401 says otherwise.
 */
export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const { scheduler, logger, credentials } = options;
  const held = new Map<string, HeldToken>();
  const inFlight = new Map<string, Promise<void>>();
  const http = ky.create({ fetch: options.fetch, retry: 0, throwHttpErrors: false });

  async function requestToken(challenge: OAuthChallenge): Promise<AccessToken> {
    if (!challenge.grantTypes.includes('password')) {
      throw SessionFailure.of(
        'grantNotSupported',
        'This server does not accept a user name and password (it only offers Windows or web sign-in).',
      );
    }
    const form = new URLSearchParams({
      grant_type: 'password',
      username: credentials.username,
      password: credentials.password,
    });
    let response: Response;
    try {
      response = await http.post(challenge.tokenUrl, {
        body: form,
        headers: { Accept: 'application/json' },
        timeout: options.timeoutMs ?? 30_000,
      });
    } catch (error) {
      throw networkError(error, challenge.tokenUrl);
    }
    const text = await response.text().catch(() => '');
    if (response.status === 400) {
      let oauthError = '';
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null) oauthError = String((parsed as Record<string, unknown>)['error'] ?? '');
      } catch {
        // not JSON: fall through to the generic error
      }
      if (oauthError === 'invalid_grant') {
        throw SessionFailure.of('wrongPassword', 'The sign-in address or password is wrong. Check them and sign in again.');
      }
      if (oauthError === 'unsupported_grant_type') {
        throw SessionFailure.of('grantNotSupported', 'This server does not accept password sign-in.');
      }
    }
    if (response.status < 200 || response.status > 299) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      throw new UcwaError('http', `The token service at ${redactUrl(challenge.tokenUrl)} answered ${response.status}.`, {
        status: response.status,
        url: redactUrl(challenge.tokenUrl),
        ...(retryAfter !== undefined ? { retryAfter } : {}),
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new UcwaError('malformed', 'The token answer is not JSON.');
    }
    return parseTokenResponse(body);
  }

  function store(origin: string, token: AccessToken, challenge: OAuthChallenge): void {
    held.get(origin)?.renewal.unsubscribe();
    const renewal = scheduler.schedule(() => {
      void acquire(origin, challenge).catch((error: unknown) => {
        logger.log('warn', 'token renewal failed; keeping the current token until the server refuses it', {
          host: new URL(origin).host,
          error: error instanceof Error ? error.message : 'unknown',
        });
      });
    }, renewalDelayMs(token.expiresInSeconds, options.renewFraction));
    held.set(origin, { token, challenge, renewal });
  }

  function acquire(origin: string, challenge: OAuthChallenge): Promise<void> {
    const pending = inFlight.get(origin);
    if (pending !== undefined) return pending;
    const promise = requestToken(challenge)
      .then((token) => {
        store(origin, token, challenge);
        logger.log('info', 'token acquired', { host: new URL(origin).host, expiresIn: token.expiresInSeconds });
      })
      .finally(() => inFlight.delete(origin));
    inFlight.set(origin, promise);
    return promise;
  }

  return {
    authorization(origin: string): string | undefined {
      return held.get(origin)?.token.authorization;
    },
    authenticate(origin: string, challenge: OAuthChallenge, rejected: string | undefined): Promise<void> {
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
      for (const entry of held.values()) entry.renewal.unsubscribe();
      held.clear();
    },
  };
}
