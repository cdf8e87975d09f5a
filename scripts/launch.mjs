// Runs the built app (dist/) in Electron.
//   node scripts/launch.mjs [app args…]   `npm start`: against the server you configure in the app
//   node scripts/launch.mjs --demo        `npm run demo`: starts the UCWA simulator and signs the app
//                                         in as the demo user dana@contoso.com (nothing is stored)
// Where no Electron binary can be obtained it says so and how to get one; the demo then falls back
// to the headless client so the engine still runs live against the simulator. Ctrl-C stops all.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export const DEMO_USER = 'dana@contoso.com';
export const DEMO_PASSWORD = 'Passw0rd!';

const EXECUTABLE_BY_PLATFORM = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/**
 * Finds the Electron executable without hanging: an ELECTRON_OVERRIDE_DIST_PATH distribution, or
 * the binary electron's installer put in node_modules/electron/dist. With `download`, first tries
 * electron's own lazy download (needs internet) for at most `timeoutMs`.
 * @param {{ download?: boolean, timeoutMs?: number }} [options]
 * @returns {Promise<string | null>}
 */
export async function findElectron({ download = false, timeoutMs = 60_000 } = {}) {
  const located = locateElectron();
  if (located || !download || !existsSync(join(electronDir, 'install.js'))) return located;
  console.log(`launch: fetching the Electron binary (at most ${Math.round(timeoutMs / 1000)} s)…`);
  const ok = await new Promise((done) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], cwd: electronDir });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('exit', (code) => {
      const first = stderr.split('\n').find((line) => line.trim() !== '');
      if (code !== 0 && first) console.error(`launch: the Electron download failed: ${first.trim()}`);
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      done(false);
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code === 0);
    });
    child.on('error', () => {
      clearTimeout(timer);
      done(false);
    });
  });
  return ok ? locateElectron() : null;
}

/** @returns {string | null} */
function locateElectron() {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : (EXECUTABLE_BY_PLATFORM[process.platform] ?? 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(electronDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

export function noElectronMessage() {
  return [
    'Electron could not be obtained on this machine (no binary in node_modules/electron/dist and the',
    'download failed or timed out). To get one:',
    '  • with internet access once:  npx install-electron   (or delete node_modules/electron and npm ci)',
    '  • or point to an unpacked Electron 45 distribution:  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dist',
  ].join('\n');
}

/**
 * Starts the simulator CLI on a free port and resolves once it listens.
 * @returns {Promise<{ origin: string, rootUrl: string, child: import('node:child_process').ChildProcess }>}
 */
export function startSimulatorProcess() {
  return new Promise((resolveStart, rejectStart) => {
    // --churn: a random demo contact changes availability every 20 s, so the window's live feed moves.
    const child = spawn(process.execPath, [tsxCli, join(root, 'test', 'simulator', 'cli.ts'), '--port', '0', '--churn', '20'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    let started = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      if (started) {
        process.stdout.write(prefixLines('sim', chunk));
        return;
      }
      buffer += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffer);
      if (match) {
        started = true;
        process.stdout.write(prefixLines('sim', buffer));
        resolveStart({ origin: match[1], rootUrl: `${match[1]}/Autodiscover/AutodiscoverService.svc/root`, child });
      }
    });
    child.on('exit', (code) => {
      if (!started) rejectStart(new Error(`the simulator exited (code ${code}) before listening`));
    });
    child.on('error', rejectStart);
  });
}

function prefixLines(prefix, text) {
  return text.replace(/^(?=.)/gm, `[${prefix}] `);
}

/** Resolves with the exit code; forwards Ctrl-C / SIGTERM to the child once. */
function waitFor(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? 1);
  return new Promise((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0))));
}

function stop(child) {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

async function main() {
  const args = process.argv.slice(2);
  const demo = args.includes('--demo');
  const appArgs = args.filter((arg) => arg !== '--demo');
  const dist = join(root, 'dist', 'main', 'index.js');
  if (!existsSync(dist)) {
    console.error('launch: dist/ is missing; run `npm run build` first (npm start and npm run demo do it).');
    process.exit(1);
  }

  const electron = await findElectron({ download: true, timeoutMs: Number(process.env.UCWA_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 60_000) });
  if (!electron) {
    console.error(`\n${noElectronMessage()}\n`);
    if (!demo) {
      console.error('Meanwhile the same engine runs without Electron:  npm run headless -- --help');
      process.exit(1);
    }
  }

  let sim = null;
  let app = null;
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    stop(app);
    // Give the app a moment to delete its UCWA application before the simulator goes away.
    setTimeout(() => stop(sim?.child), app ? 3_000 : 0).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const env = { ...process.env };
  if (demo) {
    sim = await startSimulatorProcess();
    console.log(`launch: simulator at ${sim.rootUrl}; demo user ${DEMO_USER} / ${DEMO_PASSWORD}`);
    env.UCWA_PASSWORD = DEMO_PASSWORD;
  }

  if (electron) {
    const extra = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    if (demo) {
      Object.assign(env, {
        UCWA_TRAY_SIGN_IN_ADDRESS: DEMO_USER,
        UCWA_TRAY_DISCOVERY_URL: sim.rootUrl,
        // A separate profile: the demo never touches your real settings or keychain entry.
        UCWA_TRAY_USER_DATA: env.UCWA_TRAY_USER_DATA ?? join(tmpdir(), 'ucwa-presence-tray-demo'),
      });
    }
    console.log('launch: starting the app (look for its icon in the tray / menu bar; Ctrl-C quits)');
    // The demo opens the contact-groups window at once; the tray menu drives the rest.
    const demoArgs = demo && !appArgs.includes('--hidden') ? ['--show'] : [];
    app = spawn(electron, [root, ...extra, ...demoArgs, ...appArgs], { stdio: 'inherit', env });
  } else {
    console.log('launch: running the headless client against the simulator instead (Ctrl-C stops it)');
    app = spawn(
      process.execPath,
      [tsxCli, join(root, 'main', 'headless', 'cli.ts'), '--user', DEMO_USER, '--discover', sim.rootUrl, '--availability', 'Online'],
      { stdio: 'inherit', env, cwd: root },
    );
  }
  const code = await waitFor(app);
  app = null;
  stopping = true;
  stop(sim?.child);
  if (sim) await waitFor(sim.child).catch(() => undefined);
  process.exit(code);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`launch: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
