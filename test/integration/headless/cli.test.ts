import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import { cliRunner, PASSWORD } from './cli-process';

/**
 * The headless CLI end to end: spawned as a user would run it (`tsx main/headless/cli.ts`, what `npm run headless` runs)
 * against a simulator this test starts and stops.
 */
let configHome: string;
const { run, killAll } = cliRunner(() => configHome);

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
  afterEach(() => killAll());
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

  it('takes the password from piped stdin when UCWA_PASSWORD is not set (without --json, stdin carries nothing else)', async () => {
    const cli = run(['--user', 'dana@contoso.com', '--discover', sim.rootUrl], { ...locale('C.UTF-8'), UCWA_PASSWORD: '' });
    cli.child.stdin!.end(`${PASSWORD}\n`);
    await cli.waitFor((l) => l['text'] === 'session: online');
    // Signalled once the first burst of reads is over: tsx gives the CLI 30 ms to acknowledge a
    // relayed signal before it kills it (exit 130), which a busy event loop can miss.
    await cli.waitFor((l) => typeof l['text'] === 'string' && l['text'].startsWith('contacts: '));
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
    const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--availability', 'Offline'], locale('C.UTF-8'));
    expect(code).not.toBe(0);
    expect(stderr).toEqual(['Unknown availability "Offline": use one of Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork.']);
  });

  it('says it in German with LANG=de_DE.UTF-8', async () => {
    const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--availability', 'Offline'], locale('de_DE.UTF-8'));
    expect(code).not.toBe(0);
    expect(stderr).toEqual(['Unbekannter Status „Offline“: Verwenden Sie einen dieser Werte: Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork.']);
  });

  it('words a sign-in failure in the user\'s language by its reason (pt-BR wrong password), never echoing the password', async () => {
    const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', sim.rootUrl], { ...locale('pt_BR.UTF-8'), UCWA_PASSWORD: 'Wr0ng-Secret' });
    expect(code).not.toBe(0);
    expect(stderr).toEqual(['O endereço ou a senha está incorreto.']);
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
    const { code, stderr } = await fails(['--user', 'dana@contoso.com', '--discover', 'http://lync.contoso.com/Autodiscover/AutodiscoverService.svc/root'], locale('C.UTF-8'));
    expect(code).not.toBe(0);
    expect(stderr).toEqual([expect.stringMatching(/^The server is not encrypted \(http:\/\/\): your password would travel in clear text/)]);
  });

  it('refuses a host outside the sign-in domain with one line naming it and the policy key', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ _links: { user: { href: 'http://127.0.0.2:9/Autodiscover/AutodiscoverService.svc/root/oauth/user' } } }));
    });
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    try {
      const args = ['--user', 'dana@contoso.com', '--discover', `http://127.0.0.1:${port}/Autodiscover/AutodiscoverService.svc/root`];
      const english = await fails(args, locale('C.UTF-8'));
      expect(english.code).not.toBe(0);
      expect(english.stderr).toEqual([
        'contoso.com sends you to 127.0.0.2, which is not part of contoso.com: not continuing. An administrator can allow it with "trustedDomains" in the admin policy.',
      ]);
      // Worded in the user's language; the host and the policy key stay as they are.
      const german = await fails(args, locale('de_DE.UTF-8'));
      expect(german.code).not.toBe(0);
      expect(german.stderr).toEqual([expect.stringMatching(/^contoso\.com verweist Sie an 127\.0\.0\.2, .*„trustedDomains“/)]);
    } finally {
      server.close();
    }
  }, 60_000);
});
