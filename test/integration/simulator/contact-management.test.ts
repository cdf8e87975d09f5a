/**
 * Contact-list management through the UCWA 2.0 revision-2 resources (myGroups2, group2,
 * myGroupMemberships2, removeContactFromAllGroups2, distributionGroup addToContactList /
 * removeFromContactList), their errors and limits, the §6.6 events each change raises, and the
 * read-only server flavour that links none of it. Hrefs only; the control API reads the truth.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectUcwaError } from './support/errors';
import { EventReader, type FlatEvent } from './support/events';
import { withParams, type Reply } from './support/http';
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

/** GET myGroupMemberships: the resource and its URL. */
async function memberships(): Promise<{ body: Record<string, unknown>; url: string }> {
  const reply = await session.get(app.peopleLink('myGroupMemberships'));
  expect(reply.status, reply.text).toBe(200);
  return { body: obj(reply.json), url: reply.url };
}

async function groupHref(name: string): Promise<string> {
  const { group, base } = await app.groupNamed(name);
  return link(group, 'self', base);
}

async function groupId(name: string): Promise<string> {
  return str(obj((await app.groupNamed(name)).group)['id'], 'group id');
}

/** POST myGroupMemberships (add a contact to a group). */
async function addToGroup(contactUri: string, group?: string): Promise<Reply> {
  const body: Record<string, string> = { contactUri };
  if (group !== undefined) body['groupId'] = await groupId(group);
  return session.post(app.peopleLink('myGroupMemberships'), body);
}

/** Contact URIs of a group, as the control API (the truth) holds them. */
async function truth(name: string): Promise<string[] | undefined> {
  const groups = arr((await sim.user())['groups'], 'groups').map((g) => obj(g));
  const group = groups.find((g) => g['name'] === name);
  return group === undefined ? undefined : arr(group['contacts']).map((c) => str(obj(c)['uri']).toLowerCase());
}

async function startSubscription(): Promise<EventReader> {
  const sub = await session.get(app.peopleLink('myContactsAndGroupsSubscription'));
  const start = link(sub.json, 'startOrRefreshSubscriptionToContactsAndGroups', sub.url);
  expect((await session.post(withParams(start, { duration: 30 }))).status).toBe(201);
  const events = new EventReader(session, app.eventsUrl);
  await events.drain();
  return events;
}

/** rel/type/in.rel of the contact-list events, for comparing two changes. */
const shape = (events: FlatEvent[]): string[] =>
  events.filter((e) => e.sender === 'people').map((e) => `${e.rel} ${e.type} in=${e.inRel ?? '-'}`).sort();

const searchDl = async (query: string): Promise<{ dl: Record<string, unknown>; url: string }> => {
  const reply = await session.get(withParams(app.peopleLink('search'), { query }));
  return { dl: obj(arr(obj(dig(reply.json, '_embedded'))['distributionGroup'])[0], 'distributionGroup'), url: reply.url };
};

describe('what the management flavour links', () => {
  it('marks myGroups and myGroupMemberships as revision 2 on people', () => {
    const people = obj(embedded(app.resource, 'people'));
    expect(dig(people, '_links', 'myGroups', 'revision')).toBe('2');
    expect(dig(people, '_links', 'myGroupMemberships', 'revision')).toBe('2');
  });

  it('links removeContactFromAllGroups on myGroupMemberships and lists every membership', async () => {
    const { body } = await memberships();
    expect(body['rel']).toBe('myGroupMemberships');
    expect(hasLink(body, 'removeContactFromAllGroups')).toBe(true);
    const list = arr(obj(body['_embedded'])['myGroupMembership']);
    expect(list.length).toBe(2 + 2 + 4 + 3); // pinned, default, Project Falcon, Lunch crew (not the DL)
    const first = obj(list[0]);
    expect(first['rel']).toBe('myGroupMembership');
    expect(hasLink(first, 'contact')).toBe(true);
    expect(hasLink(first, 'pinnedGroup')).toBe(true);
  });

  it('links removeFromContactList on a listed DL and addToContactList on one found by search', async () => {
    expect(hasLink((await app.groupNamed('Engineering DL')).group, 'removeFromContactList')).toBe(true);
    const { dl } = await searchDl('falcon core');
    expect(hasLink(dl, 'addToContactList')).toBe(true);
    expect(hasLink(dl, 'removeFromContactList')).toBe(false);
  });
});

