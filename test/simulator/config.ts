/**
 * Every number the reference marks configurable (ucwa-protocol.md §10 ⚙), with the documented
 * defaults. All keys can be changed at runtime through `PATCH /_sim/config`.
 */
export interface SimConfig {
  tokenLifetimeSeconds: number;
  /** P-GET hold time when the client sends no `timeout`. */
  pgetTimeoutSeconds: number;
  pgetTimeoutMin: number;
  pgetTimeoutMax: number;
  mediumWindowSeconds: number;
  lowWindowSeconds: number;
  /** An application is terminated this long after its last P-GET ended with no new one. */
  appReapSeconds: number;
  reapedStatus: 404 | 410;
  /** A P-GET arriving this long after the previous one ended gets `resume` instead of `next`. */
  resumeAfterSeconds: number;
  inactiveTimeoutSeconds: number;
  awayTimeoutSeconds: number;
  /**
   * After makeMeAvailable, no reportMyActivity for this long terminates the application with
   * 410 InactiveApplicationExpired. 0 = never (the real duration is unconfirmed).
   */
  activityExpirySeconds: number;
  contactsSubscriptionWarningSeconds: number;
  presenceSubscriptionWarningSeconds: number;
  emptySender: 'array' | 'omit';
  retainedEventBatches: number;
  maxApplicationsPerUser: number;
  batchLimit: number;
  splitApplicationsHost: boolean;
  rootRedirect: boolean;
  /**
   * The UCWA 2.0 contact-list management resources (myGroupMemberships2, group2, addToContactList…)
   * are linked and answer; false = a read-only contact list (no management links, changes → 403).
   */
  contactListManagement: boolean;
  /** Personal groups a user may have; one more → 409 TooManyGroups. */
  maxGroups: number;
  /** Distinct contacts on a user's list; one more → 409 TooManyContacts (Skype for Business default 250). */
  maxContacts: number;
}

export const DEFAULT_CONFIG: Readonly<SimConfig> = {
  tokenLifetimeSeconds: 28_800,
  pgetTimeoutSeconds: 180,
  pgetTimeoutMin: 180,
  pgetTimeoutMax: 1800,
  mediumWindowSeconds: 5,
  lowWindowSeconds: 15,
  appReapSeconds: 900,
  reapedStatus: 404,
  resumeAfterSeconds: 600,
  inactiveTimeoutSeconds: 300,
  awayTimeoutSeconds: 600,
  activityExpirySeconds: 0,
  contactsSubscriptionWarningSeconds: 180,
  presenceSubscriptionWarningSeconds: 60,
  emptySender: 'array',
  retainedEventBatches: 50,
  maxApplicationsPerUser: 10,
  batchLimit: 100,
  splitApplicationsHost: false,
  rootRedirect: false,
  contactListManagement: true,
  maxGroups: 64,
  maxContacts: 250,
};

/** Thrown for a patch that names an unknown key or carries a value of the wrong kind. */
export class ConfigError extends Error {}

/**
 * Validates `patch` against the config's shape and returns the merged config.
 * Pure: the caller decides where the result lives.
 */
export function mergeConfig(current: Readonly<SimConfig>, patch: unknown): SimConfig {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new ConfigError('config patch must be a JSON object');
  }
  const next: SimConfig = { ...current };
  const target = next as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in DEFAULT_CONFIG)) throw new ConfigError(`unknown config key ${key}`);
    const expected = typeof DEFAULT_CONFIG[key as keyof SimConfig];
    if (typeof value !== expected) throw new ConfigError(`${key} must be a ${expected}`);
    if (typeof value === 'number' && !(Number.isFinite(value) && value >= 0)) {
      throw new ConfigError(`${key} must be a non-negative number`);
    }
    target[key] = value;
  }
  if (next.reapedStatus !== 404 && next.reapedStatus !== 410) throw new ConfigError('reapedStatus must be 404 or 410');
  if (next.emptySender !== 'array' && next.emptySender !== 'omit') throw new ConfigError("emptySender must be 'array' or 'omit'");
  if (next.pgetTimeoutMin > next.pgetTimeoutMax) throw new ConfigError('pgetTimeoutMin must not exceed pgetTimeoutMax');
  return next;
}
