import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The headless CLI's UCWA `EndpointId`, kept in a small file so every run of this install presents
 * the same endpoint. Why persistent: a run killed without DELETE leaves its application on the
 * server until reaped; with the same EndpointId the next run is the same endpoint again instead of
 * piling up applications until the server answers 410 TooManyApplications (ucwa-protocol.md §3.1).
 * If the file cannot be written (read-only home), a fresh id is used for this run only.
 */
export function loadEndpointId(file: string = endpointIdFile()): { readonly id: string; readonly persisted: boolean } {
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (isEndpointId(stored)) return { id: stored, persisted: true };
  } catch {
    // Not there yet: create it below.
  }
  const id = randomUUID();
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${id}\n`, { mode: 0o600 });
    return { id, persisted: true };
  } catch {
    return { id, persisted: false };
  }
}

/** A GUID (what the server expects; ≤100 chars). */
export function isEndpointId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Where the file lives: the platform's per-user config folder, under `ucwa-presence-tray/`. */
export function endpointIdFile(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  return join(configDir(platform, env, home), 'ucwa-presence-tray', 'headless-endpoint-id');
}

export function configDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return env['APPDATA'] ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  const xdg = env['XDG_CONFIG_HOME'];
  return xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.config');
}
