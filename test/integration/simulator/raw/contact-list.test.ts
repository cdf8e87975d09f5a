/**
 * Contact-list management over raw sockets: a membership POST on one keep-alive connection, the
 * contacts-and-groups event read off a P-GET held on a second connection (as clients keep one for
 * events), the AlreadyExists conflict, and the read-only flavour that links none of it and answers
 * 403. Every URL comes from an earlier answer's `_links`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { arr, obj, str } from '../support/json';
import { Sim } from '../support/sim';
import { decodedJson, RawConnection, type RawResponse } from './raw-client';
import { expectError, expectJson, hasLink } from './raw-expect';
import { embeddedOf, href, pathOf, openRawFixture, ucwaRequest, type RawFixture, type RawSession } from './raw-ucwa';

let fixture: RawFixture;
let sim: Sim;
let s: RawSession;
let conn: RawConnection;
beforeEach(async () => {
  fixture = await openRawFixture({ mediumWindowSeconds: 0 });
  ({ sim, session: s, conn } = fixture);
});
afterEach(() => fixture.close());

const get = (path: string): Promise<RawResponse> => conn.exchange(ucwaRequest(s, 'GET', path));
const post = (path: string, body?: string): Promise<RawResponse> => conn.exchange(ucwaRequest(s, 'POST', path, body));
const list = (resource: Record<string, unknown>, rel: string): Record<string, unknown>[] => arr(obj(resource['_embedded'])[rel] ?? [], rel).map((c) => obj(c));

/** The application as the server now describes it (links change with the flavour). */
async function application(): Promise<Record<string, unknown>> {
  return expectJson(await get(pathOf(href(s.app, 'self'))), 200);
}

async function groupNamed(people: Record<string, unknown>, name: string): Promise<Record<string, unknown>> {
  const groups = expectJson(await get(pathOf(href(people, 'myGroups'))), 200);
  const found = [...list(groups, 'group'), ...list(groups, 'distributionGroup')].find((g) => g['name'] === name);
  if (found === undefined) throw new Error(`no group ${name}`);
  return found;
}

const membershipBody = (contactUri: string, groupId: string): string => JSON.stringify({ contactUri, groupId });

/** One event as a flat record. */
interface SeenEvent {
  readonly sender: string;
  readonly rel: string;
  readonly type: string;
  readonly href: string;
  readonly inRel?: string;
  readonly inHref?: string;
}

/** Holds P-GETs on `events` (following `next`) until `found` matches; returns every event seen. */
async function eventsUntil(events: RawConnection, eventsPath: string, found: (e: SeenEvent) => boolean): Promise<SeenEvent[]> {
  const seen: SeenEvent[] = [];
  let path = eventsPath;
  for (let page = 0; page < 8; page++) {
    const res = await events.exchange(ucwaRequest(s, 'GET', path));
    expect(res.status).toBe(200);
    const body = obj(decodedJson(res));
    for (const sender of arr(body['sender'] ?? [])) {
      for (const entry of arr(obj(sender)['events'])) {
        const event = obj(entry);
        const link = obj(event['link']);
        const inLink = event['in'] === undefined ? undefined : obj(event['in']);
        seen.push({
          sender: str(obj(sender)['rel']),
          rel: str(link['rel']),
          type: str(event['type']),
          href: str(link['href']),
          ...(inLink === undefined ? {} : { inRel: str(inLink['rel']), inHref: str(inLink['href']) }),
        });
      }
    }
    if (seen.some(found)) return seen;
    path = pathOf(href(body, 'next'));
  }
  throw new Error(`event not seen among ${JSON.stringify(seen)}`);
}

