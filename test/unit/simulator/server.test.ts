import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const TOKEN_BODY = 'grant_type=password&username=dana%40contoso.com&password=Passw0rd%21';

async function token(tokenUrl: string): Promise<string> {
  const res = await fetch(tokenUrl, { method: 'POST', headers: FORM, body: TOKEN_BODY });
  const body = (await res.json()) as { access_token: string; token_type: string };
  return `${body.token_type} ${body.access_token}`;
}

/** The MsRtcOAuth token URL of a 401 challenge. */
function tokenUrlOf(res: Response): string {
  const header = res.headers.get('www-authenticate') ?? '';
  const m = /MsRtcOAuth href="([^"]+)"/.exec(header);
  if (!m?.[1]) throw new Error(`no MsRtcOAuth challenge in ${header}`);
  return m[1];
}

describe('simulator server', () => {
  const sims: SimulatorHandle[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.stop()));
  });

  it('⚙ splitApplicationsHost: applications live on another origin that wants its own token', async () => {
    const sim = await startSimulator({ config: { splitApplicationsHost: true } });
    sims.push(sim);
    const userUrl = `${sim.origin}/Autodiscover/AutodiscoverService.svc/root/oauth/user`;
    const discoveryAuth = await token(tokenUrlOf(await fetch(userUrl)));
    const user = (await (await fetch(userUrl, { headers: { authorization: discoveryAuth } })).json()) as { _links: { applications: { href: string } } };
    const appsUrl = user._links.applications.href;
    expect(new URL(appsUrl).origin).not.toBe(sim.origin);

    const create = (auth: string) =>
      fetch(appsUrl, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ userAgent: 't', endpointId: 'e', culture: 'en-US' }) });
    const refused = await create(discoveryAuth);
    expect(refused.status).toBe(401);
    const appsTokenUrl = tokenUrlOf(refused);
    expect(new URL(appsTokenUrl).origin).toBe(new URL(appsUrl).origin);
    expect((await create(await token(appsTokenUrl))).status).toBe(201);
  });

  it('⚙ rootRedirect: the root first answers with a redirect link that leads to the real root', async () => {
    const sim = await startSimulator({ config: { rootRedirect: true } });
    sims.push(sim);
    const first = (await (await fetch(sim.rootUrl)).json()) as { _links: Record<string, { href: string }> };
    expect(Object.keys(first._links)).toEqual(['redirect']);
    const second = (await (await fetch(first._links['redirect']!.href)).json()) as { _links: Record<string, { href: string }> };
    expect(second._links['user']).toBeDefined();
  });

  it('never writes the password or token into the request log', async () => {
    const sim = await startSimulator();
    sims.push(sim);
    const auth = await token(`${sim.origin}/WebTicket/oauthtoken?password=Passw0rd!`);
    await fetch(`${sim.origin}/ucwa/oauth/v1/applications?access_token=${encodeURIComponent(auth.slice(7))}`, { headers: { authorization: auth } });
    const log = await (await fetch(`${sim.origin}/_sim/requests`)).text();
    expect(log).not.toContain('Passw0rd');
    expect(log).not.toContain(auth.slice(7));
    expect(log).toContain('/WebTicket/oauthtoken');
  });

  it('the CLI prints the listening line and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/simulator/cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const listening = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const root = await fetch(`${listening}/autodiscover/autodiscoverservice.svc/root`);
    expect(root.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(out).toContain('GET /autodiscover/autodiscoverservice.svc/root 200');
    expect(out).toContain('dana@contoso.com');
  });
});
