/**
 * The event channel, one test per server rule of ucwa-protocol.md §5.3, plus the §5.1 query
 * parameters and the §5.2 response shape (next/resync/resume, sender [] vs omitted).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectUcwaError } from './support/errors';
import { EventReader, ackOf, flatten, pget, settle, startPget, type FlatEvent } from './support/events';
import { sleep, withParams } from './support/http';
import { hasLink, link, linkRels, obj } from './support/json';
import type { Sim } from './support/sim';
import { startSignedInWithApp } from './support/signed-in';
import { APP_BODY, type Session, type App } from './support/ucwa';

let sim: Sim;
let session: Session;
let app: App;
beforeEach(async () => {
  ({ sim, session, app } = await startSignedInWithApp());
});
afterEach(async () => {
  await sim.stop();
});

const presenceUpdated = (e: FlatEvent) => e.sender === 'me' && e.rel === 'presence' && e.type === 'updated';

/**
 * Lets a just-sent P-GET reach the simulator and park before the clock moves. The simulator runs in
 * this process, so a few event-loop turns plus one more loopback round trip are enough.
 */
async function parked(): Promise<void> {
  await sleep(80);
  await sim.config();
}

describe('rule 1: hold the P-GET until an event is due or the timeout elapses', () => {
  it('holds an empty P-GET for 180 s by default, then answers 200 with self, next (ack+1) and sender []', async () => {
    const p = startPget(session, app.eventsUrl);
    await parked();
    await sim.advance(170);
    expect(await settle(p.isDone)).toBe(false);
    await sim.advance(11);
    const reply = await p.reply;
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/application\/json/);
    const body = obj(reply.json);
    expect(ackOf(link(body, 'self', reply.url))).toBe(1);
    expect(ackOf(link(body, 'next', reply.url))).toBe(2);
    expect(body['sender']).toEqual([]);
  });

  it('omits sender on an empty answer when configured to', async () => {
    await sim.patchConfig({ emptySender: 'omit' });
    const reply = await pget(session, app.eventsUrl, [181]);
    expect(reply?.status).toBe(200);
    expect(obj(reply?.json)).not.toHaveProperty('sender');
    expect(hasLink(reply?.json, 'next')).toBe(true);
  });

  it('releases a parked P-GET as soon as a medium event is due (default 5 s window)', async () => {
    await app.makeAvailable();
    const events = new EventReader(session, app.eventsUrl);
    await events.drain();
    const p = startPget(session, events.nextUrl);
    await parked();
    expect((await session.post(app.meLink('presence'), { availability: 'Busy' })).status).toBe(204);
    await sim.advance(6);
    const reply = await p.reply;
    expect(reply.status).toBe(200);
    expect(flatten(reply.json, reply.url).some(presenceUpdated)).toBe(true);
  });

  it('releases high-priority events (group added) immediately, without advancing the clock', async () => {
    const subscription = await session.get(app.peopleLink('myContactsAndGroupsSubscription'));
    const start = link(subscription.json, 'startOrRefreshSubscriptionToContactsAndGroups', subscription.url);
    expect((await session.post(withParams(start, { duration: 30 }))).status).toBe(201);
    const events = new EventReader(session, app.eventsUrl);
    await events.drain();
    const p = startPget(session, events.nextUrl);
    await parked();
    await sim.addGroup('Right now');
    expect(await settle(p.isDone, 60)).toBe(true);
    const reply = await p.reply;
    expect(flatten(reply.json, reply.url).some((e) => e.rel === 'group' && e.type === 'added')).toBe(true);
  });

  it('releases medium events after their window in real time too, without a clock advance', async () => {
    await sim.patchConfig({ mediumWindowSeconds: 1 });
    await app.makeAvailable();
    const p = startPget(session, app.eventsUrl);
    // Only real time passes here: the 1 s window must release the makeMeAvailable events on its own.
    expect(await settle(p.isDone, 400)).toBe(true);
    const reply = await p.reply;
    expect(flatten(reply.json, reply.url).some((e) => e.rel === 'presence' && e.type === 'added')).toBe(true);
  });

  it('delivers an application\'s events only on its own channel', async () => {
    const other = await session.createApp({ ...APP_BODY, EndpointId: 'c0c0c0c0-0000-4000-8000-000000000003' });
    await app.makeAvailable();
    const reply = await pget(session, other.eventsUrl, [6, 16]);
    const events = reply === undefined ? [] : flatten(reply.json, reply.url);
    expect(events.some((e) => e.sender === 'me')).toBe(false);
    expect(events.every((e) => !e.href.startsWith(app.self))).toBe(true);
  });

  it('increments ack on every answer, empty ones included', async () => {
    const events = new EventReader(session, app.eventsUrl);
    for (let ack = 1; ack <= 3; ack += 1) {
      expect(ackOf(events.nextUrl)).toBe(ack);
      await events.read([181]);
      expect(ackOf(link(events.last?.json, 'self', events.last?.url ?? ''))).toBe(ack);
    }
    expect(ackOf(events.nextUrl)).toBe(4);
  });
});

