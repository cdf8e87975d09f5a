import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/ports';

/** The secrets file was not what we write; it was moved to `keptAs` and nothing was read from it. */
export class DamagedSecretsFileError extends Error {
  override readonly name = 'DamagedSecretsFileError';

  constructor(readonly keptAs: string) {
    super(`The saved-password file was damaged; it was kept as ${keptAs} and a new one will be started.`);
  }
}

/** The file's content as key → base64 ciphertext, or undefined when it is anything else. */
function parseSecrets(text: string): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  return entries.every((entry): entry is [string, string] => typeof entry[1] === 'string') ? Object.fromEntries(entries) : undefined;
}

type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

/**
 * Secrets encrypted with Electron's safeStorage async API (Keychain, DPAPI, libsecret/kwallet)
 * and kept as base64 in one 0600 file in userData; never in electron-store, never logged.
 * On Linux `basic_text` means only obfuscation: reported as `weak` so the UI asks for consent
 * (https://www.electronjs.org/docs/latest/api/safe-storage#safestoragegetselectedstoragebackend-linux).
 * A damaged file is moved aside (never read as empty and overwritten) and the operation that met it
 * fails with {@link DamagedSecretsFileError}, so the app can say so; the next one starts afresh.
 */
export function createSafeStorageSecrets(safeStorage: SafeStorageLike, file: string, platform: NodeJS.Platform): SecretStore {
  const readAll = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const values = parseSecrets(text);
    if (values !== undefined) return values;
    // Damaged: reading it as {} would let the next save overwrite what may still be recoverable.
    const aside = `${file}.damaged-${Date.now()}`;
    await rename(file, aside);
    throw new DamagedSecretsFileError(aside);
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