describe('add a contact to a group (myGroupMemberships2 POST)', () => {
  it('answers 201 myGroupMembership linking the contact and the group; the contact is in the group', async () => {
    const reply = await addToGroup('sip:miguelg@contoso.com', 'Project Falcon');
    expect(reply.status, reply.text).toBe(201);
    const membership = obj(reply.json);
    expect(membership['rel']).toBe('myGroupMembership');
    expect(link(membership, 'group', reply.url)).toBe(await groupHref('Project Falcon'));
    expect(new URL(link(membership, 'contact', reply.url)).pathname).toMatch(/\/people\/miguelg@contoso\.com$/);
    expect(await truth('Project Falcon')).toContain('sip:miguelg@contoso.com');
    expect(await app.contactUris()).toContain('sip:miguelg@contoso.com');
  });

  it('takes contactUri and groupId from the query as well (kenakamu’s SDK sends them there, empty body)', async () => {
    const href = withParams(app.peopleLink('myGroupMemberships'), { contactUri: 'sip:sarahj@contoso.com', groupId: await groupId('Lunch crew') });
    expect((await session.post(href)).status).toBe(201);
    expect(await truth('Lunch crew')).toContain('sip:sarahj@contoso.com');
  });

  it('puts the contact in the default group when no groupId is given', async () => {
    expect((await addToGroup('sip:alexd@contoso.com')).status).toBe(201);
    expect(await truth('Other Contacts')).toContain('sip:alexd@contoso.com');
  });

  it('answers 409 AlreadyExists for a contact already in that group', async () => {
    expectUcwaError(await addToGroup('sip:sarad@contoso.com', 'Project Falcon'), 409, 'Conflict', 'AlreadyExists');
  });

  it('answers 404 for an address nobody in the address book has', async () => {
    expectUcwaError(await addToGroup('sip:nobody@contoso.com', 'Project Falcon'), 404, 'NotFound');
    expect(await truth('Project Falcon')).not.toContain('sip:nobody@contoso.com');
  });

  it('answers 400 ParameterValidationFailure for a missing or malformed contactUri', async () => {
    expectUcwaError(await session.post(app.peopleLink('myGroupMemberships'), {}), 400, 'BadRequest', 'ParameterValidationFailure');
    expectUcwaError(await addToGroup('not an address', 'Project Falcon'), 400, 'BadRequest', 'ParameterValidationFailure');
    expectUcwaError(await addToGroup(`sip:${'a'.repeat(240)}@contoso.com`, 'Project Falcon'), 400, 'BadRequest', 'ParameterValidationFailure');
  });

  it('answers 403 for a distribution group and 404 for an unknown group', async () => {
    expectUcwaError(await addToGroup('sip:miguelg@contoso.com', 'Engineering DL'), 403, 'Forbidden');
    expectUcwaError(await session.post(app.peopleLink('myGroupMemberships'), { contactUri: 'sip:miguelg@contoso.com', groupId: '999' }), 404, 'NotFound');
  });

  it('answers 409 TooManyContacts when the list is full, but still takes a listed contact into another group', async () => {
    const count = (await app.contactUris()).length;
    await sim.patchConfig({ maxContacts: count });
    expectUcwaError(await addToGroup('sip:miguelg@contoso.com', 'Project Falcon'), 409, 'Conflict', 'TooManyContacts');
    expect((await addToGroup('sip:kimab@contoso.com', 'Project Falcon')).status).toBe(201);
  });
});

