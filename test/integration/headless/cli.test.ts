import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';

/**
 * The headless CLI end to end: spawned as a user would run it (`tsx main/headless/cli.ts`, what `npm run headless` runs)
 * against a simulator this test starts and stops.
 */
const PASSWORD = 'Passw0rd!';
const ROOT = join(import.meta.dirname, '..', '..', '..');

interface Run {
  readonly child: ChildProcess;
  readonly stdout: string[];
  /** stderr lines, without npm's own notices about its config. */
  readonly stderr: string[];
  readonly exit: Promise<number | null>;
  /** Resolves with the first stdout line (parsed, if JSON) satisfying `predicate`, from `from` on. */
  waitFor(predicate: (line: Record<string, unknown>) => boolean, from?: number): Promise<Record<string, unknown>>;
}

let configHome: string;
const running: ChildProcess[] = [];

function run(args: readonly string[], env: Record<string, string> = {}): Run {
  // The tsx binary npx would run, spawned directly so signals reach the CLI, not npm.
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['main/headless/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, XDG_CONFIG_HOME: configHome, UCWA_PASSWORD: PASSWORD, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Own process group, so a signal reaches tsx and the CLI together, as from a terminal or a service manager.
    detached: true,
  });
  running.push(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { predicate: (line: Record<string, unknown>) => boolean; from: number; resolve: (l: Record<string, unknown>) => void }[] = [];
  const parse = (line: string): Record<string, unknown> => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return { text: line };
    }
  };
  const check = (): void => {
    for (const waiter of [...waiters]) {
      const hit = stdout.slice(waiter.from).map(parse).find(waiter.predicate);
      if (hit) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(hit);
      }
    }
  };
  const lines = (sink: string[], filter: (l: string) => boolean) => {
    let rest = '';
    return (chunk: Buffer): void => {
      const text = rest + chunk.toString('utf8');
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      sink.push(...parts.filter(filter));
      check();
    };
  };
  child.stdout!.on('data', lines(stdout, () => true));
  child.stderr!.on('data', lines(stderr, (l) => l !== '' && !l.startsWith('npm warn')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout,
    stderr,
    exit,
    waitFor: (predicate, from = 0) =>
      new Promise((resolve) => {
        waiters.push({ predicate, from, resolve });
        check();
      }),
  };
}

