import { afterEach, describe, expect, it } from 'vitest';
import type { ContactList, SessionState } from '../../../shared/models';
import { DANA, eventually, first, startHarness, type Harness } from './support/engine-harness';
import { engineGroups, simGroups } from './support/sim-truth';

/**
 * Issue 3, "Tests": each fault is injected into a running session; afterwards the session must be
 * `online` again, the simulator must show Dana with our chosen availability and note, and the
 * engine's contact list must equal the simulator's truth.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Running {
  readonly h: Harness;
  readonly states: SessionState[];
  latestContacts(): ContactList | undefined;
}

async function signedInAsBusy(config: Record<string, unknown> = {}): Promise<Running> {
  const harness = await startHarness({ config });
  h = harness;
  const states: SessionState[] = [];
  harness.engine.session$.subscribe((s) => states.push(s));
  let contacts: ContactList | undefined;
  harness.engine.contacts$.subscribe((c) => {
    contacts = c;
  });
  await harness.engine.signIn({ ...DANA, discoveryUrl: harness.sim.rootUrl }, { availability: 'Busy', note: 'Heads down' });
  await eventually(async () => (await harness.simUser()).availability === 'Busy', 'Dana is Busy after sign-in');
  return { h: harness, states, latestContacts: () => contacts };
}

async function faultsPending(harness: Harness): Promise<number> {
  const body = (await harness.control('GET', '/_sim/faults')) as { faults: unknown[] };
  return body.faults.length;
}

/**
 * Every fault test ends here: the fault fired, then (all at once) the session is online, the server
 * shows our availability and note, and the contact lists agree.
 */
async function recovered(run: Running): Promise<void> {
  const { h: harness } = run;
  await eventually(async () => (await faultsPending(harness)) === 0, 'the injected fault fired');
  await eventually(async () => {
    const user = await harness.simUser();
    const list = run.latestContacts();
    return (
      run.states.at(-1)?.state === 'online' &&
      user.availability === 'Busy' &&
      user.note === 'Heads down' &&
      list !== undefined &&
      JSON.stringify(engineGroups(list)) === JSON.stringify(simGroups(user))
    );
  }, 'online, Busy + note on the server, same contact list');
}

async function applicationIds(harness: Harness): Promise<string[]> {
  return (await harness.simUser()).applications.map((a) => a.id);
}

async function tokenRequests(harness: Harness): Promise<number> {
  const log = (await harness.control('GET', '/_sim/requests')) as { requests: { method: string; path: string }[] };
  return log.requests.filter((r) => r.method === 'POST' && /oauthtoken/i.test(r.path)).length;
}