describe('remove a contact from one group or from all', () => {
  it('DELETE on a membership removes the contact from that group only', async () => {
    const { body, url } = await memberships();
    const falcon = await groupHref('Project Falcon');
    const entry = arr(obj(body['_embedded'])['myGroupMembership'])
      .map((m) => obj(m))
      .find((m) => hasLink(m, 'group') && link(m, 'group', url) === falcon && link(m, 'contact', url).endsWith('/sarad@contoso.com'));
    expect(entry).toBeDefined();
    const reply = await session.delete(link(entry, 'self', url));
    expect(reply.status).toBe(204);
    expect(await truth('Project Falcon')).not.toContain('sip:sarad@contoso.com');
    expect(await truth('Pinned Contacts')).toContain('sip:sarad@contoso.com');
    expectUcwaError(await session.delete(link(entry, 'self', url)), 404, 'NotFound');
  });

  it('GET on a membership answers it; a membership that does not exist answers 404', async () => {
    const created = await addToGroup('sip:miguelg@contoso.com', 'Lunch crew');
    const self = link(created.json, 'self', created.url);
    const got = await session.get(self);
    expect(got.status).toBe(200);
    expect(link(got.json, 'contact', got.url)).toBe(link(created.json, 'contact', created.url));
    await session.delete(self);
    expectUcwaError(await session.get(self), 404, 'NotFound');
  });

  it('removeContactFromAllGroups takes the contact out of every group and off myContacts', async () => {
    const { body, url } = await memberships();
    const reply = await session.post(withParams(link(body, 'removeContactFromAllGroups', url), { contactUri: 'sip:sarad@contoso.com' }));
    expect(reply.status, reply.text).toBe(204);
    for (const name of ['Pinned Contacts', 'Project Falcon']) expect(await truth(name)).not.toContain('sip:sarad@contoso.com');
    expect(await app.contactUris()).toContain('sip:sarad@contoso.com'); // still a member of the Engineering DL
    const again = await session.post(link(body, 'removeContactFromAllGroups', url), { contactUri: 'sip:sarad@contoso.com' });
    expectUcwaError(again, 404, 'NotFound');
  });

  it('removeContactFromAllGroups answers 404 for someone not on the list', async () => {
    const { body, url } = await memberships();
    expectUcwaError(await session.post(link(body, 'removeContactFromAllGroups', url), { contactUri: 'sip:miguelg@contoso.com' }), 404, 'NotFound');
  });
});

describe('personal groups: create, rename, delete', () => {
  it('POST myGroups {name} creates a group (201, Location, the group resource)', async () => {
    const reply = await session.post(app.peopleLink('myGroups'), { name: 'Release crew' });
    expect(reply.status, reply.text).toBe(201);
    const group = obj(reply.json);
    expect(group).toMatchObject({ rel: 'group', name: 'Release crew' });
    expect(new URL(reply.headers.get('location') ?? '', reply.url).toString()).toBe(link(group, 'self', reply.url));
    expect((await session.get(link(group, 'self', reply.url))).status).toBe(200);
    expect(await truth('Release crew')).toEqual([]);
  });

  it('accepts displayName as the name too', async () => {
    expect((await session.post(app.peopleLink('myGroups'), { displayName: 'From the SDK' })).status).toBe(201);
    expect(await truth('From the SDK')).toEqual([]);
  });

  it('rejects an empty name and one longer than 256 characters with 400', async () => {
    expectUcwaError(await session.post(app.peopleLink('myGroups'), { name: '  ' }), 400, 'BadRequest', 'ParameterValidationFailure');
    expectUcwaError(await session.post(app.peopleLink('myGroups'), { name: 'x'.repeat(257) }), 400, 'BadRequest', 'ParameterValidationFailure');
    expect((await session.post(app.peopleLink('myGroups'), { name: 'x'.repeat(256) })).status).toBe(201);
  });

  it('answers 409 AlreadyExists for a name the user already has (any case)', async () => {
    expectUcwaError(await session.post(app.peopleLink('myGroups'), { name: 'project falcon' }), 409, 'Conflict', 'AlreadyExists');
  });

  it('answers 409 TooManyGroups past the group limit', async () => {
    await sim.patchConfig({ maxGroups: 4 }); // Project Falcon, Lunch crew, Engineering DL + one
    expect((await session.post(app.peopleLink('myGroups'), { name: 'Fourth' })).status).toBe(201);
    expectUcwaError(await session.post(app.peopleLink('myGroups'), { name: 'Fifth' }), 409, 'Conflict', 'TooManyGroups');
  });

  it('PUT on the group with its ETag renames it (200, new ETag)', async () => {
    const href = await groupHref('Lunch crew');
    const got = await session.get(href);
    const etag = got.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const put = await session.send(href, { method: 'PUT', headers: { 'If-Match': etag }, body: { ...obj(got.json), name: 'Lunch club' } });
    expect(put.status, put.text).toBe(200);
    expect(put.headers.get('etag')).not.toBe(etag);
    expect(await truth('Lunch club')).toHaveLength(3);
    expect(obj((await session.get(href)).json)['name']).toBe('Lunch club');
  });

  it('PUT without If-Match → 428, with a stale ETag → 412, with a too long name → 400', async () => {
    const href = await groupHref('Lunch crew');
    const etag = (await session.get(href)).headers.get('etag') ?? '';
    expectUcwaError(await session.send(href, { method: 'PUT', body: { name: 'A' } }), 428, 'PreconditionRequired');
    expectUcwaError(await session.send(href, { method: 'PUT', headers: { 'If-Match': '"stale"' }, body: { name: 'A' } }), 412, 'PreconditionFailed');
    expectUcwaError(await session.send(href, { method: 'PUT', headers: { 'If-Match': etag }, body: { name: 'n'.repeat(257) } }), 400, 'BadRequest');
    expect(await truth('Lunch crew')).toHaveLength(3);
  });

  it('DELETE on a personal group removes it (204, then 404)', async () => {
    const href = await groupHref('Lunch crew');
    expect((await session.delete(href)).status).toBe(204);
    expect(await truth('Lunch crew')).toBeUndefined();
    expectUcwaError(await session.get(href), 404, 'NotFound');
  });

  it('refuses to delete or rename the default and pinned groups (403)', async () => {
    expectUcwaError(await session.delete(await groupHref('Other Contacts')), 403, 'Forbidden');
    const pinned = await groupHref('Pinned Contacts');
    expectUcwaError(await session.delete(pinned), 403, 'Forbidden');
    const etag = (await session.get(pinned)).headers.get('etag') ?? '';
    expectUcwaError(await session.send(pinned, { method: 'PUT', headers: { 'If-Match': etag }, body: { name: 'Faves' } }), 403, 'Forbidden');
  });
});

