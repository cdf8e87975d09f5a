/**
 * people, myGroups, groupContacts, contacts (ucwa-protocol.md §6.1–§6.4), the
 * myContactsAndGroupsSubscription of seed 002 (§6.5) and the contact-list events of §6.6.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventReader, type FlatEvent } from './support/events';
import { withParams } from './support/http';
import { arr, dig, embedded, hasLink, link, obj, str } from './support/json';
import type { Sim } from './support/sim';
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

const READABLE = ['Online', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offwork', 'IdleOnline', 'IdleBusy', 'Offline'];
const STATES = ['Connecting', 'Connected', 'Disconnecting', 'Disconnected'];

/** Control-API id of the demo group with this name. */
async function controlGroupId(name: string): Promise<string> {
  const groups = arr((await sim.user())['groups'], 'groups').map((g) => obj(g));
  const group = groups.find((g) => g['name'] === name);
  if (group === undefined) throw new Error(`no control group ${name}`);
  return String(group['id']);
}

async function firstContact(): Promise<{ contact: Record<string, unknown>; base: string }> {
  const [first] = await app.contacts();
  if (first === undefined) throw new Error('no contacts');
  return first;
}

async function subscriptionResource(): Promise<{ body: Record<string, unknown>; url: string }> {
  const reply = await session.get(app.peopleLink('myContactsAndGroupsSubscription'));
  expect(reply.status).toBe(200);
  return { body: obj(reply.json), url: reply.url };
}

async function startSubscription(duration = 30): Promise<void> {
  const { body, url } = await subscriptionResource();
  const start = link(body, 'startOrRefreshSubscriptionToContactsAndGroups', url);
  const reply = await session.post(withParams(start, { duration }));
  expect(reply.status, reply.text).toBe(201);
}

async function state(): Promise<unknown> {
  return (await subscriptionResource()).body['state'];
}

const isEvent = (rel: string, type: string) => (e: FlatEvent) => e.sender === 'people' && e.rel === rel && e.type === type;

describe('people and myGroups', () => {
  it('GET people answers with its documented links', async () => {
    const reply = await session.get(app.peopleLink('self'));
    expect(reply.status).toBe(200);
    for (const rel of ['self', 'myContacts', 'myGroups', 'myContactsAndGroupsSubscription', 'presenceSubscriptions', 'subscribedContacts']) {
      expect(hasLink(reply.json, rel), rel).toBe(true);
    }
  });

  it('lists pinned and default groups as single objects and personal/distribution groups as arrays', async () => {
    const reply = await app.groups();
    expect(reply.status).toBe(200);
    expect(obj(reply.json)['rel']).toBe('myGroups');
    const pinned = obj(embedded(reply.json, 'pinnedGroup'), 'pinnedGroup');
    const other = obj(embedded(reply.json, 'defaultGroup'), 'defaultGroup');
    expect(pinned['name']).toBe('Pinned Contacts');
    expect(other['name']).toBe('Other Contacts');
    const personal = arr(embedded(reply.json, 'group'), 'group').map((g) => obj(g));
    expect(personal.map((g) => g['name'])).toEqual(expect.arrayContaining(['Project Falcon', 'Lunch crew']));
    const dls = arr(embedded(reply.json, 'distributionGroup'), 'distributionGroup').map((g) => obj(g));
    const dl = dls.find((g) => g['name'] === 'Engineering DL');
    expect(dl).toBeDefined();
    expect(String(dl?.['uri'])).toMatch(/^sip:/);
    expect(hasLink(dl, 'expandDistributionGroup')).toBe(true);
    for (const group of [pinned, other, ...personal, ...dls]) {
      expect(typeof group['id']).toBe('string');
      expect(hasLink(group, 'self')).toBe(true);
    }
    for (const group of [pinned, other, ...personal]) {
      expect(hasLink(group, 'groupContacts'), String(group['name'])).toBe(true);
      expect(hasLink(group, 'subscribeToGroupPresence'), String(group['name'])).toBe(true);
    }
  });

  it('keeps group an array even with a single personal group', async () => {
    await sim.deleteGroup(await controlGroupId('Lunch crew'));
    const reply = await app.groups();
    const personal = arr(embedded(reply.json, 'group'), 'group');
    expect(personal).toHaveLength(1);
    expect(obj(personal[0])['name']).toBe('Project Falcon');
  });

  it('GET on a group self answers that group', async () => {
    const { group, base } = await app.groupNamed('Project Falcon');
    const reply = await session.get(link(group, 'self', base));
    expect(reply.status).toBe(200);
    expect(obj(reply.json)).toMatchObject({ id: obj(group)['id'], name: 'Project Falcon' });
  });
});

