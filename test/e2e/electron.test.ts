import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../simulator/index';

/**
 * Real Electron end to end: the built app (dist/) against the simulator, driven through the tray
 * test hook (UCWA_TRAY_TEST_HOOK=1 → globalThis.__ucwaTray in main). Runs wherever an Electron
 * binary exists; elsewhere it is skipped and says why.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const USER = 'dana@contoso.com';

function electronBinary(): { path: string } | { reason: string } {
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate = override ? join(override, relative) : join(electronDir, 'dist', relative);
  if (existsSync(candidate)) return { path: candidate };
  return {
    reason:
      `no Electron binary at ${candidate} (it cannot be downloaded here; run \`npx install-electron\` with internet ` +
      'access or set ELECTRON_OVERRIDE_DIST_PATH)',
  };
}

function builtApp(): string | null {
  return existsSync(join(root, 'dist', 'main', 'index.js')) && existsSync(join(root, 'dist', 'preload', 'preload.cjs'))
    ? null
    : 'dist/ is not built (npm test builds it first; or run `npm run build`)';
}

const binary = electronBinary();
const skipReason = 'reason' in binary ? binary.reason : builtApp();
if (skipReason) console.log(`e2e/electron skipped: ${skipReason}`);

interface TrayHook {
  click(id: string): boolean;
  ids(): string[];
}

async function trayIds(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => (globalThis as unknown as { __ucwaTray?: TrayHook }).__ucwaTray?.ids() ?? []);
}

async function clickTray(app: ElectronApplication, id: string): Promise<boolean> {
  return app.evaluate((_electron, itemId) => (globalThis as unknown as { __ucwaTray: TrayHook }).__ucwaTray.click(itemId), id);
}

async function simUser(sim: SimulatorHandle): Promise<{ availability: string; note: string; applications: unknown[] }> {
  const response = await fetch(`${sim.origin}/_sim/users/${USER}`);
  return (await response.json()) as { availability: string; note: string; applications: unknown[] };
}

describe.skipIf(skipReason !== null)('desktop app in real Electron', { timeout: 120_000 }, () => {
  let sim: SimulatorHandle;
  let app: ElectronApplication;
  let profile: string;
  let xvfb: ChildProcess | null = null;
  let launchEnv: Record<string, string> = {};

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    profile = await mkdtemp(join(tmpdir(), 'ucwa-e2e-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    if (process.platform === 'linux' && !env['DISPLAY']) {
      // No X server (CI): a private Xvfb for this test only.
      const display = `:${90 + Math.floor(Math.random() * 100)}`;
      xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      env['DISPLAY'] = display;
      await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    }
    launchEnv = {
      ...env,
      UCWA_TRAY_SIGN_IN_ADDRESS: USER,
      UCWA_PASSWORD: 'Passw0rd!',
      UCWA_TRAY_DISCOVERY_URL: sim.rootUrl,
      UCWA_TRAY_USER_DATA: profile,
      UCWA_TRAY_TEST_HOOK: '1',
    };
    app = await _electron.launch({ executablePath: (binary as { path: string }).path, args: [root, '--no-sandbox', '--hidden'], env: launchEnv });
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    xvfb?.kill();
    await sim?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('signs in, sets Busy from the tray, obeys a second launch, and deletes its application on quit', async () => {
    await expect.poll(() => trayIds(app), { timeout: 30_000 }).toContain('availability:Busy');
    expect(await clickTray(app, 'availability:Busy')).toBe(true);
    await expect.poll(async () => (await simUser(sim)).availability, { timeout: 20_000 }).toBe('Busy');

    expect(await clickTray(app, 'timed:DoNotDisturb:30')).toBe(true);
    await expect.poll(async () => (await simUser(sim)).availability, { timeout: 20_000 }).toBe('DoNotDisturb');
    expect(await trayIds(app)).toContain('timed:cancel');
    expect(await clickTray(app, 'timed:cancel')).toBe(true);
    await expect.poll(async () => (await simUser(sim)).availability, { timeout: 20_000 }).toBe('Busy');

    // Scriptable: a second launch on the same profile forwards its command and exits.
    const second = spawn((binary as { path: string }).path, [root, '--no-sandbox', '--availability', 'Away'], {
      env: { ...launchEnv, UCWA_TRAY_SIGN_IN_ADDRESS: '', UCWA_PASSWORD: '' },
      stdio: 'ignore',
    });
    expect(await new Promise((done) => second.on('exit', done))).toBe(0);
    await expect.poll(async () => (await simUser(sim)).availability, { timeout: 20_000 }).toBe('Away');

    expect((await simUser(sim)).applications).toHaveLength(1);
    await app.close();
    await expect.poll(async () => (await simUser(sim)).applications, { timeout: 20_000 }).toHaveLength(0);
  });
});

describe.skipIf(skipReason === null)('desktop app in real Electron (unavailable here)', () => {
  it.skip(`skipped: ${skipReason ?? ''}`, () => undefined);
});
