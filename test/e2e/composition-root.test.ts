import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../simulator/index';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { IPC } from '../../shared/ipc-contract';

/**
 * The built composition root (dist/main/index.js) in plain Node with `electron` replaced by
 * test/e2e/support/fake-electron.mjs: real engine, real settings (electron-store), real IPC
 * registration, real tray controller and teardown, against the simulator. It stands in for the
 * real-Electron e2e where no Electron binary exists; it proves the wiring, not the native widgets.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'dist', 'main', 'index.js');
const USER = 'dana@contoso.com';
const built = existsSync(entry);
if (!built) console.log('e2e/composition-root skipped: dist/ is not built (npm test builds it first)');

interface FakeState {
  trays: string[];
  menus: number;
  images: string[];
  tooltip: string;
  ipc: string[];
  windows: { webPreferences: Record<string, unknown>; url: string | null }[];
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocolSessions: { partition: string; scheme: string }[];
  notifications: { title: string; body: string }[];
  pushes: { channel: string; payload: unknown }[];
}

class AppProcess {
  private next = 0;
  private readonly waiting = new Map<number, (value: unknown) => void>();
  readonly exited: Promise<number | null>;
  output = '';

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('@@')) return;
      const { id, result } = JSON.parse(line.slice(2)) as { id: number; result: unknown };
      this.waiting.get(id)?.(result);
      this.waiting.delete(id);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.output += chunk;
    });
    this.exited = new Promise((done) => child.on('exit', (code) => done(code)));
  }

  send<T>(op: string, arg?: unknown): Promise<T> {
    const id = this.next++;
    return new Promise<T>((done) => {
      this.waiting.set(id, done as (value: unknown) => void);
      this.child.stdin.write(`${JSON.stringify({ id, op, arg })}\n`);
    });
  }

  /**
   * Clicks a tray item once the tray offers it. The tray (icon and menu) appears on the first status
   * render, which main debounces (auditTime 50 ms) and which is not ordered with anything the
   * simulator sees: a sign-in can create the application on the server before the tray exists, and a
   * click then finds no menu and answers false.
   */
  async clickOffered(itemId: string): Promise<boolean> {
    await expect.poll(() => this.send<string[]>('ids'), { timeout: 15_000 }).toContain(itemId);
    const clicked = await this.send<boolean>('click', itemId);
    if (!clicked) throw new Error(`tray offered ${itemId} but the click answered false; app log:\n${this.output}`);
    return clicked;
  }
}

async function simUser(sim: SimulatorHandle): Promise<{ availability: string; note: string; applications: unknown[] }> {
  return (await (await fetch(`${sim.origin}/_sim/users/${USER}`)).json()) as { availability: string; note: string; applications: unknown[] };
}

/** Starts dist/main/index.js with the stand-in Electron and a private profile under `profile`. */
function launch(profile: string, args: string[], extraEnv: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['--import', join(root, 'test', 'e2e', 'support', 'register-fake-electron.mjs'), entry, ...args], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: profile,
      XDG_CONFIG_HOME: join(profile, 'config'),
      UCWA_TRAY_USER_DATA: join(profile, 'user-data'),
      UCWA_TRAY_POLICY: join(profile, 'no-policy.json'),
      UCWA_TRAY_TEST_HOOK: '1',
      FAKE_ELECTRON_CONTROL: '1',
      ...extraEnv,
    },
  });
  return new AppProcess(child);
}

const SIGN_IN_PAGE = 'ucwa-tray://app/sign-in.html';

