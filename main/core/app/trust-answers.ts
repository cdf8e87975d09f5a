import type { SettingsStore } from '../ports';
import type { TrustMemory } from '../ucwa/trust';
import { type AppSettings, TRUST_ANSWERS_MAX } from './app-settings';

/**
 * The user's answers to "continue on this host?" kept in the settings, so a host asked about once is
 * not asked again at the next start. The newest answers win when the cap is reached.
 */
export function settingsTrustMemory(settings: SettingsStore<Pick<AppSettings, 'trustAnswers'>>): TrustMemory {
  const read = (): Record<string, boolean> => settings.get('trustAnswers');
  return {
    get: (key) => (Object.hasOwn(read(), key) ? read()[key] : undefined),
    set: (key, yes) => {
      const kept = Object.entries(read()).filter(([known]) => known !== key);
      settings.set('trustAnswers', Object.fromEntries([...kept, [key, yes] as const].slice(-TRUST_ANSWERS_MAX)));
    },
    entries: () => Object.entries(read()),
  };
}
