import type { SchedulerLike } from 'rxjs';
import type { Disposable } from '../lifetime/disposable-store';
import type { FetchLike, Logger } from '../ports';
import type { Authenticator } from '../ucwa/http-client';
import { createTokenStore, grantUsername, type TokenStore } from '../ucwa/token';
import { UcwaError } from '../ucwa/ucwa-error';

/** What every sign-in's token store is built from. */
export interface TokenLifecycleOptions {
  readonly fetch: FetchLike;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly admit: (url: string) => Promise<void>;
  /** Called before each token request (the session shows `authenticating`). */
  readonly onAuthenticate: () => void;
}

/**
 * The tokens of the sign-in in progress: one token store per sign-in, none between sign-ins. Its
 * `authenticator` is what the HTTP client asks, for the engine's lifetime.
 */
export interface TokenLifecycle extends Disposable {
  readonly authenticator: Authenticator;
  /** A fresh token store for these credentials (the previous one must have ended). */
  begin(address: string, password: string): void;
  /** Forgets every token but keeps the credentials (the server wants us to authenticate again). */
  clear(): void;
  /** Forgets the tokens and the credentials (sign-out). */
  end(): void;
}

export function createTokenLifecycle(options: TokenLifecycleOptions): TokenLifecycle {
  let tokens: TokenStore | undefined;
  const end = (): void => {
    tokens?.clear();
    tokens = undefined;
  };
  return {
    authenticator: {
      authorization: (origin) => tokens?.authorization(origin),
      authenticate: (origin, challenge, rejected) => {
        if (tokens === undefined) return Promise.reject(new UcwaError('http', 'Not signed in.', { status: 401 }));
        options.onAuthenticate();
        return tokens.authenticate(origin, challenge, rejected);
      },
    },
    begin: (address, password) => {
      tokens = createTokenStore({
        fetch: options.fetch,
        scheduler: options.scheduler,
        logger: options.logger,
        credentials: { username: grantUsername(address), password },
        timeoutMs: options.timeoutMs,
        admit: options.admit,
        maxBodyBytes: options.maxBodyBytes,
      });
    },
    clear: () => tokens?.clear(),
    end,
    dispose: end,
  };
}
