import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_POLICY, type AdminPolicy } from '../../../../../main/core/admin-policy';
import { memorySettings, type AppSettings } from '../../../../../main/core/app/app-settings';
import { createCredentials, PASSWORD_SECRET } from '../../../../../main/core/app/credentials';
import { FakeSecrets } from './fake-engine';
import { memoryLogger } from './virtual-clock';

function setup(options: { strength?: 'strong' | 'weak' | 'unavailable'; settings?: Partial<AppSettings>; policy?: AdminPolicy } = {}) {
  const secrets = new FakeSecrets(options.strength ?? 'strong');
  const settings = memorySettings(options.settings);
  const notes: string[] = [];
  const logger = memoryLogger();
  const credentials = createCredentials({
    secrets,
    settings,
    policy: options.policy ?? DEFAULT_ADMIN_POLICY,
    notifier: { notify: (title, body) => notes.push(`${title} | ${body}`) },
    logger,
  });
  return { secrets, settings, notes, logger, credentials };
}

const ask = { password: 'Passw0rd!', keepSignedIn: true, acceptWeakStorage: false };

describe('createCredentials', () => {
  it('counts the keychain as unavailable until probed, then by what it says', async () => {
    const strong = setup();
    expect(strong.credentials.keepAllowed()).toBe(false);
    await strong.credentials.probe();
    expect(strong.credentials.keepAllowed()).toBe(true);
    expect(strong.credentials.weakStorage()).toBe(false);
    const weak = setup({ strength: 'weak' });
    await weak.credentials.probe();
    expect([weak.credentials.keepAllowed(), weak.credentials.weakStorage()]).toEqual([true, true]);
    const none = setup({ strength: 'unavailable' });
    await none.credentials.probe();
    expect(none.credentials.keepAllowed()).toBe(false);
    const broken = setup();
    Object.assign(broken.secrets, { backend: () => Promise.reject(new Error('no D-Bus')) });
    await broken.credentials.probe();
    expect(broken.credentials.keepAllowed()).toBe(false);
    const forbidden = setup({ policy: { allowKeepSignedIn: false } });
    await forbidden.credentials.probe();
    expect(forbidden.credentials.keepAllowed()).toBe(false);
  });

  it('keeps the password when asked on a strong keychain, on a weak one only with consent', async () => {
    const strong = setup();
    await strong.credentials.probe();
    await strong.credentials.keep(ask);
    expect(strong.secrets.values.get(PASSWORD_SECRET)).toBe('Passw0rd!');
    expect(strong.settings.get('keepSignedIn')).toBe(true);

    const weak = setup({ strength: 'weak' });
    await weak.credentials.probe();
    await weak.credentials.keep(ask);
    expect(weak.secrets.values.size).toBe(0);
    await weak.credentials.keep({ ...ask, acceptWeakStorage: true });
    expect(weak.secrets.values.get(PASSWORD_SECRET)).toBe('Passw0rd!');
  });

  it('forgets a kept password when not asked, not allowed or not possible', async () => {
    for (const options of [{}, { policy: { allowKeepSignedIn: false } }, { strength: 'unavailable' as const }]) {
      const { secrets, settings, credentials } = setup({ ...options, settings: { keepSignedIn: true } });
      await secrets.set(PASSWORD_SECRET, 'old');
      await credentials.probe();
      await credentials.keep('policy' in options || 'strength' in options ? ask : { ...ask, keepSignedIn: false });
      expect(secrets.values.size).toBe(0);
      expect(settings.get('keepSignedIn')).toBe(false);
    }
  });

  it('a failed store is told and logged, and keepSignedIn stays off', async () => {
    const { secrets, settings, notes, logger, credentials } = setup({ settings: { notifications: false } });
    secrets.set = () => Promise.reject('locked');
    await credentials.probe();
    await credentials.keep(ask);
    expect(settings.get('keepSignedIn')).toBe(false);
    expect(notes).toEqual(['Your password could not be saved | unknown error You are signed in, but you will have to sign in again next time.']);
    expect(logger.lines).toEqual(['warn Your password could not be saved: unknown error']);
  });

  it('a failed delete is logged, not thrown', async () => {
    const { secrets, settings, logger, credentials } = setup({ settings: { keepSignedIn: true } });
    secrets.delete = () => Promise.reject(new Error('read-only'));
    await expect(credentials.forget()).resolves.toBeUndefined();
    expect(settings.get('keepSignedIn')).toBe(false);
    expect(logger.lines).toEqual(['warn forget password failed: read-only']);
  });

  it('gives the stored password only when kept and allowed; a failed read is told', async () => {
    const kept = setup({ settings: { keepSignedIn: true } });
    expect(await kept.credentials.stored()).toBeNull();
    await kept.secrets.set(PASSWORD_SECRET, 'Passw0rd!');
    expect(await kept.credentials.stored()).toBe('Passw0rd!');

    const notKept = setup();
    await notKept.secrets.set(PASSWORD_SECRET, 'Passw0rd!');
    expect(await notKept.credentials.stored()).toBeNull();
    const forbidden = setup({ settings: { keepSignedIn: true }, policy: { allowKeepSignedIn: false } });
    await forbidden.secrets.set(PASSWORD_SECRET, 'Passw0rd!');
    expect(await forbidden.credentials.stored()).toBeNull();

    const damaged = setup({ settings: { keepSignedIn: true } });
    damaged.secrets.get = () => Promise.reject(new Error('damaged'));
    expect(await damaged.credentials.stored()).toBeNull();
    expect(damaged.notes).toEqual(['Your saved password could not be read | damaged Please sign in again.']);
    expect(damaged.logger.lines).toEqual(['warn Your saved password could not be read: damaged']);
  });

  it('stores nothing without a keychain, even with consent to weak storage', async () => {
    const { secrets, settings, credentials } = setup({ strength: 'unavailable' });
    await credentials.probe();
    await credentials.keep({ ...ask, acceptWeakStorage: true });
    expect(secrets.values.size).toBe(0);
    expect(settings.get('keepSignedIn')).toBe(false);
  });

  it('a failed store turns off a keepSignedIn left from before, so the next start asks', async () => {
    const { secrets, settings, credentials } = setup({ settings: { keepSignedIn: true, notifications: false } });
    secrets.set = () => Promise.reject(new Error('The keychain is locked.'));
    await credentials.probe();
    await credentials.keep(ask);
    expect(settings.get('keepSignedIn')).toBe(false);
    expect(await credentials.stored()).toBeNull();
  });

  it('without a logger, a failed store is still told, not thrown', async () => {
    const notes: string[] = [];
    const secrets = new FakeSecrets();
    secrets.set = () => Promise.reject(new Error('locked'));
    const credentials = createCredentials({ secrets, settings: memorySettings(), policy: DEFAULT_ADMIN_POLICY, notifier: { notify: (title) => notes.push(title) } });
    await credentials.probe();
    await expect(credentials.keep(ask)).resolves.toBeUndefined();
    expect(notes).toEqual(['Your password could not be saved']);
  });
});
