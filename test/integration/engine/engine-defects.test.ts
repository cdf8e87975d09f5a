import { afterEach, describe, expect, it } from 'vitest';
import { people } from '../../../main/core/ucwa/people/people';
import type { SessionState } from '../../../shared/models';
import type { EngineOptions } from '../../../main/core/engine';
import type { EngineDeps } from '../../../main/core/ports';
import type { SimConfig } from '../../simulator/index';
import { type BusyRun, DANA, ENDPOINT_ID, eventually, type Harness, signInBusy, startHarness } from './support/engine-harness';
import { liveApplications } from './support/sim-truth';

/**
 * Defects found by running faults against the real engine: leaked applications, request storms
 * against a server that answers at once, programming errors retried forever, a contact list the
 * user may not read retried forever, and `reconcile()` that never reached people.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Running = BusyRun;

const signedInAsBusy = (
  options: { config?: Partial<SimConfig>; engine?: EngineOptions; deps?: Partial<EngineDeps> } = {},
): Promise<Running> => signInBusy((harness) => (h = harness), { ...options, engine: { people, ...options.engine } });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const isPGet = (r: { method: string; path: string }): boolean => r.method === 'GET' && /\/events$/.test(r.path);

describe('engine: one live application for our EndpointId', () => {
  it.each<[name: string, fault: Record<string, unknown>, times: number]>([
    ['403 on the P-GET', { type: 'status', status: 403, code: 'Forbidden' }, 1],
    ['502 on the P-GET', { type: 'status', status: 502, code: 'BadGateway' }, 1],
    ['a 401 on the P-GET that survives re-authentication', { type: 'status', status: 401, code: 'Unauthorized', challenge: true }, 2],
  ])('after %s the old application is deleted: one live application, none after sign-out', async (_name, fault, times) => {
    const run = await signedInAsBusy();
    const [oldId] = (await run.h.simUser()).applications.map((a) => a.id);
    await run.h.injectFault({ method: 'GET', path: '/events' }, fault, times);
    await eventually(async () => (await run.h.faultsPending()) === 0, 'the fault fired');
    await eventually(async () => {
      const user = await run.h.simUser();
      return run.states.at(-1)?.state === 'online' && user.applications.some((a) => a.id !== oldId) && user.availability === 'Busy';
    }, 'a new application is online and Busy');
    const user = await run.h.simUser();
    expect(user.applications.map((a) => a.id)).not.toContain(oldId);
    expect(liveApplications(user, ENDPOINT_ID)).toBe(1);
    await run.h.engine.signOut();
    expect(liveApplications(await run.h.simUser(), ENDPOINT_ID)).toBe(0);
  });
});

describe('engine: a 401 that survives re-authentication', () => {
  it('drops the token it holds: the replacement application is created with a token fetched after the second 401', async () => {
    const run = await signedInAsBusy();
    const [oldId] = (await run.h.simUser()).applications.map((a) => a.id);
    const since = await run.h.lastSeq();
    // The first 401 makes the client fetch a new token and retry; the retry gets the second 401.
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'status', status: 401, code: 'Unauthorized', challenge: true }, 2);
    await eventually(async () => {
      const user = await run.h.simUser();
      const replaced = user.applications.length === 1 && user.applications[0]!.id !== oldId;
      return run.states.at(-1)?.state === 'online' && replaced && user.availability === 'Busy';
    }, 'online again with one new application');
    const log = await run.h.requests(since);
    const second401 = log.filter((r) => /\/events$/.test(r.path) && r.status === 401)[1]!;
    const tokensAfter = log.filter((r) => r.method === 'POST' && /oauthtoken/i.test(r.path) && r.seq > second401.seq && r.status === 200);
    // Kept, the token the server refused twice would have been sent on as if nothing had happened.
    expect(tokensAfter.length).toBeGreaterThanOrEqual(1);
    const created = log.find((r) => r.method === 'POST' && /\/applications$/.test(r.path) && r.seq > second401.seq && r.status === 201);
    expect(created).toBeDefined();
    expect(tokensAfter[0]!.seq).toBeLessThan(created!.seq);
  });
});

describe('engine: no request storm against a server that answers at once', () => {
  it('P-GETs answered at once (no hold) are sent at most one a second', async () => {
    const run = await signedInAsBusy();
    await run.h.control('PATCH', '/_sim/config', { pgetTimeoutMin: 0, pgetTimeoutMax: 0 });
    const since = await run.h.lastSeq();
    const started = Date.now();
    await sleep(3_000);
    const elapsedMs = Date.now() - started;
    const pgets = (await run.h.requests(since)).filter(isPGet);
    // The fault shows: P-GETs come back at once, so several were sent within 3 s…
    expect(pgets.length).toBeGreaterThanOrEqual(2);
    // …but no more than one per second (plus the one parked before the change).
    expect(pgets.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / 1_000) + 1);
  });

  it('a resync on every P-GET answer costs one re-read per interval, and a group added meanwhile still arrives', async () => {
    const run = await signedInAsBusy();
    // Let sign-in's own events (and the reads they trigger) pass: more than one P-GET hold (2 s).
    await sleep(2_500);
    const since = await run.h.lastSeq();
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'resync' }, 1_000);
    await run.h.control('POST', `/_sim/users/${DANA.address}/groups`, { name: 'Storm watchers' });
    await sleep(4_500);
    const log = await run.h.requests(since);
    const resets = log.filter(isPGet).length;
    const groupReads = log.filter((r) => r.method === 'GET' && /\/people\/groups$/.test(r.path)).length;
    const presenceReads = log.filter((r) => r.method === 'GET' && /\/me\/presence$/.test(r.path)).length;
    expect(resets).toBeGreaterThanOrEqual(4); // every P-GET was answered with a resync at once
    expect(groupReads).toBe(1); // the first reset re-reads at once; the others wait for the interval
    expect(presenceReads).toBe(1);
    await run.h.control('DELETE', '/_sim/faults');
    await eventually(async () => run.latestContacts()?.groups.some((g) => g.name === 'Storm watchers') === true, 'the group added during the storm');
  });
});

describe('engine: errors the user must see', () => {
  it('a programming error (TypeError) is logged with its stack, ends the session in error, and is not retried', async () => {
    // It strikes as soon as the session is online (the first activity report), so the sign-in is
    // not waited for as Busy: the application may be gone before the simulator is asked.
    const harness = await startHarness({
      engine: { people, reportActivityPeriodMs: 300 },
      deps: {
        idle: {
          idleSeconds: () => {
            throw new TypeError("Cannot read properties of undefined (reading 'idle')");
          },
        },
      },
    });
    h = harness;
    const states: SessionState[] = [];
    harness.engine.session$.subscribe((s) => states.push(s));
    await harness.engine.signIn({ ...DANA, discoveryUrl: harness.sim.rootUrl }, { availability: 'Busy' }).catch(() => undefined);
    await eventually(async () => states.at(-1)?.state === 'error', 'session error');
    expect(states.at(-1)).toMatchObject({ state: 'error', error: { reason: 'unknown' } });
    expect(states.some((s) => s.state === 'online')).toBe(true);
    expect(states.some((s) => s.state === 'reconnecting')).toBe(false);
    const logged = harness.logs.find((line) => line.level === 'error');
    expect(String(logged?.fields?.['stack'])).toContain('TypeError');
    const created = (await harness.control('GET', '/_sim/requests')) as { requests: { method: string; path: string }[] };
    expect(created.requests.filter((r) => r.method === 'POST' && /\/applications$/.test(r.path))).toHaveLength(1);
    await eventually(async () => liveApplications(await harness.simUser(), ENDPOINT_ID) === 0, 'the application was deleted');
    const settled = await harness.lastSeq();
    await sleep(1_000);
    expect(await harness.lastSeq()).toBe(settled);
  });

  it('403 on myGroups: the session ends in a forbidden error and the list is not read again', async () => {
    const harness = await startHarness({ engine: { people } });
    h = harness;
    await harness.injectFault({ method: 'GET', path: '/people/groups' }, { type: 'status', status: 403, code: 'Forbidden' }, 1_000);
    const states: SessionState[] = [];
    harness.engine.session$.subscribe((s) => states.push(s));
    await harness.engine.signIn({ ...DANA, discoveryUrl: harness.sim.rootUrl }, { availability: 'Busy' }).catch(() => undefined);
    await eventually(async () => states.at(-1)?.state === 'error', 'session error');
    expect(states.at(-1)).toMatchObject({ state: 'error', error: { reason: 'forbidden' } });
    await sleep(1_000);
    const reads = (await harness.requests()).filter((r) => r.method === 'GET' && /\/people\/groups$/.test(r.path));
    expect(reads).toHaveLength(1);
  });
});

describe('engine: reconcile()', () => {
  it('re-checks the subscriptions: both are refreshed on the server at once', async () => {
    const run = await signedInAsBusy();
    await eventually(async () => ((await run.h.simUser()).applications[0] as { presenceSubscriptions?: unknown[] } | undefined)?.presenceSubscriptions?.length === 1, 'presence subscription');
    await sleep(300);
    const since = await run.h.lastSeq();
    run.h.engine.reconcile();
    await eventually(async () => {
      const log = await run.h.requests(since);
      return (
        log.some((r) => r.method === 'POST' && /startOrRefreshSubscriptionToContactsAndGroups$/.test(r.path)) &&
        log.some((r) => r.method === 'POST' && /\/presenceSubscriptions\/[^/]+$/.test(r.path))
      );
    }, 'contacts-and-groups subscription refreshed and presence subscription extended', 5_000);
  });
});

describe("engine: the user's choices made while the application is re-created", () => {
  it('a note cleared and an availability picked while no application exists reach the new application', async () => {
    const run = await signedInAsBusy();
    const [oldId] = (await run.h.simUser()).applications.map((a) => a.id);
    expect((await run.h.simUser()).note).toBe('Heads down');
    const since = await run.h.lastSeq();
    // Creating the replacement fails until the choices are made.
    await run.h.injectFault({ method: 'POST', path: '/ucwa/oauth/v1/applications' }, { type: 'status', status: 503, code: 'ServiceUnavailable' }, 1_000);
    await run.h.control('POST', `/_sim/users/${DANA.address}/applications/expire`);
    await eventually(
      async () => (await run.h.requests(since)).some((r) => r.method === 'POST' && /\/applications$/.test(r.path) && r.status === 503),
      'creating the new application failed',
    );
    await Promise.all([run.h.engine.setNote(''), run.h.engine.setAvailability('Away')]);
    await run.h.control('DELETE', '/_sim/faults');
    await eventually(async () => {
      const user = await run.h.simUser();
      return run.states.at(-1)?.state === 'online' && user.applications.some((a) => a.id !== oldId);
    }, 'a new application is online');
    await eventually(async () => {
      const user = await run.h.simUser();
      return user.note === '' && user.availability === 'Away';
    }, 'the server shows the cleared note and Away');
  });
});

/** Until the sign-in's own reads and checks are done: no request answered for a while. */
async function untilQuiet(harness: Harness): Promise<void> {
  let last = -1;
  let seq = await harness.lastSeq();
  while (seq !== last) {
    last = seq;
    await sleep(400);
    seq = await harness.lastSeq();
  }
}

describe('engine: re-checks of our presence', () => {
  it('an unlock during a re-check is not dropped: a drift that check read too early is republished by one more', async () => {
    const run = await signedInAsBusy({ engine: { requestTimeoutMs: 10_000 } });
    await untilQuiet(run.h);
    // The re-check's note read is slow, so it is still running when the drift and the unlock come.
    await run.h.injectFault({ method: 'GET', path: '/me/note' }, { type: 'delay', ms: 3_000 });
    const since = await run.h.lastSeq();
    run.h.engine.reconcile();
    await eventually(async () => (await run.h.requests(since)).some((r) => r.method === 'GET' && /\/me\/presence$/.test(r.path)), 'the re-check read Busy');
    await run.h.control('PUT', `/_sim/users/${DANA.address}/presence`, { availability: 'Away' });
    run.h.wake.next('unlock');
    await eventually(async () => (await run.h.faultsPending()) === 0 && (await run.h.simUser()).availability === 'Busy', 'Busy published again');
  });
});