describe('§5.1 query parameters', () => {
  it('honours timeout=900 and remembers it for following P-GETs', async () => {
    const p = startPget(session, withParams(app.eventsUrl, { timeout: 900 }));
    await parked();
    await sim.advance(200);
    expect(await settle(p.isDone)).toBe(false);
    await sim.advance(701);
    const reply = await p.reply;
    expect(reply.status).toBe(200);
    // The next link may or may not repeat the parameter; either way the server must still use 900.
    const second = startPget(session, link(reply.json, 'next', reply.url));
    await parked();
    await sim.advance(200);
    expect(await settle(second.isDone)).toBe(false);
    await sim.advance(701);
    expect((await second.reply).status).toBe(200);
  });

  it('clamps a timeout below 180 up to 180', async () => {
    const p = startPget(session, withParams(app.eventsUrl, { timeout: 60 }));
    await parked();
    await sim.advance(61);
    expect(await settle(p.isDone)).toBe(false);
    await sim.advance(120);
    expect((await p.reply).status).toBe(200);
  });

  it('clamps a timeout above 1800 down to 1800', async () => {
    const p = startPget(session, withParams(app.eventsUrl, { timeout: 5000 }));
    await parked();
    await sim.advance(1801);
    expect(await settle(p.isDone, 40)).toBe(true);
    expect((await p.reply).status).toBe(200);
  });

  it('honours medium=60: a presence change waits for the longer window', async () => {
    await app.makeAvailable();
    const events = new EventReader(session, app.eventsUrl);
    await events.drain();
    const p = startPget(session, withParams(events.nextUrl, { medium: 60 }));
    await parked();
    await session.post(app.meLink('presence'), { availability: 'Away' });
    await sim.advance(6);
    expect(await settle(p.isDone)).toBe(false);
    await sim.advance(60);
    const reply = await p.reply;
    expect(flatten(reply.json, reply.url).some(presenceUpdated)).toBe(true);
  });

  it('accepts low alongside the other parameters', async () => {
    const reply = await pget(session, withParams(app.eventsUrl, { low: 30, medium: 10, timeout: 200 }), [201]);
    expect(reply?.status).toBe(200);
  });
});

describe('rule 2: a second P-GET replaces the parked one', () => {
  it('releases the older P-GET with 409 PGetReplaced and parks the newer', async () => {
    const older = startPget(session, app.eventsUrl);
    await parked();
    const newer = startPget(session, app.eventsUrl);
    const replaced = await older.reply;
    expectUcwaError(replaced, 409, 'Conflict', 'PGetReplaced');
    expect(await settle(newer.isDone)).toBe(false);
    await sim.advance(181);
    expect((await newer.reply).status).toBe(200);
  });

  it('keeps a higher-priority P-GET parked and rejects a lower-priority newcomer', async () => {
    const high = startPget(session, withParams(app.eventsUrl, { priority: 5 }));
    await parked();
    const low = startPget(session, withParams(app.eventsUrl, { priority: 0 }));
    expectUcwaError(await low.reply, 409, 'Conflict', 'PGetReplaced');
    expect(high.isDone()).toBe(false);
    const higher = startPget(session, withParams(app.eventsUrl, { priority: 9 }));
    expectUcwaError(await high.reply, 409, 'Conflict', 'PGetReplaced');
    await sim.advance(181);
    expect((await higher.reply).status).toBe(200);
  });
});