describe('distribution groups on the list', () => {
  it('addToContactList from a search result puts the DL in myGroups (204)', async () => {
    const { dl, url } = await searchDl('falcon core');
    expect((await session.post(link(dl, 'addToContactList', url))).status).toBe(204);
    const { group } = await app.groupNamed('Falcon Core Team');
    expect(obj(group)['uri']).toBe('sip:falcon-core@contoso.com');
    expect(await truth('Falcon Core Team')).toEqual(['sip:sarad@contoso.com', 'sip:pilarp@contoso.com', 'sip:alexd@contoso.com']);
    const again = await searchDl('falcon core');
    expect(hasLink(again.dl, 'removeFromContactList')).toBe(true);
  });

  it('answers 409 AlreadyExists for a DL already on the list', async () => {
    const { dl, url } = await searchDl('falcon core');
    await session.post(link(dl, 'addToContactList', url));
    expectUcwaError(await session.post(link(dl, 'addToContactList', url)), 409, 'Conflict', 'AlreadyExists');
  });

  it('removeFromContactList takes the DL off the list (204)', async () => {
    const { group, base } = await app.groupNamed('Engineering DL');
    expect((await session.post(link(group, 'removeFromContactList', base))).status).toBe(204);
    expect(await truth('Engineering DL')).toBeUndefined();
  });
});

