import { SETTABLE_AVAILABILITIES, type SettableAvailability } from '../../../shared/availability';
import { SUPPORTED_LOCALES, type LanguageChoice } from '../../../shared/i18n';
import { TIMED_AVAILABILITIES, type TimedStatus } from './timed-status';

/**
 * The app's persistent, non-secret settings (electron-store in the app, a plain object in tests).
 * Passwords and tokens never go here: they live in the SecretStore.
 */
export interface AppSettings {
  /** Explicit autodiscovery URL; empty = lyncdiscover DNS names. */
  discoveryUrl: string;
  signInAddress: string;
  /** The user asked us to store the password (SecretStore) and sign in at start. */
  keepSignedIn: boolean;
  /** Manually chosen availability, restored at sign-in; null = automatic. */
  lastAvailability: SettableAvailability | null;
  note: string;
  timedStatus: TimedStatus | null;
  /** null = the user never chose (an admin default may apply). */
  autostart: boolean | null;
  awayOnLock: boolean;
  notifications: boolean;
  /** Persistent per-install GUID sent as the UCWA EndpointId. */
  endpointId: string;
  /** Contact URIs: "tell me when they are available". */
  watchedContacts: string[];
  /** The Language menu's choice: `system` follows the OS preference list. */
  language: LanguageChoice;
  /** The user's answers to "continue on this host?", keyed `"<sign-in domain> <host>"`. */
  trustAnswers: Record<string, boolean>;
}

export const DEFAULT_APP_SETTINGS: AppSettings = {
  discoveryUrl: '',
  signInAddress: '',
  keepSignedIn: false,
  lastAvailability: null,
  note: '',
  timedStatus: null,
  autostart: null,
  awayOnLock: false,
  notifications: true,
  endpointId: '',
  watchedContacts: [],
  language: 'system',
  trustAnswers: {},
};

/** Most answers kept: one per foreign host the user was asked about. */
export const TRUST_ANSWERS_MAX = 100;

/** Longest note we accept (UCWA servers reject very long notes; Skype clients cap far lower). */
export const NOTE_MAX_LENGTH = 500;

const availabilityOrNull = { anyOf: [{ type: 'string', enum: [...SETTABLE_AVAILABILITIES] }, { type: 'null' }] };

/**
 * JSON Schema (draft 2020-12 / ajv) for every key, in the per-property shape electron-store's and
 * conf's `schema` option expects. Plain data so the engine layer can own it.
 */
export const APP_SETTINGS_SCHEMA = {
  discoveryUrl: { type: 'string', maxLength: 2048, anyOf: [{ const: '' }, { pattern: '^https?://' }] },
  signInAddress: { type: 'string', maxLength: 320 },
  keepSignedIn: { type: 'boolean' },
  lastAvailability: availabilityOrNull,
  note: { type: 'string', maxLength: NOTE_MAX_LENGTH },
  timedStatus: {
    anyOf: [
      { type: 'null' },
      {
        type: 'object',
        additionalProperties: false,
        required: ['availability', 'until', 'previous'],
        properties: {
          availability: { type: 'string', enum: [...TIMED_AVAILABILITIES] },
          until: { type: 'number', minimum: 0 },
          previous: availabilityOrNull,
        },
      },
    ],
  },
  autostart: { type: ['boolean', 'null'] },
  awayOnLock: { type: 'boolean' },
  notifications: { type: 'boolean' },
  endpointId: { type: 'string', pattern: '^$|^[0-9a-fA-F-]{36}$' },
  watchedContacts: { type: 'array', maxItems: 1000, items: { type: 'string', pattern: '^sip:', maxLength: 320 } },
  language: { type: 'string', enum: ['system', ...SUPPORTED_LOCALES] },
  trustAnswers: {
    type: 'object',
    maxProperties: TRUST_ANSWERS_MAX,
    propertyNames: { maxLength: 600, pattern: '^[^ ]+ [^ ]+$' },
    additionalProperties: { type: 'boolean' },
  },
} as const;

/** A SettingsStore over a plain object: tests and the headless CLI. */
export function memorySettings(initial: Partial<AppSettings> = {}): {
  get<K extends keyof AppSettings>(key: K): AppSettings[K];
  set<K extends keyof AppSettings>(key: K, value: AppSettings[K]): void;
} {
  const values: AppSettings = { ...DEFAULT_APP_SETTINGS, ...initial };
  return {
    get: (key) => values[key],
    set: (key, value) => {
      values[key] = value;
    },
  };
}