describe('groupContacts, contacts and contact presence', () => {
  it('embeds contacts with lower-cased SIP ids in their hrefs and the documented links', async () => {
    const { group, base } = await app.groupNamed('Project Falcon');
    const reply = await session.get(link(group, 'groupContacts', base));
    expect(reply.status).toBe(200);
    const contacts = arr(embedded(reply.json, 'contact'), 'contact').map((c) => obj(c));
    expect(contacts.length).toBeGreaterThan(0);
    for (const contact of contacts) {
      const uri = str(contact['uri']);
      expect(uri).toMatch(/^sip:[^@]+@/);
      expect(typeof contact['name']).toBe('string');
      expect(contact['rel']).toBe('contact');
      const self = new URL(link(contact, 'self', reply.url));
      expect(decodeURIComponent(self.pathname.split('/').pop() ?? '')).toBe(uri.replace(/^sip:/i, '').toLowerCase());
      for (const rel of ['contactPresence', 'contactNote', 'contactLocation']) expect(hasLink(contact, rel), rel).toBe(true);
    }
  });

  it('has about ten contacts with varied availabilities', async () => {
    const contacts = await app.contacts();
    expect(contacts.length).toBeGreaterThanOrEqual(8);
    const seen = new Set<unknown>();
    for (const { contact, base } of contacts) {
      const presence = await session.get(link(contact, 'contactPresence', base));
      expect(presence.status).toBe(200);
      const body = obj(presence.json);
      expect(body['rel']).toBe('contactPresence');
      expect(READABLE).toContain(body['availability']);
      seen.add(body['availability']);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('answers contact self, contactNote and contactLocation', async () => {
    const { contact, base } = await firstContact();
    const self = await session.get(link(contact, 'self', base));
    expect(self.status).toBe(200);
    expect(obj(self.json)['uri']).toBe(contact['uri']);
    const note = await session.get(link(contact, 'contactNote', base));
    expect(note.status).toBe(200);
    expect(obj(note.json)['rel']).toBe('contactNote');
    const location = await session.get(link(contact, 'contactLocation', base));
    expect(location.status).toBe(200);
    expect(obj(location.json)['rel']).toBe('contactLocation');
  });

  it('agrees with the control API about groups and their members', async () => {
    const control = arr((await sim.user())['groups']).map((g) => obj(g));
    for (const name of ['Pinned Contacts', 'Other Contacts', 'Project Falcon', 'Lunch crew']) {
      const { group, base } = await app.groupNamed(name);
      const reply = await session.get(link(group, 'groupContacts', base));
      const list = obj(reply.json)['_embedded'] === undefined ? [] : arr(dig(reply.json, '_embedded', 'contact'));
      const ucwaUris = list.map((c) => String(obj(c)['uri']).toLowerCase()).sort();
      const controlGroup = control.find((g) => g['name'] === name);
      const controlUris = arr(controlGroup?.['contacts'] ?? []).map((c) => String(obj(c)['uri']).toLowerCase()).sort();
      expect(ucwaUris, name).toEqual(controlUris);
    }
  });

  it('reflects a control-API presence change on contactPresence', async () => {
    const { contact, base } = await firstContact();
    await sim.setPresence(String(contact['uri']).replace(/^sip:/i, ''), { availability: 'DoNotDisturb' });
    const reply = await session.get(link(contact, 'contactPresence', base));
    expect(obj(reply.json)['availability']).toBe('DoNotDisturb');
  });
});

describe('seed 002: myContactsAndGroupsSubscription', () => {
  it('GET answers rel, a SubscriptionState and the start/stop links', async () => {
    const reply = await session.get(app.peopleLink('myContactsAndGroupsSubscription'), { headers: { Accept: 'application/json' } });
    expect(reply.contentType).toMatch(/application\/json/);
    const { body } = await subscriptionResource();
    expect(body['rel']).toBe('myContactsAndGroupsSubscription');
    expect(STATES).toContain(body['state']);
    for (const rel of ['self', 'startOrRefreshSubscriptionToContactsAndGroups', 'stopSubscriptionToContactsAndGroups']) {
      expect(hasLink(body, rel), rel).toBe(true);
    }
  });

  it('startOrRefresh?duration=30 → 201 Connected; stop → 204 Disconnected', async () => {
    const { body, url } = await subscriptionResource();
    const started = await session.post(withParams(link(body, 'startOrRefreshSubscriptionToContactsAndGroups', url), { duration: 30 }));
    expect(started.status).toBe(201);
    expect(obj(started.json)).toMatchObject({ rel: 'myContactsAndGroupsSubscription', state: 'Connected' });
    expect(await state()).toBe('Connected');
    const stopped = await session.post(link(body, 'stopSubscriptionToContactsAndGroups', url));
    expect(stopped.status).toBe(204);
    expect(await state()).toBe('Disconnected');
  });

  it('accepts the duration in a JSON body too', async () => {
    const { body, url } = await subscriptionResource();
    const reply = await session.post(link(body, 'startOrRefreshSubscriptionToContactsAndGroups', url), { duration: 30 });
    expect(reply.status).toBe(201);
    expect(await state()).toBe('Connected');
  });

  it('warns with an updated event (sender people) before expiry, and is Disconnected after it', async () => {
    await sim.patchConfig({ contactsSubscriptionWarningSeconds: 180 });
    await startSubscription(10);
    const events = new EventReader(session, app.eventsUrl);
    // Two empty timeouts: t ≈ 362 s, before the warning is due at 600 - 180 = 420 s.
    const early = [...(await events.read([181])), ...(await events.read([181]))];
    expect(early.some(isEvent('myContactsAndGroupsSubscription', 'updated'))).toBe(false);
    const warned = await events.until(isEvent('myContactsAndGroupsSubscription', 'updated'), 2, [181]);
    expect(warned.find(isEvent('myContactsAndGroupsSubscription', 'updated'))?.href).toBe(
      app.peopleLink('myContactsAndGroupsSubscription'),
    );
    expect(await state()).toBe('Connected');
    await sim.advance(120);
    expect(await state()).toBe('Disconnected');
  });

  it('refreshing extends the subscription past its first expiry', async () => {
    await startSubscription(10);
    await sim.advance(500);
    await startSubscription(10);
    await sim.advance(200);
    expect(await state()).toBe('Connected');
  });
});

describe('§6.6 contact-list events (subscription running)', () => {
  let events: EventReader;
  beforeEach(async () => {
    await startSubscription(30);
    events = new EventReader(session, app.eventsUrl);
    await events.drain();
  });

  it('group created → group added in myGroups; GET on its href answers it', async () => {
    await sim.addGroup('Release crew');
    const seen = await events.read([1]);
    const added = seen.find(isEvent('group', 'added'));
    expect(added?.inRel).toBe('myGroups');
    expect(added?.inHref).toBe(app.peopleLink('myGroups'));
    const group = await session.get(added?.href ?? '');
    expect(obj(group.json)['name']).toBe('Release crew');
  });

  it('group renamed → group updated, no in link', async () => {
    const id = await sim.addGroup('Temp');
    const added = (await events.read([1])).find(isEvent('group', 'added'));
    await sim.renameGroup(id, 'Renamed');
    const updated = (await events.read([1, 6])).find(isEvent('group', 'updated'));
    expect(updated?.href).toBe(added?.href);
    expect(updated?.inRel).toBeUndefined();
    expect(obj((await session.get(updated?.href ?? '')).json)['name']).toBe('Renamed');
  });

  it('contact added to / removed from a personal group → contact added/deleted in that group', async () => {
    const { group, base } = await app.groupNamed('Lunch crew');
    const groupHref = link(group, 'self', base);
    const id = await controlGroupId('Lunch crew');
    await sim.addContact(id, 'sip:new.hire@contoso.com', 'New Hire');
    const added = (await events.read([1])).filter(isEvent('contact', 'added'));
    const inGroup = added.find((e) => e.inRel === 'group');
    expect(inGroup?.inHref).toBe(groupHref);
    expect(new URL(inGroup?.href ?? 'http://x/').pathname.split('/').pop()).toBe('new.hire@contoso.com');
    const contact = await session.get(inGroup?.href ?? '');
    expect(obj(contact.json)['uri']).toMatch(/^sip:new\.hire@contoso\.com$/i);

    await sim.removeContact(id, 'sip:new.hire@contoso.com');
    const deleted = (await events.read([1])).filter(isEvent('contact', 'deleted'));
    expect(deleted.find((e) => e.inRel === 'group')?.inHref).toBe(groupHref);
  });

  it('contact added to the pinned and default groups → in.rel pinnedGroup / defaultGroup', async () => {
    await sim.addContact(await controlGroupId('Pinned Contacts'), 'sip:pin.me@contoso.com', 'Pin Me');
    const pinned = (await events.read([1])).find((e) => isEvent('contact', 'added')(e) && e.inRel === 'pinnedGroup');
    const { group: pinGroup, base } = await app.groupNamed('Pinned Contacts');
    expect(pinned?.inHref).toBe(link(pinGroup, 'self', base));

    await sim.addContact(await controlGroupId('Other Contacts'), 'sip:other.one@contoso.com', 'Other One');
    const other = (await events.read([1])).find((e) => isEvent('contact', 'added')(e) && e.inRel === 'defaultGroup');
    const { group: defGroup } = await app.groupNamed('Other Contacts');
    expect(other?.inHref).toBe(link(defGroup, 'self', base));
  });

  it('group removed → group deleted in myGroups; its href then answers 404', async () => {
    const { group, base } = await app.groupNamed('Project Falcon');
    const href = link(group, 'self', base);
    await sim.deleteGroup(await controlGroupId('Project Falcon'));
    const deleted = (await events.read([1])).find(isEvent('group', 'deleted'));
    expect(deleted?.href).toBe(href);
    expect(deleted?.inRel).toBe('myGroups');
    expect((await session.get(href)).status).toBe(404);
  });

  it('sends no contact-list events once the subscription is stopped', async () => {
    const { body, url } = await subscriptionResource();
    expect((await session.post(link(body, 'stopSubscriptionToContactsAndGroups', url))).status).toBe(204);
    await events.drain();
    await sim.addGroup('Unseen');
    const seen = (await events.tryRead([16])) ?? [];
    expect(seen.some(isEvent('group', 'added'))).toBe(false);
  });
});

describe('§6.5 without a subscription', () => {
  it('sends no group events to an application that never subscribed', async () => {
    const events = new EventReader(session, app.eventsUrl);
    await events.drain();
    await sim.addGroup('Nobody told me');
    const seen = (await events.tryRead([16])) ?? [];
    expect(seen.some(isEvent('group', 'added'))).toBe(false);
  });
});
