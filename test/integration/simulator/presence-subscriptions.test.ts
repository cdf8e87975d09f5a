/**
 * presenceSubscriptions (ucwa-protocol.md §6.7, §6.4): create, add members, extend, delete, the
 * `updated` warning before expiry and contactPresence events driven by the control API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectUcwaError } from './support/errors';
import { EventReader, type FlatEvent } from './support/events';
import { withParams, type Reply } from './support/http';
import { hasLink, link, mentions, obj } from './support/json';
import { type Sim, userOf } from './support/sim';
import { startSignedInWithApp } from './support/signed-in';
import type { App, Session } from './support/ucwa';

let sim: Sim;
let session: Session;
let app: App;
let contacts: Array<{ contact: Record<string, unknown>; base: string }>;
let events: EventReader;
beforeEach(async () => {
  ({ sim, session, app } = await startSignedInWithApp());
  contacts = await app.contacts();
  expect(contacts.length).toBeGreaterThanOrEqual(2);
  events = new EventReader(session, app.eventsUrl);
});
afterEach(async () => {
  await sim.stop();
});

function uriAt(index: number): string {
  const entry = contacts[index];
  if (entry === undefined) throw new Error(`no contact #${index}`);
  return String(entry.contact['uri']);
}

function hrefAt(index: number, rel: string): string {
  const entry = contacts[index];
  if (entry === undefined) throw new Error(`no contact #${index}`);
  return link(entry.contact, rel, entry.base);
}

/** A value different from what the contact shows now. */
async function otherAvailability(index: number): Promise<string> {
  const now = obj((await session.get(hrefAt(index, 'contactPresence'))).json)['availability'];
  return now === 'Busy' ? 'BeRightBack' : 'Busy';
}

async function subscribe(uris: string[], duration = 30): Promise<Reply> {
  const reply = await session.post(app.peopleLink('presenceSubscriptions'), { duration, uris });
  expect(reply.status, reply.text).toBe(201);
  return reply;
}

const presenceOf = (index: number) => (e: FlatEvent) =>
  e.sender === 'people' && e.rel === 'contactPresence' && e.type === 'updated' && e.href === hrefAt(index, 'contactPresence');

describe('create', () => {
  it('answers 201 with id, self, memberships and addToPresenceSubscription', async () => {
    const reply = await subscribe([uriAt(0)], 11);
    const body = obj(reply.json);
    expect(body['rel']).toBe('presenceSubscription');
    expect(typeof body['id']).toBe('string');
    for (const rel of ['self', 'memberships', 'addToPresenceSubscription']) expect(hasLink(body, rel), rel).toBe(true);
    expect((await session.get(link(body, 'self', reply.url))).status).toBe(200);
  });

  it('accepts PascalCase Duration and Uris', async () => {
    const reply = await session.post(app.peopleLink('presenceSubscriptions'), { Duration: 11, Uris: [uriAt(0)] });
    expect(reply.status).toBe(201);
  });

  it('rejects a body without uris with 400 and names the parameter', async () => {
    const reply = await session.post(app.peopleLink('presenceSubscriptions'), { duration: 11 });
    const body = expectUcwaError(reply, 400, 'BadRequest', 'ParameterValidationFailure');
    expect(mentions(body['parameters'], 'uris')).toBe(true);
  });

  it('announces the member (in subscribedContacts) and its initial contactPresence (in the contact)', async () => {
    await subscribe([uriAt(0)]);
    const seen = await events.until(presenceOf(0), 3, [6, 16]);
    const presence = seen.find(presenceOf(0));
    expect(presence?.inRel).toBe('contact');
    expect(presence?.inHref).toBe(hrefAt(0, 'self'));
    const member = seen.find((e) => e.rel === 'contact' && e.type === 'added' && e.inRel === 'subscribedContacts');
    expect(member?.href).toBe(hrefAt(0, 'self'));
    expect(member?.inHref).toBe(app.peopleLink('subscribedContacts'));
    const created = seen.find((e) => e.rel === 'presenceSubscription' && e.type === 'added');
    expect(created?.sender).toBe('people');
  });

  it('lists the members behind the memberships link', async () => {
    const created = await subscribe([uriAt(0), uriAt(1)]);
    const reply = await session.get(link(created.json, 'memberships', created.url));
    expect(reply.status).toBe(200);
    expect(mentions(reply.json, uriAt(0).replace(/^sip:/i, ''))).toBe(true);
    expect(mentions(reply.json, uriAt(1).replace(/^sip:/i, ''))).toBe(true);
  });
});