describe('engine against the simulator', () => {
  it('signs in, publishes the chosen availability and note, and mirrors the contact list', async () => {
    const run = await signedInAsBusy();
    expect(run.states.map((s) => s.state)).toEqual(expect.arrayContaining(['discovering', 'connecting', 'online']));
    await recovered(run);
    const presence = await first(run.h.engine.presence$, (p) => p.availability === 'Busy');
    expect(presence.note).toBe('Heads down');
  });

  it('sets each value, resets to automatic and clears the note', async () => {
    const run = await signedInAsBusy();
    for (const value of ['Online', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offwork', 'Busy'] as const) {
      await run.h.engine.setAvailability(value);
      const user = await run.h.simUser();
      expect(user.applications.some((a) => a.availability === value)).toBe(true);
    }
    await run.h.engine.setNote('');
    expect((await run.h.simUser()).note).toBe('');
    await run.h.engine.resetAvailability();
    const desired = await first(run.h.engine.desired$, () => true);
    expect(desired).toEqual({ availability: null, note: '' });
    await eventually(async () => (await run.h.simUser()).availability === 'Online', 'automatic = Online for an active user');
  });

  it('rejects a wrong password with a typed, non-retried error', async () => {
    const harness = await startHarness();
    h = harness;
    await expect(
      harness.engine.signIn({ address: DANA.address, password: 'nope', discoveryUrl: harness.sim.rootUrl }),
    ).rejects.toMatchObject({ error: { reason: 'wrongPassword' } });
    const state = await first(harness.engine.session$, () => true);
    expect(state).toMatchObject({ state: 'error', error: { reason: 'wrongPassword' } });
    expect(await tokenRequests(harness)).toBe(1);
    expect(JSON.stringify(harness.logs)).not.toContain('nope');
  });

  it('recovers from a dropped P-GET', async () => {
    const run = await signedInAsBusy();
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'drop' });
    await recovered(run);
  });

  it('recovers from 5xx × 3 on the event channel', async () => {
    const run = await signedInAsBusy();
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'status', status: 500, code: 'ServiceFailure' }, 3);
    await recovered(run);
    expect(run.states.some((s) => s.state === 'reconnecting')).toBe(true);
  });

  it('honours 503 with Retry-After and shows reconnecting meanwhile', async () => {
    const run = await signedInAsBusy();
    await run.h.injectFault(
      { method: 'GET', path: '/events' },
      { type: 'status', status: 503, code: 'ServiceUnavailable', retryAfter: 1 },
    );
    await recovered(run);
    const waits = run.states.filter((s): s is Extract<SessionState, { state: 'reconnecting' }> => s.state === 'reconnecting');
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]!.lastError).toContain('503');
  });

  it('re-authenticates after a 401 mid-session (token invalidated)', async () => {
    const run = await signedInAsBusy();
    const before = await tokenRequests(run.h);
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'invalidateToken' });
    await recovered(run);
    await eventually(async () => (await tokenRequests(run.h)) > before, 'a new token was fetched');
    expect(JSON.stringify(run.h.logs)).not.toMatch(/cwt=|Passw0rd/);
  });

  // The simulator reaps the application (404 by default, 410 when configured); the engine must make a new one.
  it.each<[name: string, config: Record<string, unknown>, replaced: string]>([
    ['recreates the application after it was reaped (404 ApplicationNotFound)', {}, 'a new application replaced the reaped one'],
    ['recreates the application after 410 InactiveApplicationExpired', { reapedStatus: 410 }, 'a new application replaced the expired one'],
  ])('%s', async (_name, config, replaced) => {
    const run = await signedInAsBusy(config);
    const [oldId] = await applicationIds(run.h);
    await run.h.control('POST', `/_sim/users/${DANA.address}/applications/expire`);
    await recovered(run);
    await eventually(async () => {
      const ids = await applicationIds(run.h);
      return ids.length === 1 && ids[0] !== oldId;
    }, replaced);
  });

  // Each fault hits the event channel's P-GET once; the engine must come back online and busy.
  it.each<[name: string, fault: Record<string, unknown>]>([
    ['keeps going after 409 PGetReplaced', { type: 'status', status: 409, code: 'Conflict', subcode: 'PGetReplaced' }],
    ['follows a resync link and re-reads state', { type: 'resync' }],
    ['follows a resume link and restores subscriptions', { type: 'resume' }],
    ['survives malformed JSON on the event channel', { type: 'malformedJson' }],
    ['gives up on a hung response and carries on', { type: 'hang' }],
  ])('%s', async (_name, fault) => {
    const run = await signedInAsBusy();
    await run.h.injectFault({ method: 'GET', path: '/events' }, fault);
    await recovered(run);
  });

  it('survives subscription expiry (clock advanced past 30 minutes)', async () => {
    const run = await signedInAsBusy();
    await run.h.control('POST', '/_sim/clock/advance', { seconds: 31 * 60 });
    await recovered(run);
  });

  it('recovers after a clock jump of more than 15 minutes (sleep) plus a wake event', async () => {
    const run = await signedInAsBusy();
    await run.h.control('POST', '/_sim/clock/advance', { seconds: 16 * 60 });
    run.h.wake.next('resume');
    await recovered(run);
  });

  it('a group added through the control API shows up in the contact list and the change feed', async () => {
    const run = await signedInAsBusy();
    const changes: string[] = [];
    run.h.engine.changes$.subscribe((c) => changes.push(`${c.kind}:${c.group ?? ''}`));
    await recovered(run);
    await run.h.control('POST', `/_sim/users/${DANA.address}/groups`, { name: 'Tiger team' });
    await eventually(async () => changes.includes('groupAdded:Tiger team'), 'groupAdded change');
    await recovered(run);
  });

  it('signs out: deletes the application and stops all traffic', async () => {
    const run = await signedInAsBusy();
    await run.h.engine.signOut();
    expect(await applicationIds(run.h)).toEqual([]);
    expect((await first(run.h.engine.session$, () => true)).state).toBe('signedOut');
    const count = async (): Promise<number> =>
      ((await run.h.control('GET', '/_sim/requests')) as { requests: unknown[] }).requests.length;
    const settled = await count();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count()).toBe(settled);
  });
});
