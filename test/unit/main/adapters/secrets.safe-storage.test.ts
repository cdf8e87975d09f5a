import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecrets } from '../../../../main/adapters/secrets.safe-storage';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Reversible stand-in for the OS keychain. */
function fakeSafeStorage(backend: 'gnome_libsecret' | 'basic_text', available = true) {
  return {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (text: string) => Buffer.from([...Buffer.from(text, 'utf8')].map((byte) => byte ^ 0x5a)),
    decryptStringAsync: async (data: Buffer) => ({ result: Buffer.from([...data].map((byte) => byte ^ 0x5a)).toString('utf8'), shouldReEncrypt: false }),
  };
}

describe('safeStorage secrets', () => {
  it('stores encrypted, reads back, deletes; the file never holds the plain text and is private', async () => {
    const file = join(dir, 'secrets.json');
    const secrets = createSafeStorageSecrets(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    expect(await secrets.backend()).toBe('strong');
    await secrets.set('password', 'Passw0rd!');
    expect(await readFile(file, 'utf8')).not.toContain('Passw0rd!');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await secrets.get('password')).toBe('Passw0rd!');
    await secrets.delete('password');
    expect(await secrets.get('password')).toBeNull();
  });

  it('reports Linux basic_text as weak and no encryption as unavailable (and refuses to store)', async () => {
    expect(await createSafeStorageSecrets(fakeSafeStorage('basic_text'), join(dir, 's'), 'linux').backend()).toBe('weak');
    expect(await createSafeStorageSecrets(fakeSafeStorage('basic_text'), join(dir, 's'), 'win32').backend()).toBe('strong');
    const none = createSafeStorageSecrets(fakeSafeStorage('gnome_libsecret', false), join(dir, 's'), 'linux');
    expect(await none.backend()).toBe('unavailable');
    await expect(none.set('password', 'x')).rejects.toThrow('No secure storage');
  });

  it('treats a missing file as empty', async () => {
    const secrets = createSafeStorageSecrets(fakeSafeStorage('gnome_libsecret'), join(dir, 'missing.json'), 'linux');
    expect(await secrets.get('password')).toBeNull();
  });

  it.each([
    ['not JSON', '{"password":"WlpaWl'],
    ['not an object of strings', '{"password":42}'],
  ])('a damaged file (%s) is kept aside and reported, never read as empty and overwritten', async (_name, content) => {
    const file = join(dir, 'secrets.json');
    await writeFile(file, content, 'utf8');
    const secrets = createSafeStorageSecrets(fakeSafeStorage('gnome_libsecret'), file, 'linux');
    await expect(secrets.set('other', 'x')).rejects.toThrow(/damaged; it was kept as .*secrets\.json\.damaged-/);
    const aside = (await readdir(dir)).filter((name) => name.startsWith('secrets.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(content);
    // Once kept aside, a new file is started.
    await secrets.set('password', 'Passw0rd!');
    expect(await secrets.get('password')).toBe('Passw0rd!');
  });
});
