import { afterEach, describe, expect, it } from 'vitest';
import { DANA, eventually, first, startHarness, type Harness } from './support/engine-harness';

/** Discovery topologies, sign-in failures a user must fix, and commands during trouble. */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

async function requests(harness: Harness): Promise<LoggedRequest[]> {
  return ((await harness.control('GET', '/_sim/requests')) as { requests: LoggedRequest[] }).requests;
}

describe('engine topologies and failures', () => {
  it('gets a second token for an applications host that differs from the discovery host', async () => {
    h = await startHarness({ config: { splitApplicationsHost: true } });
    await h.engine.signIn({ ...DANA, discoveryUrl: h.sim.rootUrl }, { availability: 'DoNotDisturb' });
    await eventually(async () => (await h!.simUser()).availability === 'DoNotDisturb', 'DoNotDisturb published');
    const tokenPosts = (await requests(h)).filter((r) => r.method === 'POST' && /oauthtoken/i.test(r.path));
    expect(tokenPosts.length).toBe(2);
  });

  it('follows a redirect from the discovery root', async () => {
    h = await startHarness({ config: { rootRedirect: true } });
    await h.engine.signIn({ ...DANA, discoveryUrl: h.sim.rootUrl }, { availability: 'BeRightBack' });
    await eventually(async () => (await h!.simUser()).availability === 'BeRightBack', 'BeRightBack published');
    const roots = (await requests(h)).filter((r) => /autodiscoverservice\.svc\/root$/i.test(r.path));
    expect(roots.length).toBe(2);
  });

  it('rejects an unreachable discovery URL with a message that says what to fix', async () => {
    h = await startHarness();
    const closedPort = `http://127.0.0.1:9/Autodiscover/AutodiscoverService.svc/root`;
    await expect(h.engine.signIn({ ...DANA, discoveryUrl: closedPort })).rejects.toMatchObject({
      error: { reason: 'serverUnreachable' },
    });
    expect(await first(h.engine.session$, () => true)).toMatchObject({ state: 'error' });
  });

  it('rejects a malformed address and discovery URL before any request', async () => {
    h = await startHarness();
    await expect(h.engine.signIn({ address: 'dana', password: 'x' })).rejects.toMatchObject({ error: { reason: 'badAddress' } });
    await expect(h.engine.signIn({ ...DANA, discoveryUrl: 'lyncdiscover' })).rejects.toMatchObject({
      error: { reason: 'badDiscoveryUrl' },
    });
    expect(await requests(h)).toEqual([]);
  });

  it('an availability chosen after makeMeAvailable sent the previous one is what the server ends with', async () => {
    h = await startHarness();
    // The application's re-read after makeMeAvailable is held, so the choice lands after Busy was sent.
    await h.injectFault({ method: 'GET', path: '/ucwa/oauth/v1/applications/' }, { type: 'delay', ms: 600 });
    const signedIn = h.engine.signIn({ ...DANA, discoveryUrl: h.sim.rootUrl }, { availability: 'Busy' });
    await eventually(async () => (await h!.requests()).some((r) => r.path.endsWith('/makeMeAvailable')), 'makeMeAvailable answered');
    await h.engine.setAvailability('Away');
    await signedIn;
    await eventually(async () => (await h!.simUser()).availability === 'Away', 'Away published after makeMeAvailable sent Busy');
    expect((await h.simUser()).availability).toBe('Away');
  });

  it('a command whose request hangs still lands after the timeout', async () => {
    h = await startHarness();
    await h.engine.signIn({ ...DANA, discoveryUrl: h.sim.rootUrl }, { availability: 'Busy' });
    await h.injectFault({ method: 'POST', path: '/me/presence' }, { type: 'hang' });
    await h.engine.setAvailability('Away');
    await eventually(async () => (await h!.simUser()).availability === 'Away', 'Away published after the hang');
    expect((await first(h.engine.session$, () => true)).state).toBe('online');
  });

  it('a command that meets 503 × 2 is retried and lands', async () => {
    h = await startHarness();
    await h.engine.signIn({ ...DANA, discoveryUrl: h.sim.rootUrl }, { availability: 'Busy' });
    await h.injectFault({ method: 'POST', path: '/me/note' }, { type: 'status', status: 503, code: 'ServiceUnavailable' }, 2);
    await h.engine.setNote('Back at 3');
    expect((await h.simUser()).note).toBe('Back at 3');
  });

  it('reconcile() checks the application at once and republishes presence that another endpoint changed', async () => {
    h = await startHarness();
    await h.engine.signIn({ ...DANA, discoveryUrl: h.sim.rootUrl }, { availability: 'Busy' });
    await eventually(async () => (await h!.simUser()).availability === 'Busy', 'Busy after sign-in');
    // Drift: another endpoint of Dana's says Away; the engine reports it but does not fight it…
    await h.control('PUT', `/_sim/users/${DANA.address}/presence`, { availability: 'Away' });
    await first(h.engine.presence$, (p) => p.availability === 'Away');
    const before = (await requests(h)).length;
    // …until a reconcile (resume from sleep, unlock) re-applies what the user chose.
    h.engine.reconcile();
    await eventually(
      async () => (await requests(h!)).slice(before).some((r) => r.method === 'GET' && /applications\/\d+$/.test(r.path)),
      'GET application after reconcile()',
    );
    await eventually(async () => (await h!.simUser()).availability === 'Busy', 'Busy again on the server');
    expect((await requests(h)).slice(before).some((r) => r.method === 'POST' && /\/me\/presence$/.test(r.path))).toBe(true);
  });

  it('a restart with the same EndpointId while the old application lives still ends Busy', async () => {
    h = await startHarness();
    await h.engine.signIn({ ...DANA, discoveryUrl: h.sim.rootUrl }, { availability: 'Busy' });
    await h.engine.signIn({ ...DANA, discoveryUrl: h.sim.rootUrl }, { availability: 'Offwork' });
    await eventually(async () => {
      const user = await h!.simUser();
      return user.applications.length === 1 && user.applications[0]?.availability === 'Offwork';
    }, 'one application, Offwork');
  });

  it('presence$ follows what the server reports, e.g. another endpoint of the user changing it', async () => {
    h = await startHarness({ config: { mediumWindowSeconds: 1 } });
    await h.engine.signIn({ ...DANA, discoveryUrl: h.sim.rootUrl }, { availability: 'Busy' });
    await first(h.engine.presence$, (p) => p.availability === 'Busy');
    await h.control('PUT', `/_sim/users/${DANA.address}/presence`, { availability: 'DoNotDisturb', note: 'From my phone' });
    const seen = await first(h.engine.presence$, (p) => p.availability === 'DoNotDisturb' && p.note === 'From my phone');
    expect(seen).toEqual({ availability: 'DoNotDisturb', note: 'From my phone' });
    // What we asked for is unchanged: the engine reports the server, it does not overwrite the user's choice.
    expect((await first(h.engine.desired$, () => true)).availability).toBe('Busy');
  });
});