describe.skipIf(!built)('composition root with a stand-in Electron', { timeout: 90_000 }, () => {
  let sim: SimulatorHandle;
  let profile: string;
  let app: AppProcess;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    profile = await mkdtemp(join(tmpdir(), 'ucwa-root-'));
    app = launch(profile, ['--hidden'], { UCWA_TRAY_SIGN_IN_ADDRESS: USER, UCWA_PASSWORD: 'Passw0rd!', UCWA_TRAY_DISCOVERY_URL: sim.rootUrl });
  });

  afterAll(async () => {
    if (app && app.child.exitCode === null) app.child.kill('SIGKILL');
    await sim?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('signs in from the environment, drives presence from the tray, and deletes its application on quit', async () => {
    await expect.poll(() => app.send<string[]>('ids'), { timeout: 20_000 }).toContain('availability:Busy');
    const state = await app.send<FakeState>('state');
    expect([...state.ipc].sort()).toEqual(Object.values(IPC).filter((channel) => !channel.startsWith('push:')).sort());
    expect(state.trays).toHaveLength(1);
    expect(state.trays[0]).toMatch(/build[\\/]icons[\\/]tray[\\/][a-z-]+\.png$/);
    // --hidden and signed in: no window opened by itself.
    expect(state.windows).toHaveLength(0);

    expect(await app.send<boolean>('click', 'availability:Busy')).toBe(true);
    await expect.poll(async () => (await simUser(sim)).availability, { timeout: 15_000 }).toBe('Busy');
    await expect.poll(async () => (await app.send<FakeState>('state')).images.at(-1), { timeout: 15_000 }).toMatch(/busy\.png$/);
    expect((await app.send<FakeState>('state')).tooltip).toContain('Skype for Business: Busy');

    expect(await app.send<boolean>('click', 'timed:DoNotDisturb:60')).toBe(true);
    await expect.poll(async () => (await simUser(sim)).availability, { timeout: 15_000 }).toBe('DoNotDisturb');
    await expect.poll(async () => (await app.send<FakeState>('state')).tooltip, { timeout: 15_000 }).toMatch(/Do not disturb until .+ \((1\shr|59\smin) left\)/);
    expect(await app.send<boolean>('click', 'timed:cancel')).toBe(true);
    await expect.poll(async () => (await simUser(sim)).availability, { timeout: 15_000 }).toBe('Busy');

    expect(await app.send<boolean>('click', 'window:contacts')).toBe(true);
    const windows = (await app.send<FakeState>('state')).windows;
    expect(windows).toHaveLength(1);
    expect(windows[0]?.url).toBe('ucwa-tray://app/contacts.html');
    expect(windows[0]?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, partition: 'ui' });
    // The page comes from the app's scheme, registered before ready and served on the windows' session
    // from the built renderer folder, with the CSP header; nothing outside that folder is served.
    const served = await app.send<FakeState>('state');
    expect(served.privilegedSchemes).toEqual([{ scheme: 'ucwa-tray', privileges: { standard: true, secure: true } }]);
    expect(served.protocolSessions).toEqual([{ partition: 'ui', scheme: 'ucwa-tray' }]);
    const page = await app.send<{ status: number; headers: Record<string, string>; body: string }>('load', 'ucwa-tray://app/contacts.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toBe(await readFile(join(root, 'dist', 'renderer', 'contacts.html'), 'utf8'));
    expect((await app.send<{ status: number }>('load', 'ucwa-tray://app/..%2F..%2Fpackage.json')).status).toBe(404);

    // Language from the tray: the menu and tooltip re-render at once and the open window is told.
    expect(await app.send<boolean>('click', 'language:de')).toBe(true);
    await expect.poll(async () => (await app.send<FakeState>('state')).tooltip, { timeout: 10_000 }).toContain('Skype for Business: Beschäftigt');
    expect((await app.send<FakeState>('state')).pushes).toContainEqual({ channel: IPC.localeChanged, payload: 'de' });
    expect(JSON.parse(await readFile(join(profile, 'user-data', 'settings.json'), 'utf8'))).toMatchObject({ language: 'de' });
    expect(await app.send<boolean>('click', 'language:system')).toBe(true);
    await expect.poll(async () => (await app.send<FakeState>('state')).tooltip, { timeout: 10_000 }).toContain('Skype for Business: Busy');

    expect(await app.send<boolean>('click', 'autostart')).toBe(true);
    await expect.poll(async () => readdir(join(profile, 'config', 'autostart')).catch(() => []), { timeout: 10_000 }).toEqual([
      'ucwa-presence-tray.desktop',
    ]);

    expect((await simUser(sim)).applications).toHaveLength(1);
    expect(await app.send<boolean>('click', 'app:quit')).toBe(true);
    expect(await app.exited).toBe(0);
    expect((await simUser(sim)).applications).toHaveLength(0);
    expect(app.output).not.toContain('Passw0rd!');
    // Quitting signs out on purpose: no "signed out" notification on the way out.
    expect(app.output).not.toContain('[notification]');
  });

  it('is scriptable: a second launch forwards its commands to the running instance and exits', async () => {
    const running = launch(profile, ['--hidden'], { UCWA_TRAY_SIGN_IN_ADDRESS: USER, UCWA_PASSWORD: 'Passw0rd!', UCWA_TRAY_DISCOVERY_URL: sim.rootUrl });
    try {
      await expect.poll(async () => (await simUser(sim)).applications.length, { timeout: 20_000 }).toBe(1);
      const second = launch(profile, ['--availability', 'away', '--note', 'Back at 3'], {});
      expect(await second.exited).toBe(0);
      await expect.poll(async () => (await simUser(sim)).availability, { timeout: 15_000 }).toBe('Away');
      await expect.poll(async () => (await simUser(sim)).note, { timeout: 15_000 }).toBe('Back at 3');
      // Only one application: the second launch never signed in.
      expect((await simUser(sim)).applications).toHaveLength(1);

      const quit = launch(profile, ['--quit'], {});
      expect(await quit.exited).toBe(0);
      expect(await running.exited).toBe(0);
      expect((await simUser(sim)).applications).toHaveLength(0);
    } finally {
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
    }
  });
});

