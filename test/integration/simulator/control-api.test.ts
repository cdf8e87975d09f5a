/**
 * The simulator's control API: users, config, clock, every fault
 * type, and the request log (which must never contain a password or token).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectUcwaError } from './support/errors';
import { EventReader, startPget, settle } from './support/events';
import { msRtcOAuth, send, sleep } from './support/http';
import { arr, hasLink, linkRels, obj } from './support/json';
import { DANA, Sim } from './support/sim';
import { startSignedInWithApp } from './support/signed-in';
import type { App, Session } from './support/ucwa';

let sim: Sim;
let session: Session;
let app: App;
beforeEach(async () => {
  ({ sim, session, app } = await startSignedInWithApp());
});
afterEach(async () => {
  await sim.stop();
});

describe('users', () => {
  it('GET /_sim/users/{user} answers availability, note, applications and groups', async () => {
    await app.makeAvailable();
    const user = await sim.user();
    expect(user['availability']).toBe('Online');
    expect(user).toHaveProperty('note');
    const apps = arr(user['applications']).map((a) => obj(a));
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ available: true, availability: 'Online' });
    expect(String(apps[0]?.['id'])).toBe(new URL(app.self).pathname.split('/').pop());
    const groups = arr(user['groups']).map((g) => obj(g));
    expect(groups.map((g) => g['name'])).toEqual(
      expect.arrayContaining(['Pinned Contacts', 'Other Contacts', 'Project Falcon', 'Lunch crew', 'Engineering DL']),
    );
    for (const group of groups) {
      expect(typeof group['kind']).toBe('string');
      for (const contact of arr(group['contacts'])) expect(String(obj(contact)['uri'])).toMatch(/^sip:/);
    }
  });

  it('creates, renames and deletes groups and their contacts', async () => {
    const id = await sim.addGroup('Chess club');
    await sim.addContact(id, 'sip:rook@contoso.com', 'Rook');
    let group = arr((await sim.user())['groups']).map((g) => obj(g)).find((g) => String(g['id']) === id);
    expect(group?.['name']).toBe('Chess club');
    expect(arr(group?.['contacts']).map((c) => obj(c)['uri'])).toEqual(['sip:rook@contoso.com']);
    expect((await app.groupNamed('Chess club')).rel).toBe('group');

    await sim.renameGroup(id, 'Go club');
    await sim.removeContact(id, 'sip:rook@contoso.com');
    group = arr((await sim.user())['groups']).map((g) => obj(g)).find((g) => String(g['id']) === id);
    expect(group?.['name']).toBe('Go club');
    expect(arr(group?.['contacts'])).toEqual([]);

    await sim.deleteGroup(id);
    const names = arr((await sim.user())['groups']).map((g) => obj(g)['name']);
    expect(names).not.toContain('Go club');
  });

  it('sets another user\'s presence and note', async () => {
    const contact = (await app.contactUris())[0] ?? '';
    const user = contact.replace(/^sip:/i, '').toLowerCase();
    await sim.setPresence(user, { availability: 'BeRightBack', note: 'Back at 3' });
    const state = await sim.user(user);
    expect(state['availability']).toBe('BeRightBack');
    expect(state['note']).toBe('Back at 3');
  });
});

describe('config and clock', () => {
  it('GET /_sim/config answers the documented defaults; PATCH changes and returns them', async () => {
    const config = await sim.config();
    expect(config).toMatchObject({
      tokenLifetimeSeconds: 28_800, pgetTimeoutSeconds: 180, pgetTimeoutMin: 180, pgetTimeoutMax: 1800,
      mediumWindowSeconds: 5, lowWindowSeconds: 15, appReapSeconds: 900, reapedStatus: 404,
      inactiveTimeoutSeconds: 300, awayTimeoutSeconds: 600, emptySender: 'array', batchLimit: 100,
      maxApplicationsPerUser: 10, retainedEventBatches: 50,
    });
    const patched = await sim.patchConfig({ pgetTimeoutSeconds: 240 });
    expect(patched['pgetTimeoutSeconds']).toBe(240);
    expect((await sim.config())['pgetTimeoutSeconds']).toBe(240);
  });

  it('uses a patched P-GET timeout', async () => {
    await sim.patchConfig({ pgetTimeoutSeconds: 240 });
    const p = startPget(session, app.eventsUrl);
    await sleep(80);
    await sim.config();
    await sim.advance(200);
    expect(await settle(p.isDone)).toBe(false);
    await sim.advance(41);
    expect((await p.reply).status).toBe(200);
  });
});

describe('faults', () => {
  it('status: answers the UCWA error with Retry-After, the given number of times, then normally', async () => {
    await sim.fault({
      match: { method: 'GET', path: 'me' },
      times: 2,
      fault: { type: 'status', status: 503, code: 'ServiceUnavailable', subcode: 'X', retryAfter: 2 },
    });
    for (let i = 0; i < 2; i += 1) {
      const reply = await session.get(app.meLink('self'));
      expectUcwaError(reply, 503, 'ServiceUnavailable', 'X');
      expect(reply.headers.get('retry-after')).toBe('2');
    }
    expect((await session.get(app.meLink('self'))).status).toBe(200);
  });

  it('status without retryAfter sends no Retry-After; a fault stays listed until used up', async () => {
    const id = await sim.fault({ match: { path: 'people' }, times: 2, fault: { type: 'status', status: 500, code: 'ServiceFailure' } });
    const first = await session.get(app.peopleLink('self'));
    expectUcwaError(first, 500, 'ServiceFailure');
    expect(first.headers.get('retry-after')).toBeNull();
    expect(JSON.stringify(await sim.faults())).toContain(id);
    expect((await session.get(app.peopleLink('self'))).status).toBe(500);
    expect(JSON.stringify(await sim.faults())).not.toContain(id);
    expect((await session.get(app.peopleLink('self'))).status).toBe(200);
  });

  it('lists pending faults and clears them', async () => {
    const id = await sim.fault({ match: { path: 'people' }, times: 5, fault: { type: 'status', status: 500, code: 'ServiceFailure' } });
    expect(JSON.stringify(await sim.faults())).toContain(id);
    await sim.clearFaults();
    expect(JSON.stringify(await sim.faults())).not.toContain(id);
    expect((await session.get(app.peopleLink('self'))).status).toBe(200);
  });

  it('matches the method when given, the path case-insensitively as a substring', async () => {
    await sim.fault({ match: { method: 'POST', path: 'PRESENCE' }, times: 1, fault: { type: 'status', status: 503, code: 'ServiceUnavailable' } });
    await app.makeAvailable();
    expect((await session.get(app.meLink('presence'))).status).toBe(200);
    expect((await session.post(app.meLink('presence'), { availability: 'Busy' })).status).toBe(503);
    expect((await session.post(app.meLink('presence'), { availability: 'Busy' })).status).toBe(204);
  });

  it('drop: destroys the connection without a response', async () => {
    await sim.fault({ match: { path: 'me' }, times: 1, fault: { type: 'drop' } });
    await expect(session.get(app.meLink('self'))).rejects.toThrow();
    expect((await session.get(app.meLink('self'))).status).toBe(200);
  });

  it('delay: answers normally after the delay', async () => {
    await sim.fault({ match: { path: 'me' }, times: 1, fault: { type: 'delay', ms: 300 } });
    const started = performance.now();
    const reply = await session.get(app.meLink('self'));
    expect(reply.status).toBe(200);
    // A lower bound only: the delay must have happened at all.
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('hang: never answers; the client gives up; stopping the simulator still works', async () => {
    await sim.fault({ match: { path: 'me' }, times: 1, fault: { type: 'hang' } });
    const controller = new AbortController();
    const pending = session.get(app.meLink('self'), { signal: controller.signal });
    await sleep(200);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect((await session.get(app.meLink('self'))).status).toBe(200);
  });

  it('hang: a hung request is released when the simulator stops', async () => {
    await sim.fault({ match: { path: 'me' }, times: 1, fault: { type: 'hang' } });
    const pending = session.get(app.meLink('self')).then(
      () => 'answered',
      () => 'closed',
    );
    await sleep(100);
    await sim.stop();
    expect(['answered', 'closed']).toContain(await pending);
    sim = await Sim.start();
  });

  it('malformedJson: 200 with a body that is not valid JSON', async () => {
    await sim.fault({ match: { path: 'me' }, times: 1, fault: { type: 'malformedJson' } });
    const reply = await session.get(app.meLink('self'));
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/json/);
    expect(() => JSON.parse(reply.text) as unknown).toThrow();
  });

  it('resync: the next matching P-GET has only a resync link', async () => {
    await sim.fault({ match: { method: 'GET', path: 'events' }, times: 1, fault: { type: 'resync' } });
    const events = new EventReader(session, app.eventsUrl);
    await events.read([6, 181]);
    expect(linkRels(events.last?.json)).toEqual(['resync']);
  });

  it('resume: the next matching P-GET has resume instead of next', async () => {
    await sim.fault({ match: { method: 'GET', path: 'events' }, times: 1, fault: { type: 'resume' } });
    const events = new EventReader(session, app.eventsUrl);
    await events.read([6, 181]);
    expect(hasLink(events.last?.json, 'resume')).toBe(true);
    expect(hasLink(events.last?.json, 'next')).toBe(false);
  });

  it('invalidateToken: 401 with the challenge; a new token works', async () => {
    await sim.fault({ match: { path: 'me' }, times: 1, fault: { type: 'invalidateToken' } });
    const reply = await session.get(app.meLink('self'));
    expect(reply.status).toBe(401);
    expect(msRtcOAuth(reply.headers)).toBeDefined();
    expect((await session.get(app.self)).status).toBe(401);
    await session.renewToken();
    expect((await session.get(app.meLink('self'))).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, path, status and time in order, without control calls', async () => {
    await sim.clearRequests();
    await session.get(app.self);
    await session.get(app.meLink('self'));
    await sim.user();
    const log = await sim.requests();
    expect(log).toHaveLength(2);
    expect(log.map((r) => [r['method'], r['path'], r['status']])).toEqual([
      ['GET', new URL(app.self).pathname, 200],
      ['GET', new URL(app.meLink('self')).pathname, 200],
    ]);
    const [first, second] = log;
    expect(Number(second?.['seq'])).toBeGreaterThan(Number(first?.['seq']));
    expect(first?.['at']).toBeDefined();
    expect(log.every((r) => !String(r['path']).startsWith('/_sim'))).toBe(true);
  });

  it('filters with since and keeps the query separate from the path', async () => {
    await session.get(app.self);
    const before = await sim.requests();
    const last = Number(before[before.length - 1]?.['seq']);
    await session.get(`${app.peopleLink('search')}?query=sara&limit=5`);
    const after = await sim.requests(last);
    expect(after).toHaveLength(1);
    expect(after[0]?.['path']).toBe(new URL(app.peopleLink('search')).pathname);
    expect(String(after[0]?.['query'])).toContain('query=sara');
  });

  it('never contains the password or the token', async () => {
    await send(`${session.discovery.tokenUrl}?password=${encodeURIComponent(DANA.password)}`, { method: 'POST', body: 'x' });
    await session.get(`${app.self}?access_token=${encodeURIComponent(session.token)}`);
    const text = JSON.stringify(await sim.requests());
    expect(text).not.toContain(DANA.password);
    expect(text).not.toContain(encodeURIComponent(DANA.password));
    expect(text).not.toContain(session.token.slice(4));
    expect(text.toLowerCase()).toContain('/webticket/oauthtoken');
  });

  it('DELETE /_sim/requests clears the log', async () => {
    await session.get(app.self);
    await sim.clearRequests();
    expect(await sim.requests()).toEqual([]);
  });
});
