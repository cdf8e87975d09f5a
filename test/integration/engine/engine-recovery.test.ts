import { afterEach, describe, expect, it } from 'vitest';
import type { EngineOptions } from '../../../main/core/engine';
import type { SessionState } from '../../../shared/models';
import { type BusyRun, DANA, eventually, first, signInBusy, startHarness, type Harness } from './support/engine-harness';
import { engineGroups, simGroups } from './support/sim-truth';

/**
 * Each fault is injected into a running session; afterwards the session must be `online` again,
 * the simulator must show Dana with our chosen availability and note, the engine's contact list
 * must equal the simulator's truth, and a change made on the server after the fault (or one only
 * the fault's handler can bring in) must reach the engine: that is what fails without the handler.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Running = BusyRun;

const signedInAsBusy = (config: Record<string, unknown> = {}, engine: EngineOptions = {}): Promise<Running> =>
  signInBusy((harness) => (h = harness), { config, engine });

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

let changeCount = 0;

/** A group added on the server now reaches the engine's list: the channel and subscriptions work. */
async function aChangeStillArrives(run: Running, tag: string): Promise<void> {
  changeCount += 1;
  const name = `Group ${changeCount} ${tag}`;
  await run.h.control('POST', `/_sim/users/${DANA.address}/groups`, { name });
  await eventually(async () => run.latestContacts()?.groups.some((g) => g.name === name) === true, `${name} in the engine's list`);
  await recovered(run);
}