describe('contactPresence events', () => {
  it('sends contactPresence updated when a subscribed contact changes presence elsewhere', async () => {
    await subscribe([uriAt(0)]);
    await events.drain();
    const value = await otherAvailability(0);
    await sim.setPresence(userOf(uriAt(0)), { availability: value });
    await events.until(presenceOf(0), 2, [6, 16]);
    expect(obj((await session.get(hrefAt(0, 'contactPresence'))).json)['availability']).toBe(value);
  });

  it('does not send events for contacts outside the subscription', async () => {
    await subscribe([uriAt(0)]);
    await events.drain();
    await sim.setPresence(userOf(uriAt(1)), { availability: await otherAvailability(1) });
    const seen = (await events.tryRead([16])) ?? [];
    expect(seen.some(presenceOf(1))).toBe(false);
  });

  it('publishes a note set through the control API on contactNote', async () => {
    await sim.setPresence(userOf(uriAt(0)), { note: 'Out for lunch' });
    expect(obj((await session.get(hrefAt(0, 'contactNote'))).json)['message']).toBe('Out for lunch');
  });

  it('adds members with addToPresenceSubscription; they then raise events', async () => {
    const created = await subscribe([uriAt(0)]);
    const add = await session.post(link(created.json, 'addToPresenceSubscription', created.url), { contactUris: [uriAt(1)] });
    expect(add.status).toBe(201);
    await events.drain();
    await sim.setPresence(userOf(uriAt(1)), { availability: await otherAvailability(1) });
    await events.until(presenceOf(1), 2, [6, 16]);
  });

  it('subscribes to a whole group with subscribeToGroupPresence', async () => {
    const { group, base } = await app.groupNamed('Project Falcon');
    const groupContacts = await session.get(link(group, 'groupContacts', base));
    const first = obj((obj(obj(groupContacts.json)['_embedded'])['contact'] as unknown[])[0]);
    const reply = await session.post(withParams(link(group, 'subscribeToGroupPresence', base), { duration: 11 }));
    expect(reply.status).toBe(201);
    expect(obj(reply.json)['rel']).toBe('presenceSubscription');
    await events.drain();
    const presenceHref = link(first, 'contactPresence', groupContacts.url);
    const now = obj((await session.get(presenceHref)).json)['availability'];
    await sim.setPresence(userOf(String(first['uri'])), { availability: now === 'Busy' ? 'Away' : 'Busy' });
    await events.until((e) => e.rel === 'contactPresence' && e.href === presenceHref, 2, [6, 16]);
  });
});

describe('lifetime', () => {
  it('extends with POST self?duration → 200 (or 201) and the resource', async () => {
    const created = await subscribe([uriAt(0)], 10);
    const reply = await session.post(withParams(link(created.json, 'self', created.url), { duration: 11 }));
    expect([200, 201]).toContain(reply.status);
    expect(obj(reply.json)['rel']).toBe('presenceSubscription');
  });

  it('warns with presenceSubscription updated before expiry; afterwards extend → 404 and no more events', async () => {
    await sim.patchConfig({ presenceSubscriptionWarningSeconds: 60 });
    const created = await subscribe([uriAt(0)], 10);
    const self = link(created.json, 'self', created.url);
    const warning = (e: FlatEvent) => e.sender === 'people' && e.rel === 'presenceSubscription' && e.type === 'updated';
    // t ≈ 362 s after two empty timeouts: the warning is due at 600 - 60 = 540 s, not yet.
    const early = [...(await events.read([181])), ...(await events.read([181]))];
    expect(early.some(warning)).toBe(false);
    const seen = await events.until(warning, 2, [181]);
    expect(seen.find(warning)?.href).toBe(self);
    await sim.advance(120);
    expect((await session.post(withParams(self, { duration: 11 }))).status).toBe(404);
    await events.drain();
    await sim.setPresence(userOf(uriAt(0)), { availability: await otherAvailability(0) });
    const after = (await events.tryRead([16])) ?? [];
    expect(after.some(presenceOf(0))).toBe(false);
  });

  it('DELETE self → 204; the subscription is gone and its contacts stop raising events', async () => {
    const created = await subscribe([uriAt(0)]);
    const self = link(created.json, 'self', created.url);
    expect((await session.delete(self)).status).toBe(204);
    expect((await session.get(self)).status).toBe(404);
    await events.drain();
    await sim.setPresence(userOf(uriAt(0)), { availability: await otherAvailability(0) });
    const after = (await events.tryRead([16])) ?? [];
    expect(after.some(presenceOf(0))).toBe(false);
  });
});