describe('rule 3: a repeated ack redelivers from that point', () => {
  it('answers the same ack with the same events, then resumes exactly where it left off', async () => {
    await app.makeAvailable();
    const firstUrl = app.eventsUrl;
    const first = await pget(session, firstUrl, [6]);
    const firstEvents = flatten(first?.json, first?.url ?? '');
    expect(firstEvents.length).toBeGreaterThan(0);

    const again = await pget(session, firstUrl, [6]);
    expect(again?.status).toBe(200);
    expect(flatten(again?.json, again?.url ?? '')).toEqual(firstEvents);
    expect(link(again?.json, 'next', again?.url ?? '')).toBe(link(first?.json, 'next', first?.url ?? ''));

    await session.post(app.meLink('presence'), { availability: 'Busy' });
    const next = await pget(session, link(first?.json, 'next', first?.url ?? ''), [6, 16]);
    const nextEvents = flatten(next?.json, next?.url ?? '');
    expect(nextEvents.some(presenceUpdated)).toBe(true);
    expect(nextEvents.some((e) => e.rel === 'presence' && e.type === 'added')).toBe(false);
  });
});

describe('rule 4: an ack outside the retained window gets only a resync link', () => {
  it('answers an ack beyond the latest with 200 and only resync → first unacked', async () => {
    await app.makeAvailable();
    const reply = await pget(session, withParams(app.eventsUrl, { ack: 50 }), [6]);
    expect(reply?.status).toBe(200);
    const body = obj(reply?.json);
    expect(linkRels(body)).toEqual(['resync']);
    expect(body['sender'] === undefined || (Array.isArray(body['sender']) && body['sender'].length === 0)).toBe(true);
    const resync = link(body, 'resync', reply?.url ?? '');
    expect(ackOf(resync)).toBe(1);
    const events = new EventReader(session, resync);
    const seen = await events.read([6]);
    expect(seen.some((e) => e.rel === 'presence' && e.type === 'added')).toBe(true);
    expect(hasLink(events.last?.json, 'next')).toBe(true);
  });

  it('answers an ack older than the retained batches with resync', async () => {
    await sim.patchConfig({ retainedEventBatches: 2 });
    await app.makeAvailable();
    const events = new EventReader(session, app.eventsUrl);
    for (const message of ['one', 'two', 'three', 'four']) {
      await session.post(app.meLink('note'), { message });
      await events.read([6, 16]);
    }
    const reply = await pget(session, withParams(app.eventsUrl, { ack: 1 }), [6]);
    expect(reply?.status).toBe(200);
    expect(linkRels(reply?.json)).toEqual(['resync']);
  });
});

describe('rules 5 and 6: reaping and missing applications', () => {
  it('reaps the application 15 minutes after the last P-GET was released → 404 ApplicationNotFound', async () => {
    await pget(session, app.eventsUrl, [181]);
    await sim.advance(880);
    expect((await session.get(app.self)).status).toBe(200);
    await sim.advance(30);
    expectUcwaError(await session.get(app.self), 404, 'NotFound', 'ApplicationNotFound');
    expectUcwaError(await session.get(app.eventsUrl), 404, 'NotFound', 'ApplicationNotFound');
  });

  it('answers 410 InactiveApplicationExpired for reaped applications when configured', async () => {
    await sim.patchConfig({ reapedStatus: 410 });
    await pget(session, app.eventsUrl, [181]);
    await sim.advance(910);
    expectUcwaError(await session.get(app.self), 410, 'Gone', 'InactiveApplicationExpired');
  });

  it('keeps an application alive while P-GETs keep coming, far past 15 minutes', async () => {
    const events = new EventReader(session, app.eventsUrl);
    for (let i = 0; i < 7; i += 1) await events.read([181]);
    expect((await session.get(app.self)).status).toBe(200);
  });

  it('counts the 15 minutes from the release, so a P-GET parked for 30 minutes keeps the application', async () => {
    const reply = await pget(session, withParams(app.eventsUrl, { timeout: 1800 }), [1801]);
    expect(reply?.status).toBe(200);
    expect((await session.get(app.self)).status).toBe(200);
  });

  it('answers the events URL of a deleted application with 404 ApplicationNotFound', async () => {
    expect((await session.delete(app.self)).status).toBe(204);
    expectUcwaError(await session.get(app.eventsUrl), 404, 'NotFound', 'ApplicationNotFound');
  });

  it('answers 404 after a server-side expiry from the control API', async () => {
    await sim.expireApplications();
    expectUcwaError(await session.get(app.eventsUrl), 404, 'NotFound', 'ApplicationNotFound');
    expectUcwaError(await session.get(app.self), 404, 'NotFound', 'ApplicationNotFound');
  });
});

