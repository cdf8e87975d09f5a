import { randomUUID } from 'node:crypto';
import Store, { type Schema } from 'electron-store';
import { APP_SETTINGS_SCHEMA, DEFAULT_APP_SETTINGS, type AppSettings } from '../core/app/app-settings';
import type { Logger, SettingsStore } from '../core/ports';

/** The schema in the shape electron-store/conf type it (our constant is deeply readonly). */
export const SETTINGS_SCHEMA = APP_SETTINGS_SCHEMA as unknown as Schema<AppSettings>;

/**
 * Settings in electron-store (JSON in userData, validated against the schema on every write).
 * A file that no longer matches the schema (hand-edited, older version) is set aside and
 * replaced by defaults rather than crashing the app at login.
 */
export function createElectronStoreSettings(logger: Logger, options: { readonly cwd?: string } = {}): SettingsStore<AppSettings> {
  const open = (): Store<AppSettings> =>
    new Store<AppSettings>({
      name: 'settings',
      schema: SETTINGS_SCHEMA,
      defaults: DEFAULT_APP_SETTINGS,
      clearInvalidConfig: true,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
  let store: Store<AppSettings>;
  try {
    store = open();
  } catch (error) {
    logger.log('warn', `settings file invalid, starting from defaults: ${error instanceof Error ? error.message : 'unknown'}`);
    store = new Store<AppSettings>({ name: 'settings', defaults: DEFAULT_APP_SETTINGS, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
    store.clear();
    store = open();
  }
  if (store.get('endpointId') === '') store.set('endpointId', randomUUID());
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
  };
}