describe.skipIf(!built)('first run through the sign-in window (stand-in Electron)', { timeout: 90_000 }, () => {
  let sim: SimulatorHandle;
  let profile: string;
  let app: AppProcess | null = null;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    profile = await mkdtemp(join(tmpdir(), 'ucwa-first-'));
  });

  afterAll(async () => {
    if (app && app.child.exitCode === null) app.child.kill('SIGKILL');
    await sim?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('shows sign-in, validates IPC, keeps me signed in on consent, and signs in by itself next start', async () => {
    app = launch(profile, [], {});
    await expect.poll(() => app!.send<{ url: string }[]>('windows'), { timeout: 15_000 }).toEqual([
      { url: SIGN_IN_PAGE, closed: false },
    ]);
    const form = { address: USER, password: 'Passw0rd!', discoveryUrl: sim.rootUrl, keepSignedIn: true, acceptWeakStorage: true };
    const invoke = (channel: string, args: unknown[], url = SIGN_IN_PAGE) =>
      app!.send<{ value?: unknown; error?: string }>('invoke', { channel, url, args });

    expect(await invoke('session:sign-in', [form], 'https://evil.example/')).toMatchObject({ error: expect.stringContaining('Untrusted sender') });
    // The built page on disk is not the app's origin.
    const fromDisk = `file://${join(root, 'dist', 'renderer', 'sign-in.html')}`;
    expect(await invoke('session:sign-in', [form], fromDisk)).toMatchObject({ error: expect.stringContaining('Untrusted sender') });
    expect(await invoke('session:sign-in', [{ ...form, extra: 1 }])).toMatchObject({ error: expect.stringContaining('Invalid payload') });
    const snapshot = (await invoke('app:get-snapshot', [])).value as { signIn: { weakSecretStorage: boolean } };
    expect(snapshot.signIn.weakSecretStorage).toBe(true);

    expect(await invoke('session:sign-in', [{ ...form, password: 'wrong' }])).toMatchObject({ value: { ok: false, field: 'password' } });
    expect(await invoke('session:sign-in', [form])).toEqual({ value: { ok: true } });
    // Signed in: the sign-in window closes and the contact groups open.
    expect(await app.send('windows')).toEqual([
      { url: SIGN_IN_PAGE, closed: true },
      { url: SIGN_IN_PAGE.replace('sign-in.html', 'contacts.html'), closed: false },
    ]);
    expect(await invoke('presence:set-availability', ['BeRightBack'])).toEqual({});
    await expect.poll(async () => (await simUser(sim)).availability, { timeout: 15_000 }).toBe('BeRightBack');

    expect(await app.send<boolean>('click', 'app:quit')).toBe(true);
    expect(await app.exited).toBe(0);

    // Second start: no credentials in the environment; the stored password signs in, status restored.
    app = launch(profile, ['--hidden'], {});
    await expect.poll(async () => (await simUser(sim)).applications.length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await simUser(sim)).availability, { timeout: 15_000 }).toBe('BeRightBack');
    expect(await app.send('windows')).toEqual([]);
    expect(await app.clickOffered('session:sign-out')).toBe(true);
    await expect.poll(async () => (await simUser(sim)).applications.length, { timeout: 15_000 }).toBe(0);
    expect(await app.send<boolean>('click', 'app:quit')).toBe(true);
    expect(await app.exited).toBe(0);
  });
});

