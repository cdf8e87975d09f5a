import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/ports';

type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

/**
 * Secrets encrypted with Electron's safeStorage async API (Keychain, DPAPI, libsecret/kwallet)
 * and kept as base64 in one 0600 file in userData; never in electron-store, never logged.
 * On Linux `basic_text` means only obfuscation: reported as `weak` so the UI asks for consent
 * (https://www.electronjs.org/docs/latest/api/safe-storage#safestoragegetselectedstoragebackend-linux).
 */
export function createSafeStorageSecrets(safeStorage: SafeStorageLike, file: string, platform: NodeJS.Platform): SecretStore {
  const readAll = async (): Promise<Record<string, string>> => {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      return {};
    }
  };
  const writeAll = async (values: Record<string, string>): Promise<void> => {
    // Write then rename: a crash mid-write must not lose the other secrets.
    const temporary = `${file}.tmp`;
    await writeFile(temporary, JSON.stringify(values), { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, file);
  };
  const store: SecretStore = {
    backend: async () => {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'unavailable';
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'weak';
      return 'strong';
    },
    async get(key) {
      const encoded = (await readAll())[key];
      if (encoded === undefined) return null;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(encoded, 'base64'));
        if (shouldReEncrypt) await store.set(key, result);
        return result;
      } catch {
        // Keychain changed or file copied from another machine: behave as if nothing was stored.
        return null;
      }
    },
    async set(key, value) {
      if ((await store.backend()) === 'unavailable') throw new Error('No secure storage is available on this system.');
      const encrypted = await safeStorage.encryptStringAsync(value);
      await writeAll({ ...(await readAll()), [key]: encrypted.toString('base64') });
    },
    async delete(key) {
      const values = await readAll();
      if (!(key in values)) return;
      await writeAll(Object.fromEntries(Object.entries(values).filter(([name]) => name !== key)));
    },
  };
  return store;
}
