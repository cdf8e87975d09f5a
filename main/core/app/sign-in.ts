import type { SignInForm, SignInResult } from '../../../shared/ipc-contract';
import type { SessionState } from '../../../shared/models';
import type { AdminPolicy } from '../admin-policy';
import type { Engine } from '../engine-api';
import type { SignInTarget } from './auto-sign-in';
import type { Credentials } from './credentials';
import type { Notifications } from './notifications';
import type { PresenceChoice } from './presence-choice';
import { signInFailure, validateSignInForm } from './sign-in-result';
import type { SignInSettings } from './sign-in-settings';

export interface SignInDeps {
  readonly engine: Engine;
  readonly policy: AdminPolicy;
  readonly session: () => SessionState;
  readonly choice: PresenceChoice;
  readonly notifications: Pick<Notifications, 'userSignOut'>;
  readonly signInSettings: SignInSettings;
  readonly credentials: Credentials;
  /** Runs before every sign-in reaches the engine (a pending automatic retry is dropped). */
  readonly beforeConnect: () => void;
}

/** Signing in: the form checked, the engine asked with the saved presence, what worked remembered. */
export interface SignIn {
  /** Signs in with these, signing out first if a session runs; rejects like `Engine.signIn`. */
  connect(target: SignInTarget): Promise<void>;
  /** The sign-in window's verb: a result that says what to fix, never a rejection. */
  signIn(form: SignInForm): Promise<SignInResult>;
  dispose(): void;
}

export function createSignIn(deps: SignInDeps): SignIn {
  const { engine, policy } = deps;

  async function connect({ address, password, discoveryUrl }: SignInTarget): Promise<void> {
    deps.beforeConnect();
    const state = deps.session().state;
    if (state !== 'signedOut' && state !== 'error') {
      deps.notifications.userSignOut(true);
      await engine.signOut();
    }
    deps.notifications.userSignOut(false);
    const request = discoveryUrl === undefined ? { address, password } : { address, password, discoveryUrl };
    await engine.signIn(request, deps.choice.saved());
  }

  async function signIn(form: SignInForm): Promise<SignInResult> {
    const valid = validateSignInForm(form, policy);
    if ('ok' in valid) return valid;
    try {
      await connect(valid);
    } catch (error) {
      const typedDiscoveryUrl = policy.discoveryUrl === undefined && valid.discoveryUrl !== undefined;
      return signInFailure(error, deps.session(), form.password, typedDiscoveryUrl);
    }
    deps.signInSettings.remember(valid);
    await deps.credentials.keep({ password: valid.password, keepSignedIn: form.keepSignedIn, acceptWeakStorage: form.acceptWeakStorage });
    return { ok: true };
  }

  return { connect, signIn, dispose: () => undefined };
}
