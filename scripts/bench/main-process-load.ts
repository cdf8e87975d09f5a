/**
 * Main-process CPU with 200 groups / 5,000 contacts: idle (engine online, nothing changing) and during
 * a burst of 1,000 contact presence changes per second. The simulator and the burst's driver run in
 * child processes, so `process.cpuUsage()` here counts only what main would do: the engine, its HTTP
 * traffic, and the patch diff plus structured-clone encoding of each push to the window.
 *
 *   npx tsx scripts/bench/main-process-load.ts [--quick]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { asyncScheduler, pairwise, Subject } from 'rxjs';
import { createEngine } from '../../main/core/engine';
import type { Logger } from '../../main/core/ports';
import { people } from '../../main/core/ucwa/people/people';
import { diffContactPatches } from '../../shared/contact-patches';
import type { ContactList } from '../../shared/models';
import { largeDirectory } from './large-directory';

export interface MainProcessLoad {
  readonly contacts: number;
  readonly idle: { readonly seconds: number; readonly cpuPercent: number };
  readonly burst: {
    readonly changesPerSecond: number;
    readonly seconds: number;
    readonly changesMade: number;
    /** Busy time of this process over the burst and until its last change was shown (%, of one core). */
    readonly cpuPercent: number;
    readonly pushes: number;
    readonly presencePatches: number;
    readonly ipcBytesPerPresenceChange: number;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function cpuPercent(from: NodeJS.CpuUsage, wallMs: number): number {
  const used = process.cpuUsage(from);
  return Math.round(((used.user + used.system) / 1000 / wallMs) * 1000) / 10;
}

async function startChildSimulator(usersFile: string): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/simulator/cli.ts', '--port', '0', '--quiet', '--users', usersFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${String(code)})`)));
  });
  return { child, origin };
}

/** A child process that PUTs `perSecond` presence changes a second for `seconds` to the control API. */
function burstDriver(origin: string, uris: readonly string[], perSecond: number, seconds: number): Promise<number> {
  const script = `
    const [origin, perSecond, seconds] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
    const uris = JSON.parse(process.argv[4]);
    const states = ['Online', 'Busy', 'Away', 'DoNotDisturb', 'BeRightBack'];
    let made = 0;
    const put = (i) => fetch(origin + '/_sim/users/' + encodeURIComponent(uris[i % uris.length]) + '/presence', {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ availability: states[i % states.length] }),
    }).then((r) => { if (r.ok) made += 1; return r.arrayBuffer(); }, () => {});
    (async () => {
      const start = Date.now();
      const work = [];
      for (let tick = 0; tick < seconds * 10; tick += 1) {
        for (let i = 0; i < perSecond / 10; i += 1) work.push(put(tick * (perSecond / 10) + i));
        const due = start + (tick + 1) * 100;
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      }
      await Promise.all(work);
      process.stdout.write(String(made));
    })();`;
  const child = spawn(process.execPath, ['-e', script, origin, String(perSecond), String(seconds), JSON.stringify(uris)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', () => resolve(Number(out) || 0));
  });
}

export async function measureMainProcessLoad(groups: number, contacts: number, idleSeconds: number, burstSeconds: number): Promise<MainProcessLoad> {
  const directory = largeDirectory(groups, contacts);
  const dir = mkdtempSync(join(tmpdir(), 'ucwa-bench-'));
  const usersFile = join(dir, 'users.json');
  writeFileSync(usersFile, JSON.stringify(directory));
  const { child, origin } = await startChildSimulator(usersFile);
  const logger: Logger = { log: () => undefined };
  const engine = createEngine(
    {
      fetch: (input, init) => fetch(input, init),
      scheduler: asyncScheduler,
      logger,
      idle: { idleSeconds: () => 0 },
      system: { wake$: new Subject(), sleep$: new Subject() },
      endpointId: '5f1c7a52-8a0e-4a44-9c1b-1d4c2f1e7a10',
      userAgent: 'ucwa-presence-tray-bench/0.1.0',
      culture: 'en-US',
    },
    { people },
  );
  let latest: ContactList | undefined;
  let pushes = 0;
  let presencePatches = 0;
  let ipcBytes = 0;
  // What main does with each new list: the patches for the window, encoded as Electron's IPC would.
  const watch = engine.contacts$.pipe(pairwise()).subscribe(([prev, next]) => {
    latest = next;
    const patches = diffContactPatches(prev, next);
    if (patches.length === 0) return;
    pushes += 1;
    presencePatches += patches.filter((patch) => patch.kind === 'presenceChanged').length;
    ipcBytes += serialize({ seq: pushes, patches }).length;
  });
  try {
    await engine.signIn({ address: 'dana@contoso.com', discoveryUrl: `${origin}/Autodiscover/AutodiscoverService.svc/root`, password: 'Passw0rd!' });
    for (let waited = 0; !(latest && Object.keys(latest.contacts).length === contacts && Object.values(latest.contacts).every((c) => c.availability !== 'Unknown')); waited += 100) {
      if (waited > 300_000) throw new Error('the contact list never got every presence');
      await sleep(100);
    }
    await sleep(7_000); // the sign-in's last events (the simulator's 5 s medium window)

    const idleFrom = process.cpuUsage();
    const idleStart = performance.now();
    await sleep(idleSeconds * 1000);
    const idle = { seconds: idleSeconds, cpuPercent: cpuPercent(idleFrom, performance.now() - idleStart) };

    pushes = presencePatches = ipcBytes = 0;
    const uris = directory.users.filter((user) => user.password === undefined).map((user) => user.uri);
    const perSecond = 1000;
    const burstFrom = process.cpuUsage();
    const burstStart = performance.now();
    const changesMade = await burstDriver(origin, uris, perSecond, burstSeconds);
    await sleep(7_000); // the last changes' events come after the medium window
    const wall = performance.now() - burstStart;
    return {
      contacts,
      idle,
      burst: {
        changesPerSecond: perSecond,
        seconds: burstSeconds,
        changesMade,
        cpuPercent: cpuPercent(burstFrom, wall),
        pushes,
        presencePatches,
        ipcBytesPerPresenceChange: presencePatches === 0 ? 0 : Math.round(ipcBytes / presencePatches),
      },
    };
  } finally {
    watch.unsubscribe();
    await engine.dispose();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('main-process-load.ts')) {
  const quick = process.argv.includes('--quick');
  measureMainProcessLoad(quick ? 20 : 200, quick ? 500 : 5000, quick ? 5 : 20, quick ? 2 : 5).then(
    (figures) => {
      console.table({ idle: figures.idle, burst: figures.burst });
      console.log(JSON.stringify({ mainProcessLoad: figures }));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
