import { timer, type SchedulerLike, type Subscription } from 'rxjs';
import type { SessionState } from '../../../shared/models';
import type { Logger } from '../ports';
import { signInFailure } from './sign-in-result';

/** Backoff for retrying an automatic sign-in at start that failed for network reasons. */
export const AUTO_SIGN_IN_RETRY_BASE_MS = 15_000;
export const AUTO_SIGN_IN_RETRY_MAX_MS = 5 * 60_000;

/** Who signs in where; `discoveryUrl` undefined = lyncdiscover DNS names. */
export interface SignInTarget {
  readonly address: string;
  readonly password: string;
  readonly discoveryUrl: string | undefined;
}

export interface AutoSignInDeps {
  /** Signs in; rejects like `Engine.signIn`. */
  readonly connect: (target: SignInTarget) => Promise<void>;
  readonly session: () => SessionState;
  readonly scheduler: SchedulerLike;
  readonly logger?: Logger;
}

/** The sign-in at start with the stored password, retried while the network is not there yet. */
export interface AutoSignIn {
  /**
   * Signs in; a failure the user must fix (wrong password…) resolves `needsSignIn: true`, anything
   * else is retried with backoff while signed out (e.g. Wi-Fi not up yet at login).
   */
  run(target: SignInTarget): Promise<{ readonly needsSignIn: boolean }>;
  /** Drops a pending retry (the user signed in or out meanwhile). */
  cancel(): void;
  dispose(): void;
}

export function createAutoSignIn(deps: AutoSignInDeps): AutoSignIn {
  let retry: Subscription | null = null;
  const cancel = (): void => {
    retry?.unsubscribe();
    retry = null;
  };

  async function attempt(target: SignInTarget, count: number): Promise<{ readonly needsSignIn: boolean }> {
    try {
      await deps.connect(target);
      return { needsSignIn: false };
    } catch (error) {
      const failure = signInFailure(error, deps.session(), target.password);
      deps.logger?.log('warn', `automatic sign-in failed: ${failure.message}`);
      if (failure.field !== undefined) return { needsSignIn: true };
      const delay = Math.min(AUTO_SIGN_IN_RETRY_MAX_MS, AUTO_SIGN_IN_RETRY_BASE_MS * 2 ** count);
      cancel();
      retry = timer(delay, deps.scheduler).subscribe(() => {
        const state = deps.session().state;
        if (state === 'signedOut' || state === 'error') void attempt(target, count + 1);
      });
      return { needsSignIn: false };
    }
  }

  return { run: (target) => attempt(target, 0), cancel, dispose: cancel };
}