describe.skipIf(!built)('damaged settings (stand-in Electron)', { timeout: 90_000 }, () => {
  let sim: SimulatorHandle;
  let profile: string;
  let app: AppProcess | null = null;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    profile = await mkdtemp(join(tmpdir(), 'ucwa-broken-'));
  });

  afterAll(async () => {
    if (app && app.child.exitCode === null) app.child.kill('SIGKILL');
    await sim?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('starts from defaults when settings.json breaks the schema, instead of failing at login', async () => {
    await mkdir(join(profile, 'user-data'), { recursive: true });
    await writeFile(join(profile, 'user-data', 'settings.json'), JSON.stringify({ lastAvailability: 'Sleeping', watchedContacts: 'all' }));
    app = launch(profile, ['--hidden'], { UCWA_TRAY_SIGN_IN_ADDRESS: USER, UCWA_PASSWORD: 'Passw0rd!', UCWA_TRAY_DISCOVERY_URL: sim.rootUrl });
    await expect.poll(async () => (await simUser(sim)).applications.length, { timeout: 20_000 }).toBe(1);
    expect(app.output).toContain('settings file invalid');
    const repaired = JSON.parse(await readFile(join(profile, 'user-data', 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(repaired['lastAvailability']).toBeNull();
    expect(repaired['endpointId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(await app.clickOffered('app:quit')).toBe(true);
    expect(await app.exited).toBe(0);
  });
});

describe.skipIf(!built || existsSync('/etc/ucwa-presence-tray/policy.json'))('admin policy location (stand-in Electron)', { timeout: 90_000 }, () => {
  let profile: string;
  let app: AppProcess | null = null;

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'ucwa-policy-'));
  });

  afterAll(async () => {
    if (app && app.child.exitCode === null) app.child.kill('SIGKILL');
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  async function signInDefaults(extraEnv: Record<string, string>): Promise<{ defaults: Record<string, unknown>; output: string }> {
    app = launch(profile, ['--hidden'], extraEnv);
    // Started: the tray menu is up (IPC is registered before it).
    await expect.poll(() => app!.send<string[]>('ids'), { timeout: 20_000 }).toContain('app:quit');
    const snapshot = await app.send<{ value: { signIn: Record<string, unknown> } }>('invoke', {
      channel: IPC.getSnapshot,
      url: 'ucwa-tray://app/sign-in.html',
      args: [],
    });
    expect(await app.send<boolean>('click', 'app:quit')).toBe(true);
    expect(await app.exited).toBe(0);
    return { defaults: snapshot.value.signIn, output: app.output };
  }

  it('honours UCWA_TRAY_POLICY in development only: an installed build ignores it and says so', async () => {
    const policy = join(profile, 'users-own-policy.json');
    await writeFile(policy, JSON.stringify({ discoveryUrl: 'https://lyncdiscover.fabrikam.com/', allowKeepSignedIn: false }));

    const development = await signInDefaults({ UCWA_TRAY_POLICY: policy });
    expect(development.defaults).toMatchObject({ discoveryUrl: 'https://lyncdiscover.fabrikam.com/', discoveryUrlLocked: true, keepSignedInAllowed: false });

    // This machine has no /etc/ucwa-presence-tray/policy.json: the installed build runs on the defaults.
    const installed = await signInDefaults({ UCWA_TRAY_POLICY: policy, FAKE_ELECTRON_PACKAGED: '1' });
    expect(installed.defaults).toMatchObject({ discoveryUrl: '', discoveryUrlLocked: false, keepSignedInAllowed: true });
    expect(installed.output).toContain('UCWA_TRAY_POLICY is ignored by installed builds');
  });
});
