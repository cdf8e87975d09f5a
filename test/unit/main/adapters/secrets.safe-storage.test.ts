import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
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

  it('treats an unreadable file as empty', async () => {
    const secrets = createSafeStorageSecrets(fakeSafeStorage('gnome_libsecret'), join(dir, 'missing.json'), 'linux');
    expect(await secrets.get('password')).toBeNull();
  });
});
