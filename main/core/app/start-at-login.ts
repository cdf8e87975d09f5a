import type { AdminPolicy } from '../admin-policy';
import type { Autostart, Logger, SettingsStore } from '../ports';
import type { AppSettings } from './app-settings';
import { safely } from './safely';

export interface StartAtLoginDeps {
  readonly settings: SettingsStore<AppSettings>;
  readonly policy: AdminPolicy;
  /** Absent or unsupported: the app never starts at login and says so. */
  readonly autostart?: Autostart;
  readonly logger?: Logger;
}

/** "Start at login": the OS setting, the user's choice saved, and the admin's default for new users. */
export interface StartAtLogin {
  enabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
  /** Applies the admin's default to a user who never chose. */
  applyAdminDefault(): Promise<void>;
  dispose(): void;
}

export function createStartAtLogin(deps: StartAtLoginDeps): StartAtLogin {
  const { settings, policy, autostart } = deps;
  const setEnabled = async (enabled: boolean): Promise<void> => {
    if (!autostart?.supported) return;
    settings.set('autostart', enabled);
    await safely(deps.logger, 'autostart', () => autostart.setEnabled(enabled));
  };
  return {
    enabled: async () => (autostart?.supported ? autostart.isEnabled() : false),
    setEnabled,
    async applyAdminDefault() {
      if (autostart?.supported && settings.get('autostart') === null && policy.startAtLoginDefault !== undefined) {
        await setEnabled(policy.startAtLoginDefault);
      }
    },
    dispose: () => undefined,
  };
}
