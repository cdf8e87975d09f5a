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

  async function signedInApp(sim: SimulatorHandle): Promise<{ auth: string; self: string }> {
    const auth = await token(`${sim.origin}/WebTicket/oauthtoken`);
    const res = await fetch(`${sim.origin}/ucwa/oauth/v1/applications`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ userAgent: 't', endpointId: 'e', culture: 'en-US' }),
    });
    const app = (await res.json()) as { _links: { self: { href: string } } };
    return { auth, self: new URL(app._links.self.href, sim.origin).toString() };
  }

  const control = (sim: SimulatorHandle, method: string, path: string, body?: unknown) =>
    fetch(`${sim.origin}/_sim/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  it('a status fault can carry the challenge (403 InvalidToken as Online sends it)', async () => {
    const sim = await startSimulator();
    sims.push(sim);
    const { auth, self } = await signedInApp(sim);
    await control(sim, 'POST', 'faults', { match: { path: '/me' }, fault: { type: 'status', status: 403, code: 'Forbidden', subcode: 'InvalidToken', challenge: true } });
    const res = await fetch(`${self}/me`, { headers: { authorization: auth } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'Forbidden', subcode: 'InvalidToken' });
    expect(res.headers.get('www-authenticate')).toContain('MsRtcOAuth href=');
    expect((await fetch(`${self}/me`, { headers: { authorization: auth } })).status).toBe(200);
  });

  it('a drop fault with afterMs kills the connection while the request is outstanding', async () => {
    const sim = await startSimulator();
    sims.push(sim);
    const { auth, self } = await signedInApp(sim);
    await control(sim, 'POST', 'faults', { match: { method: 'GET', path: 'events' }, fault: { type: 'drop', afterMs: 50 } });
    await expect(fetch(`${self}/events?ack=1`, { headers: { authorization: auth } })).rejects.toThrow();
    const log = (await (await control(sim, 'GET', 'requests')).json()) as { requests: { path: string; status: number }[] };
    expect(log.requests.find((r) => r.path.endsWith('/events'))?.status).toBe(0);
  });

  it('⚙ activityExpirySeconds: no reportMyActivity for that long → 410 InactiveApplicationExpired', async () => {
    // Keep the P-GET side alive so only the activity rule can end the application.
    const sim = await startSimulator({ config: { activityExpirySeconds: 1200, appReapSeconds: 100_000, resumeAfterSeconds: 100_000 } });
    sims.push(sim);
    const { auth, self } = await signedInApp(sim);
    const post = (path: string) => fetch(`${self}/me/${path}`, { method: 'POST', headers: { authorization: auth } });
    expect((await post('makeMeAvailable')).status).toBe(204);
    await control(sim, 'POST', 'clock/advance', { seconds: 1000 });
    expect((await post('reportMyActivity')).status).toBe(204);
    await control(sim, 'POST', 'clock/advance', { seconds: 1000 });
    expect((await fetch(self, { headers: { authorization: auth } })).status).toBe(200);
    await control(sim, 'POST', 'clock/advance', { seconds: 201 });
    const gone = await fetch(self, { headers: { authorization: auth } });
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ code: 'Gone', subcode: 'InactiveApplicationExpired' });
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