describe('§5.2 response shape', () => {
  it('groups events into sender blocks with rel, href and events[]', async () => {
    await app.makeAvailable();
    const reply = await pget(session, app.eventsUrl, [6]);
    const body = obj(reply?.json);
    expect(Array.isArray(body['sender'])).toBe(true);
    const events = flatten(body, reply?.url ?? '');
    const me = events.find((e) => e.sender === 'me');
    expect(me?.senderHref).toBe(app.meLink('self'));
    const communication = events.find((e) => e.sender === 'communication' && e.type === 'updated');
    expect(communication?.embedded).toHaveProperty('communication');
  });

  it('answers with resync only when that fault is injected, and the resync link works', async () => {
    await sim.fault({ match: { method: 'GET', path: 'events' }, times: 1, fault: { type: 'resync' } });
    const reply = await pget(session, app.eventsUrl, [6]);
    expect(linkRels(reply?.json)).toEqual(['resync']);
    const events = new EventReader(session, link(reply?.json, 'resync', reply?.url ?? ''));
    await events.read([181]);
    expect(events.last?.status).toBe(200);
    expect(hasLink(events.last?.json, 'next')).toBe(true);
  });

  it('answers with resume after long client inactivity (no P-GET for longer than resumeAfterSeconds)', async () => {
    await sim.patchConfig({ resumeAfterSeconds: 600 });
    const [uri] = await app.contactUris();
    const created = await session.post(app.peopleLink('presenceSubscriptions'), { duration: 30, uris: [uri] });
    const subscription = link(created.json, 'self', created.url);
    const events = new EventReader(session, app.eventsUrl);
    await events.read([6, 16, 181]);
    expect(hasLink(events.last?.json, 'next')).toBe(true);
    // Silent for 11 minutes: long enough to count as inactive, not long enough to be reaped (15 min).
    await sim.advance(660);
    await events.read([6, 16, 181]);
    expect(hasLink(events.last?.json, 'resume')).toBe(true);
    expect(hasLink(events.last?.json, 'next')).toBe(false);
    expect((await session.get(subscription)).status).toBe(404);
  });

  it('recovers from a dropped P-GET: the same URL again loses nothing', async () => {
    await app.makeAvailable();
    await sim.fault({ match: { method: 'GET', path: 'events' }, times: 1, fault: { type: 'drop' } });
    await expect(session.get(app.eventsUrl)).rejects.toThrow();
    const reply = await pget(session, app.eventsUrl, [6]);
    expect(reply?.status).toBe(200);
    expect(flatten(reply?.json, reply?.url ?? '').some((e) => e.rel === 'presence' && e.type === 'added')).toBe(true);
  });

  it('answers with resume instead of next when injected, and drops presence subscriptions', async () => {
    const [uri] = await app.contactUris();
    const created = await session.post(app.peopleLink('presenceSubscriptions'), { duration: 30, uris: [uri] });
    expect(created.status).toBe(201);
    const subscription = link(created.json, 'self', created.url);
    await sim.fault({ match: { method: 'GET', path: 'events' }, times: 1, fault: { type: 'resume' } });
    const events = new EventReader(session, app.eventsUrl);
    await events.read([6, 16, 181]);
    expect(hasLink(events.last?.json, 'resume')).toBe(true);
    expect(hasLink(events.last?.json, 'next')).toBe(false);
    expect((await session.get(subscription)).status).toBe(404);
    await events.read([181]);
    expect(events.last?.status).toBe(200);
    expect(hasLink(events.last?.json, 'next')).toBe(true);
  });
});