describe('every change arrives through the contacts-and-groups subscription', () => {
  let events: EventReader;
  beforeEach(async () => {
    events = await startSubscription();
  });

  it('add to a group → contact added in the group and in myContacts', async () => {
    await addToGroup('sip:miguelg@contoso.com', 'Project Falcon');
    const seen = await events.read([1]);
    const falcon = await groupHref('Project Falcon');
    expect(seen.find((e) => e.rel === 'contact' && e.type === 'added' && e.inRel === 'group')?.inHref).toBe(falcon);
    expect(seen.find((e) => e.rel === 'contact' && e.type === 'added' && e.inRel === 'myContacts')?.href).toMatch(/\/people\/miguelg@contoso\.com$/);
  });

  it('raises exactly the events the control API raises for the same change', async () => {
    await addToGroup('sip:miguelg@contoso.com', 'Project Falcon');
    const viaUcwa = shape(await events.read([1]));
    const lunchId = str(arr((await sim.user())['groups']).map((g) => obj(g)).find((g) => g['name'] === 'Lunch crew')?.['id'], 'id');
    await sim.addContact(lunchId, 'sip:alexd@contoso.com');
    const viaControl = shape(await events.read([1]));
    expect(viaUcwa).toEqual(viaControl);
  });

  it('removeContactFromAllGroups → contact deleted in each group and in myContacts', async () => {
    const { body, url } = await memberships();
    await session.post(link(body, 'removeContactFromAllGroups', url), { contactUri: 'sip:manishc@contoso.com' });
    const seen = shape(await events.read([1]));
    expect(seen).toEqual(['contact deleted in=group', 'contact deleted in=myContacts', 'contact deleted in=pinnedGroup']);
  });

  it('create, rename, delete a group → group added / updated / deleted', async () => {
    const created = await session.post(app.peopleLink('myGroups'), { name: 'Temp' });
    const href = link(created.json, 'self', created.url);
    expect((await events.read([1])).find((e) => e.rel === 'group' && e.type === 'added')?.href).toBe(href);
    const etag = (await session.get(href)).headers.get('etag') ?? '';
    await session.send(href, { method: 'PUT', headers: { 'If-Match': etag }, body: { name: 'Temp 2' } });
    expect((await events.read([1])).find((e) => e.rel === 'group' && e.type === 'updated')?.href).toBe(href);
    await session.delete(href);
    const deleted = (await events.read([1])).find((e) => e.rel === 'group' && e.type === 'deleted');
    expect(deleted?.href).toBe(href);
    expect(deleted?.inRel).toBe('myGroups');
  });

  it('addToContactList / removeFromContactList → distributionGroup added / deleted in myGroups', async () => {
    const { dl, url } = await searchDl('falcon core');
    await session.post(link(dl, 'addToContactList', url));
    const added = (await events.read([1])).find((e) => e.rel === 'distributionGroup' && e.type === 'added');
    expect(added?.inRel).toBe('myGroups');
    const { group, base } = await app.groupNamed('Falcon Core Team');
    await session.post(link(group, 'removeFromContactList', base));
    const deleted = (await events.read([1])).find((e) => e.rel === 'distributionGroup' && e.type === 'deleted');
    expect(deleted?.href).toBe(added?.href);
  });

  it('a refused change raises nothing', async () => {
    expectUcwaError(await addToGroup('sip:sarad@contoso.com', 'Project Falcon'), 409, 'Conflict', 'AlreadyExists');
    expect((await events.tryRead([16])) ?? []).toEqual([]);
  });
});

describe('the read-only flavour (contactListManagement: false)', () => {
  beforeEach(async () => {
    await sim.patchConfig({ contactListManagement: false });
    await app.refresh();
  });

  it('links none of the management resources', async () => {
    const people = obj(embedded(app.resource, 'people'));
    expect(dig(people, '_links', 'myGroups')).toEqual({ href: expect.any(String) });
    expect(dig(people, '_links', 'myGroupMemberships')).toEqual({ href: expect.any(String) });
    expect(hasLink((await memberships()).body, 'removeContactFromAllGroups')).toBe(false);
    expect(hasLink((await app.groupNamed('Engineering DL')).group, 'removeFromContactList')).toBe(false);
    expect(hasLink((await searchDl('falcon core')).dl, 'addToContactList')).toBe(false);
  });

  it('still reads memberships, groups, contacts and search', async () => {
    expect(arr(obj((await memberships()).body['_embedded'])['myGroupMembership']).length).toBeGreaterThan(0);
    expect((await app.contactUris()).length).toBeGreaterThan(0);
    expect((await session.get(withParams(app.peopleLink('search'), { query: 'sara' }))).status).toBe(200);
  });

  it('answers every change with 403 and leaves the list as it was', async () => {
    const before = await sim.user();
    expectUcwaError(await addToGroup('sip:miguelg@contoso.com', 'Project Falcon'), 403, 'Forbidden');
    expectUcwaError(await session.post(app.peopleLink('myGroups'), { name: 'Nope' }), 403, 'Forbidden');
    const lunch = await groupHref('Lunch crew');
    expectUcwaError(await session.delete(lunch), 403, 'Forbidden');
    expectUcwaError(await session.send(lunch, { method: 'PUT', headers: { 'If-Match': '*' }, body: { name: 'Nope' } }), 403, 'Forbidden');
    expectUcwaError(await session.post(`${app.peopleLink('myGroupMemberships')}/removeContactFromAllGroups`, { contactUri: 'sip:sarad@contoso.com' }), 403, 'Forbidden');
    expect((await sim.user())['groups']).toEqual(before['groups']);
  });
});
