import type { SignInDefaults } from '../../../shared/ipc-contract';
import type { AdminPolicy } from '../admin-policy';
import type { SettingsStore } from '../ports';
import type { AppSettings } from './app-settings';
import type { Credentials } from './credentials';

/** Where to sign in: the admin's preset address and discovery URL over the user's last ones. */
export interface SignInSettings {
  /** The address in force; empty when neither the admin nor the user gave one. */
  address(): string;
  /** The discovery URL in force; empty = lyncdiscover DNS names. */
  discoveryUrl(): string;
  /** Remembers what a successful sign-in used (an admin-preset discovery URL is not the user's). */
  remember(used: { readonly address: string; readonly discoveryUrl: string | undefined }): void;
  /** What the sign-in form shows. */
  defaults(credentials: Credentials): SignInDefaults;
  dispose(): void;
}

export function createSignInSettings(settings: SettingsStore<AppSettings>, policy: AdminPolicy): SignInSettings {
  const address = (): string => policy.signInAddress ?? settings.get('signInAddress');
  const discoveryUrl = (): string => policy.discoveryUrl ?? settings.get('discoveryUrl');
  return {
    address,
    discoveryUrl,
    remember(used) {
      settings.set('signInAddress', used.address);
      if (policy.discoveryUrl === undefined) settings.set('discoveryUrl', used.discoveryUrl ?? '');
    },
    defaults(credentials) {
      const keepSignedInAllowed = credentials.keepAllowed();
      return {
        address: address(),
        discoveryUrl: discoveryUrl(),
        keepSignedIn: keepSignedInAllowed && settings.get('keepSignedIn'),
        keepSignedInAllowed,
        weakSecretStorage: credentials.weakStorage(),
        discoveryUrlLocked: policy.discoveryUrl !== undefined,
      };
    },
    dispose: () => undefined,
  };
}