describe('headless CLI against the simulator', () => {
  let sim: SimulatorHandle;
  const control = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${sim.origin}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
    });
    const text = await response.text();
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const dana = async (): Promise<{ availability: string; applications: unknown[] }> =>
    (await control('GET', '/_sim/users/dana@contoso.com')) as { availability: string; applications: unknown[] };

  beforeAll(async () => {
    configHome = mkdtempSync(join(tmpdir(), 'e2-headless-'));
    sim = await startSimulator();
  });
  afterEach(() => {
    for (const child of running.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });
  afterAll(async () => {
    await sim.stop();
    rmSync(configHome, { recursive: true, force: true });
  });

  it('--availability Busy --json: online, Dana Busy, a new group as a change line, recovery after expiry, clean exit', async () => {
    const cli = run(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--availability', 'Busy', '--json']);
    await cli.waitFor((l) => l['type'] === 'session' && l['state'] === 'online');
    await cli.waitFor((l) => l['type'] === 'presence' && l['availability'] === 'Busy');
    expect((await dana()).availability).toBe('Busy');
    const snapshot = await cli.waitFor((l) => l['type'] === 'contacts');
    expect((snapshot['groups'] as unknown[]).length).toBeGreaterThan(0);

    await control('POST', '/_sim/users/dana@contoso.com/groups', { name: 'Headless club' });
    const change = await cli.waitFor((l) => l['type'] === 'change' && l['kind'] === 'groupAdded');
    expect(change).toMatchObject({ group: 'Headless club' });
    expect(new Date(change['at'] as string).toISOString()).toBe(change['at']);

    const before = cli.stdout.length;
    await control('POST', '/_sim/users/dana@contoso.com/applications/expire');
    await cli.waitFor((l) => l['type'] === 'session' && l['state'] === 'reconnecting', before);
    await cli.waitFor((l) => l['type'] === 'session' && l['state'] === 'online', before);
    for (let i = 0; (await dana()).availability !== 'Busy'; i += 1) {
      if (i > 100) throw new Error('Dana never became Busy again');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await dana()).applications).toHaveLength(1);

    // Every stdout line is one JSON object with a type; no secret anywhere.
    for (const line of cli.stdout.filter((l) => l !== '')) expect(JSON.parse(line)).toHaveProperty('type');
    expect([...cli.stdout, ...cli.stderr].join('\n')).not.toContain(PASSWORD);

    process.kill(-cli.child.pid!, 'SIGTERM');
    expect(await cli.exit).toBe(0);
    expect((await dana()).applications).toHaveLength(0); // the application was deleted
  });

  /** A POSIX locale environment, nothing inherited from the machine running the tests. */
  const locale = (lang: string): Record<string, string> => ({ LANG: lang, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' });

  it('prints readable lines without --json', async () => {
    const cli = run(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--note', 'from the CLI'], locale('C.UTF-8'));
    await cli.waitFor((l) => l['text'] === 'session: online');
    await cli.waitFor((l) => typeof l['text'] === 'string' && l['text'].startsWith('contacts: '));
    // One signal to tsx, which relays it: the Ctrl-C echo handling is the --json test's concern.
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
    expect(cli.stdout.some((l) => l.startsWith('{'))).toBe(false);
  });

  it('speaks Portuguese with LANG=pt_BR.UTF-8: session, status words and contact list', async () => {
    const cli = run(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--availability', 'Busy'], locale('pt_BR.UTF-8'));
    await cli.waitFor((l) => l['text'] === 'sessão: online');
    // Dana's note may be left from an earlier run: the line starts with the status word.
    await cli.waitFor((l) => typeof l['text'] === 'string' && l['text'].startsWith('presença: Ocupado'));
    const head = await cli.waitFor((l) => typeof l['text'] === 'string' && l['text'].startsWith('contatos: '));
    expect(head['text']).toMatch(/^contatos: \d+ grupos?, \d+ contatos?$/);
    const text = cli.stdout.join('\n');
    expect(text).toMatch(/\((Disponível|Ocupado|Não Incomodar|Volto Logo|Ausente|Fora do Trabalho|Offline)\)/);
    expect(text).not.toMatch(/\b(Available|Busy|presence:|session:)/);
    // To tsx alone, which relays it once: no duplicate signal racing a slow sign-out on a busy machine.
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('keeps --json language-neutral under LANG=pt_BR.UTF-8 (values, not words)', async () => {
    const cli = run(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--availability', 'Busy', '--json'], locale('pt_BR.UTF-8'));
    await cli.waitFor((l) => l['type'] === 'presence' && l['availability'] === 'Busy');
    await cli.waitFor((l) => l['type'] === 'contacts');
    // To tsx alone, which relays it once: no duplicate signal racing a slow sign-out on a busy machine.
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    expect(cli.stdout.join('\n')).not.toMatch(/Ocupado|Disponível|sessão|presença|contatos/);
  });

  it('takes the password from piped stdin when UCWA_PASSWORD is not set', async () => {
    const cli = run(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--json'], { UCWA_PASSWORD: '' });
    cli.child.stdin!.end(`${PASSWORD}\n`);
    await cli.waitFor((l) => l['type'] === 'session' && l['state'] === 'online');
    // One signal to tsx, which relays it: the Ctrl-C echo handling is the --json test's concern.
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
  });

  const fails = async (args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string[] }> => {
    const cli = run(args, env);
    const code = await cli.exit;
    return { code, stderr: cli.stderr };
  };

  it('exits non-zero with one line for an unknown availability, listing the six values', async () => {
    const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--availability', 'Offline']);
    expect(code).not.toBe(0);
    expect(stderr).toEqual(['Unknown availability "Offline": use one of Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork.']);
  });

  it('exits non-zero with one line for a bad discovery URL', async () => {
    const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', 'not a url']);
    expect(code).not.toBe(0);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/not an http\(s\) URL/);
  });

  it('exits non-zero with one line for a wrong password, never echoing it', async () => {
    const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', sim.rootUrl], { UCWA_PASSWORD: 'Wr0ng-Secret' });
    expect(code).not.toBe(0);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/password/i);
    expect(stderr[0]).not.toContain('Wr0ng-Secret');
  });

  it('exits non-zero with one line when the server is unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
      });
    });
    const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', `http://127.0.0.1:${port}/Autodiscover/AutodiscoverService.svc/root`]);
    expect(code).not.toBe(0);
    expect(stderr).toHaveLength(1);
  }, 60_000);

  it('refuses plain http to a real host name with one line saying why', async () => {
    const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', 'http://lync.contoso.com/Autodiscover/AutodiscoverService.svc/root']);
    expect(code).not.toBe(0);
    expect(stderr).toEqual([expect.stringMatching(/^http:\/\/lync\.contoso\.com is not encrypted: your password would travel in clear text/)]);
  });

  it('refuses a host outside the sign-in domain with one line naming it and the policy key', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ _links: { user: { href: 'http://127.0.0.2:9/Autodiscover/AutodiscoverService.svc/root/oauth/user' } } }));
    });
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    try {
      const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', `http://127.0.0.1:${port}/Autodiscover/AutodiscoverService.svc/root`]);
      expect(code).not.toBe(0);
      expect(stderr).toEqual([expect.stringMatching(/127\.0\.0\.2.*"trustedDomains"/)]);
    } finally {
      server.close();
    }
  }, 60_000);
});