describe('add a contact to a group (myGroupMemberships2 POST)', () => {
  it('answers 201 linking contact and group; the contacts-and-groups subscription delivers contact added on the P-GET socket', async () => {
    const people = embeddedOf(s.app, 'people');
    const subscription = expectJson(await get(pathOf(href(people, 'myContactsAndGroupsSubscription'))), 200);
    const start = await post(`${pathOf(href(subscription, 'startOrRefreshSubscriptionToContactsAndGroups'))}?duration=30`);
    expect(expectJson(start, 201)).toMatchObject({ rel: 'myContactsAndGroupsSubscription', state: 'Connected' });

    const falcon = await groupNamed(people, 'Project Falcon');
    const created = await post(pathOf(href(people, 'myGroupMemberships')), membershipBody('sip:miguelg@contoso.com', str(falcon['id'])));
    const membership = expectJson(created, 201);
    expect(membership['rel']).toBe('myGroupMembership');
    expect(href(membership, 'group')).toBe(href(falcon, 'self'));
    expect(href(membership, 'contact')).toMatch(/\/people\/miguelg@contoso\.com$/);

    const events = await RawConnection.open(s.port);
    try {
      const seen = await eventsUntil(events, pathOf(href(s.app, 'events')), (e) => e.rel === 'contact' && e.type === 'added' && e.inRel === 'myContacts');
      const inGroup = seen.find((e) => e.sender === 'people' && e.rel === 'contact' && e.type === 'added' && e.inRel === 'group');
      expect(inGroup?.inHref).toBe(href(falcon, 'self'));
      expect(inGroup?.href).toBe(href(membership, 'contact'));
      expect(events.closed).toBe(false);
    } finally {
      events.close();
    }

    const members = expectJson(await get(pathOf(href(falcon, 'groupContacts'))), 200);
    expect(list(members, 'contact').map((c) => c['uri'])).toContain('sip:miguelg@contoso.com');
    expect(conn.closed).toBe(false);
  });

  it('answers 409 AlreadyExists for a contact already in that group, and a second identical POST too', async () => {
    const people = embeddedOf(s.app, 'people');
    const falcon = await groupNamed(people, 'Project Falcon');
    const path = pathOf(href(people, 'myGroupMemberships'));
    expectError(await post(path, membershipBody('sip:sarad@contoso.com', str(falcon['id']))), 409, 'Conflict', 'AlreadyExists');
    expectJson(await post(path, membershipBody('sip:alexd@contoso.com', str(falcon['id']))), 201);
    expectError(await post(path, membershipBody('sip:alexd@contoso.com', str(falcon['id']))), 409, 'Conflict', 'AlreadyExists');
  });
});

describe('the read-only flavour (contactListManagement: false)', () => {
  beforeEach(async () => {
    await sim.patchConfig({ contactListManagement: false });
  });

  it('links none of the management resources', async () => {
    const people = embeddedOf(await application(), 'people');
    expect(obj(obj(people['_links'])['myGroups'])).toEqual({ href: expect.any(String) });
    expect(obj(obj(people['_links'])['myGroupMemberships'])).toEqual({ href: expect.any(String) });
    const memberships = expectJson(await get(pathOf(href(people, 'myGroupMemberships'))), 200);
    expect(list(memberships, 'myGroupMembership').length).toBeGreaterThan(0);
    expect(hasLink(memberships, 'removeContactFromAllGroups')).toBe(false);
    expect(hasLink(await groupNamed(people, 'Engineering DL'), 'removeFromContactList')).toBe(false);
    const found = expectJson(await get(`${pathOf(href(people, 'search'))}?query=falcon%20core`), 200);
    expect(hasLink(list(found, 'distributionGroup')[0]!, 'addToContactList')).toBe(false);
  });

  it('answers a membership POST and a group POST with 403 and leaves the list as it was', async () => {
    const before = (await sim.user())['groups'];
    const people = embeddedOf(await application(), 'people');
    const falcon = await groupNamed(people, 'Project Falcon');
    expectError(await post(pathOf(href(people, 'myGroupMemberships')), membershipBody('sip:miguelg@contoso.com', str(falcon['id']))), 403, 'Forbidden');
    expectError(await post(pathOf(href(people, 'myGroups')), '{"name":"Nope"}'), 403, 'Forbidden');
    expect((await sim.user())['groups']).toEqual(before);
  });
});
