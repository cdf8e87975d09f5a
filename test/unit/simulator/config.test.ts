import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, mergeConfig } from '../../simulator/config';

describe('mergeConfig', () => {
  it('applies known keys and keeps the rest', () => {
    const next = mergeConfig(DEFAULT_CONFIG, { pgetTimeoutSeconds: 300, emptySender: 'omit', reapedStatus: 410 });
    expect(next).toEqual({ ...DEFAULT_CONFIG, pgetTimeoutSeconds: 300, emptySender: 'omit', reapedStatus: 410 });
  });

  it('rejects unknown keys, wrong types and out-of-domain values', () => {
    expect(() => mergeConfig(DEFAULT_CONFIG, { nope: 1 })).toThrow(ConfigError);
    expect(() => mergeConfig(DEFAULT_CONFIG, { pgetTimeoutSeconds: '300' })).toThrow(ConfigError);
    expect(() => mergeConfig(DEFAULT_CONFIG, { reapedStatus: 500 })).toThrow(ConfigError);
    expect(() => mergeConfig(DEFAULT_CONFIG, { emptySender: 'null' })).toThrow(ConfigError);
    expect(() => mergeConfig(DEFAULT_CONFIG, { lowWindowSeconds: -1 })).toThrow(ConfigError);
    expect(() => mergeConfig(DEFAULT_CONFIG, [])).toThrow(ConfigError);
  });
});

describe('contact-list configuration', () => {
  it('defaults to a server with the management resources, 64 groups and 250 contacts', () => {
    expect(DEFAULT_CONFIG.contactListManagement).toBe(true);
    expect(DEFAULT_CONFIG.maxGroups).toBe(64);
    expect(DEFAULT_CONFIG.maxContacts).toBe(250);
  });

  it('switches to the read-only flavour and refuses a non-boolean', () => {
    expect(mergeConfig(DEFAULT_CONFIG, { contactListManagement: false }).contactListManagement).toBe(false);
    expect(() => mergeConfig(DEFAULT_CONFIG, { contactListManagement: 'no' })).toThrow(ConfigError);
  });
});
