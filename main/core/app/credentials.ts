import type { AdminPolicy } from '../admin-policy';
import type { Logger, Notifier, SecretStore, SettingsStore } from '../ports';
import type { AppSettings } from './app-settings';
import { safely } from './safely';

/** The SecretStore key of the remembered password. */
export const PASSWORD_SECRET = 'password';

export interface CredentialsDeps {
  readonly secrets: SecretStore;
  readonly settings: SettingsStore<AppSettings>;
  readonly policy: AdminPolicy;
  readonly notifier: Notifier;
  readonly logger?: Logger;
}

/** What the sign-in form said about keeping the password. */
export interface KeepRequest {
  readonly password: string;
  readonly keepSignedIn: boolean;
  readonly acceptWeakStorage: boolean;
}

/** "Keep me signed in": the password in the OS keychain, and whether a start may use it. */
export interface Credentials {
  /** Asks the keychain how strong it is; until then it counts as unavailable. */
  probe(): Promise<void>;
  /** Storing is allowed by the admin and possible on this machine. */
  keepAllowed(): boolean;
  /** The keychain only obfuscates (Linux `basic_text`): storing needs the user's consent. */
  weakStorage(): boolean;
  /** After a sign-in: stores the password when asked, allowed and possible; otherwise forgets it. */
  keep(request: KeepRequest): Promise<void>;
  /** Forgets the password; the next start asks for it. */
  forget(): Promise<void>;
  /** The stored password when a start may sign in with it; null otherwise (trouble reading is told). */
  stored(): Promise<string | null>;
  dispose(): void;
}

export function createCredentials(deps: CredentialsDeps): Credentials {
  const { secrets, settings, policy } = deps;
  let backend: 'strong' | 'weak' | 'unavailable' = 'unavailable';

  /** Told whatever the notification setting: it changes what the user must do. */
  const reportTrouble = (title: string, error: unknown, advice: string): void => {
    const why = error instanceof Error ? error.message : 'unknown error';
    deps.logger?.log('warn', `${title}: ${why}`);
    deps.notifier.notify(title, `${why} ${advice}`);
  };

  async function forget(): Promise<void> {
    settings.set('keepSignedIn', false);
    await safely(deps.logger, 'forget password', () => secrets.delete(PASSWORD_SECRET));
  }

  async function keep(request: KeepRequest): Promise<void> {
    const consented = backend === 'strong' || (backend === 'weak' && request.acceptWeakStorage);
    if (!(request.keepSignedIn && policy.allowKeepSignedIn && consented)) return forget();
    try {
      await secrets.set(PASSWORD_SECRET, request.password);
    } catch (error) {
      // Signed in, but not kept: say so now rather than at the next start.
      settings.set('keepSignedIn', false);
      return reportTrouble('Your password could not be saved', error, 'You are signed in, but you will have to sign in again next time.');
    }
    // Only once the password is stored: a start that finds keepSignedIn must find the password too.
    settings.set('keepSignedIn', true);
  }

  async function stored(): Promise<string | null> {
    if (!settings.get('keepSignedIn') || !policy.allowKeepSignedIn) return null;
    try {
      return await secrets.get(PASSWORD_SECRET);
    } catch (error) {
      reportTrouble('Your saved password could not be read', error, 'Please sign in again.');
      return null;
    }
  }

  return {
    async probe() {
      backend = await secrets.backend().catch(() => 'unavailable' as const);
    },
    keepAllowed: () => policy.allowKeepSignedIn && backend !== 'unavailable',
    weakStorage: () => backend === 'weak',
    keep,
    forget,
    stored,
    dispose: () => undefined,
  };
}