/** A contact's presence changed on the server now reaches the engine: the presence subscription lives. */
async function aPresenceChangeStillArrives(run: Running): Promise<void> {
  const list = run.latestContacts()!;
  const contact = Object.values(list.contacts).find((c) => c.availability !== 'BeRightBack')!;
  await run.h.control('PUT', `/_sim/users/${contact.uri.replace(/^sip:/, '')}/presence`, { availability: 'BeRightBack' });
  await eventually(
    async () => run.latestContacts()?.contacts[contact.uri]?.availability === 'BeRightBack',
    `${contact.name} shows BeRightBack`,
  );
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

  it('after a dropped P-GET, the same application brings a group added afterwards in', async () => {
    const run = await signedInAsBusy();
    const ids = await applicationIds(run.h);
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'drop' });
    await recovered(run);
    await aChangeStillArrives(run, 'after a drop');
    expect(await applicationIds(run.h)).toEqual(ids); // retried on the same application, not replaced
  });

  it('after 5xx × 3 on the event channel: reconnecting, then the same application brings a group added afterwards in', async () => {
    const run = await signedInAsBusy();
    const ids = await applicationIds(run.h);
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'status', status: 500, code: 'ServiceFailure' }, 3);
    await recovered(run);
    expect(run.states.some((s) => s.state === 'reconnecting')).toBe(true);
    await aChangeStillArrives(run, 'after 5xx');
    expect(await applicationIds(run.h)).toEqual(ids);
  });

  it('503 with Retry-After: reconnecting shows the 503, then a group added afterwards still arrives', async () => {
    const run = await signedInAsBusy();
    await run.h.injectFault(
      { method: 'GET', path: '/events' },
      { type: 'status', status: 503, code: 'ServiceUnavailable', retryAfter: 1 },
    );
    await recovered(run);
    const waits = run.states.filter((s): s is Extract<SessionState, { state: 'reconnecting' }> => s.state === 'reconnecting');
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]!.lastError).toContain('503');
    await aChangeStillArrives(run, 'after 503');
    expect(await applicationIds(run.h)).toHaveLength(1);
  });

  it('a 401 mid-session (token invalidated) fetches a new token for the same application, which brings a group added afterwards in', async () => {
    const run = await signedInAsBusy();
    const before = await tokenRequests(run.h);
    const ids = await applicationIds(run.h);
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'invalidateToken' });
    await recovered(run);
    await eventually(async () => (await tokenRequests(run.h)) > before, 'a new token was fetched');
    await aChangeStillArrives(run, 'after a 401');
    expect(await applicationIds(run.h)).toEqual(ids); // re-authenticated, not re-created
    expect(JSON.stringify(run.h.logs)).not.toMatch(/cwt=|Passw0rd/);
  });

  // The simulator reaps the application (404 by default, 410 when configured); the engine must make a new one.
  it.each<[name: string, config: Record<string, unknown>, replaced: string]>([
    ['a reaped application (404 ApplicationNotFound) is replaced by one new application that is Busy and follows changes', {}, 'a new application replaced the reaped one'],
    ['an expired application (410 InactiveApplicationExpired) is replaced by one new application that is Busy and follows changes', { reapedStatus: 410 }, 'a new application replaced the expired one'],
  ])('%s', async (_name, config, replaced) => {
    const run = await signedInAsBusy(config);
    const [oldId] = await applicationIds(run.h);
    await run.h.control('POST', `/_sim/users/${DANA.address}/applications/expire`);
    await eventually(async () => {
      const ids = await applicationIds(run.h);
      return ids.length === 1 && ids[0] !== oldId;
    }, replaced);
    await recovered(run);
    await aChangeStillArrives(run, 'after the application was replaced');
  });

  // Each fault hits the event channel's P-GET once; afterwards the channel must still bring changes in.
  it.each<[name: string, fault: Record<string, unknown>]>([
    ['after 409 PGetReplaced, the same application brings a group added afterwards in', { type: 'status', status: 409, code: 'Conflict', subcode: 'PGetReplaced' }],
    ['after malformed JSON on the event channel, the same application brings a group added afterwards in', { type: 'malformedJson' }],
  ])('%s', async (_name, fault) => {
    const run = await signedInAsBusy();
    const ids = await applicationIds(run.h);
    await run.h.injectFault({ method: 'GET', path: '/events' }, fault);
    await recovered(run);
    await aChangeStillArrives(run, `after ${String(fault['type'])}`);
    expect(await applicationIds(run.h)).toEqual(ids);
  });

  it('resync: a membership change whose event was lost is brought in by the one re-read of the list', async () => {
    const run = await signedInAsBusy();
    await recovered(run);
    const since = await run.h.lastSeq();
    const user = await run.h.simUser();
    const group = user.groups.find((g) => g.kind === 'personal') ?? user.groups[0]!;
    // Made now and never announced: only re-reading the list after the reset can find it.
    await run.h.control('POST', `/_sim/users/${DANA.address}/groups/${group.id}/contacts`, {
      uri: 'sip:quinn@contoso.com',
      name: 'Quinn Lost-Event',
      announce: false,
    });
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'resync' });
    await eventually(
      async () => run.latestContacts()?.groups.find((g) => g.name === group.name)?.contactUris.includes('sip:quinn@contoso.com') === true,
      'the unannounced member is in the list',
    );
    await recovered(run);
    const reads = (await run.h.requests(since)).filter((r) => r.method === 'GET' && /\/people\/groups$/.test(r.path));
    expect(reads).toHaveLength(1);
  });

  it('resume: subscriptions are re-created, so a contact presence change made afterwards arrives', async () => {
    const run = await signedInAsBusy();
    await recovered(run);
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'resume' });
    await eventually(async () => (await run.h.faultsPending()) === 0, 'the resume was sent');
    await eventually(async () => {
      const app = (await run.h.simUser()).applications[0] as { presenceSubscriptions?: unknown[] } | undefined;
      return (app?.presenceSubscriptions?.length ?? 0) > 0;
    }, 'a presence subscription exists again');
    await aPresenceChangeStillArrives(run);
    await recovered(run);
  });

  it('a hung P-GET is abandoned at the engine deadline and a new P-GET parks, which brings a later change in', async () => {
    const run = await signedInAsBusy();
    await recovered(run);
    const since = await run.h.lastSeq();
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'hang' });
    await eventually(async () => {
      const pgets = (await run.h.requests(since)).filter((r) => r.method === 'GET' && /\/events$/.test(r.path));
      const abandoned = pgets.findIndex((r) => r.status === 0);
      return abandoned >= 0 && pgets.slice(abandoned + 1).some((r) => r.status === 200);
    }, 'the hung P-GET was abandoned (no answer) and a later P-GET was answered');
    await aChangeStillArrives(run, 'after a hung P-GET');
    expect(await applicationIds(run.h)).toHaveLength(1);
  });

  it('subscription expiry (clock advanced past 30 minutes): a group and a contact presence change made afterwards still arrive', async () => {
    // The application itself must survive the jump, so only the subscriptions' handlers can help
    // (and activity is reported often, so the jump does not leave Dana idle: IdleBusy).
    const run = await signedInAsBusy({ appReapSeconds: 86_400, resumeAfterSeconds: 86_400 }, { reportActivityPeriodMs: 300 });
    await recovered(run);
    const ids = await applicationIds(run.h);
    await run.h.control('POST', '/_sim/clock/advance', { seconds: 31 * 60 });
    await aChangeStillArrives(run, 'after expiry');
    await aPresenceChangeStillArrives(run);
    expect(await applicationIds(run.h)).toEqual(ids);
  });

  it('a P-GET that died silently in a sleep (it never answers) is replaced at the wake event, which brings a group added meanwhile in', async () => {
    // The engine's own P-GET deadline lies far past the test's patience: only the wake handler can help.
    const run = await signedInAsBusy({}, { pgetTimeoutSeconds: 600, httpMarginMs: 60_000 });
    await run.h.injectFault({ method: 'GET', path: '/events' }, { type: 'hang' });
    // This group's event answers the parked P-GET; the next one hangs.
    await aChangeStillArrives(run, 'before the sleep');
    const since = await run.h.lastSeq();
    const name = 'Group added while the P-GET was dead';
    await run.h.control('POST', `/_sim/users/${DANA.address}/groups`, { name });
    run.h.wake.next('resume');
    await eventually(async () => run.latestContacts()?.groups.some((g) => g.name === name) === true, `${name} in the engine's list`);
    expect((await run.h.requests(since)).filter((r) => r.method === 'GET' && /\/events$/.test(r.path)).length).toBeGreaterThanOrEqual(1);
    await recovered(run);
  });

  it('an unlock re-checks our presence: an availability another endpoint published meanwhile is replaced by ours', async () => {
    const run = await signedInAsBusy();
    await recovered(run);
    await run.h.control('PUT', `/_sim/users/${DANA.address}/presence`, { availability: 'Away' });
    // The engine hears of it (a me/presence event) and shows it; nothing else republishes.
    await eventually(async () => (await run.h.simUser()).availability === 'Away', 'the other endpoint published Away');
    run.h.wake.next('unlock');
    await eventually(async () => (await run.h.simUser()).availability === 'Busy', 'Busy published again after the unlock');
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
