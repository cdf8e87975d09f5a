/**
 * What third-party clients read from the address book, over one raw keep-alive socket a test:
 * myContacts with its profile fields and links, a contact resource, people/search with contacts,
 * distribution groups and moreResultsAvailable, expandDistributionGroup, photos (bytes, content
 * type, 404, the `cwt_ucwa` cookie of seed 000). Every URL comes from an earlier answer's `_links`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTACT_LINK_RELS, SARA_DAVIS_CONTACT } from '../support/profiles';
import { arr, obj, str } from '../support/json';
import { header, RawConnection, requestBytes, type RawResponse } from './raw-client';
import { expectError, expectJson, hasLink } from './raw-expect';
import { embeddedOf, href, pathOf, openRawFixture, ucwaRequest, type RawFixture, type RawSession } from './raw-ucwa';

let fixture: RawFixture;
let s: RawSession;
let conn: RawConnection;
beforeEach(async () => {
  fixture = await openRawFixture();
  ({ session: s, conn } = fixture);
});
afterEach(() => fixture.close());

const get = (path: string): Promise<RawResponse> => conn.exchange(ucwaRequest(s, 'GET', path));
const people = (): Record<string, unknown> => embeddedOf(s.app, 'people');
const list = (resource: Record<string, unknown>, rel: string): Record<string, unknown>[] => arr(obj(resource['_embedded'])[rel], rel).map((c) => obj(c));

async function contacts(): Promise<Record<string, unknown>[]> {
  return list(expectJson(await get(pathOf(href(people(), 'myContacts'))), 200), 'contact');
}

async function contactNamed(name: string): Promise<Record<string, unknown>> {
  const found = (await contacts()).find((c) => c['name'] === name);
  if (found === undefined) throw new Error(`no contact ${name}`);
  return found;
}

/** people/search with the query parameters the reference documents, added to the linked href. */
async function search(query: string, limit?: number): Promise<Record<string, unknown>> {
  const params = new URLSearchParams({ query });
  if (limit !== undefined) params.set('limit', String(limit));
  const base = pathOf(href(people(), 'search'));
  const body = expectJson(await get(`${base}${base.includes('?') ? '&' : '?'}${params.toString()}`), 200);
  expect(body['rel']).toBe('search');
  return body;
}

const names = (body: Record<string, unknown>, rel: 'contact' | 'distributionGroup'): string[] => list(body, rel).map((c) => str(c['name']));

/** A photo request as an image fetch with the token sends it. */
const photoRequest = (path: string, auth: readonly (readonly [string, string])[]): Buffer =>
  requestBytes('GET', path, [['Host', s.host], ['Accept', 'image/avif,image/webp,image/png,image/jpeg,*/*;q=0.8'], ...auth]);

/** Image bytes matching their declared type: PNG or JPEG signature. */
function expectImage(res: RawResponse): void {
  expect(res.status).toBe(200);
  const type = header(res, 'content-type');
  expect(['image/png', 'image/jpeg']).toContain(type);
  expect(Number(header(res, 'content-length'))).toBe(res.body.length);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const jpeg = [0xff, 0xd8, 0xff];
  expect([...res.body.subarray(0, type === 'image/png' ? 8 : 3)]).toEqual(type === 'image/png' ? png : jpeg);
}

describe('people/myContacts and the contact resource', () => {
  it('lists every contact with the profile fields and links real clients read', async () => {
    const sara = await contactNamed('Sara Davis');
    expect(sara).toMatchObject(SARA_DAVIS_CONTACT);
    for (const rel of CONTACT_LINK_RELS) expect(hasLink(sara, rel), rel).toBe(true);
    expect((await contactNamed('Tobias Ritter'))['workPhoneNumber']).toBeUndefined();
  });

  it('answers a contact’s self link (people/{address}) and its presence, note and location links', async () => {
    const yuki = await contactNamed('Yuki Fujimoto');
    const self = pathOf(href(yuki, 'self'));
    expect(self).toMatch(/\/people\/yukif@contoso\.com$/);
    expect(expectJson(await get(self), 200)).toMatchObject({ rel: 'contact', uri: 'sip:yukif@contoso.com', title: 'QA Engineer', name: 'Yuki Fujimoto' });
    expect(expectJson(await get(pathOf(href(yuki, 'contactPresence'))), 200)).toMatchObject({ rel: 'contactPresence', availability: 'Online' });
    expect(expectJson(await get(pathOf(href(yuki, 'contactNote'))), 200)).toMatchObject({ rel: 'contactNote', message: 'Working from Osaka' });
    expect(expectJson(await get(pathOf(href(yuki, 'contactLocation'))), 200)).toMatchObject({ rel: 'contactLocation', location: 'Osaka' });
  });
});

describe('people/search and expandDistributionGroup', () => {
  it('finds contacts by name prefix, ordered, with profile fields and links', async () => {
    const body = await search('sara');
    expect(names(body, 'contact')).toEqual(['Sara Davis', 'Sarah Jones']);
    expect(body['moreResultsAvailable']).toBe(false);
    const first = list(body, 'contact')[0]!;
    expect(first).toMatchObject({ title: 'Software Engineer', department: 'Engineering' });
    expect(hasLink(first, 'contactPresence')).toBe(true);
  });

  it('returns distribution groups, whose expandDistributionGroup link lists the members', async () => {
    const body = await search('falcon');
    expect(names(body, 'distributionGroup')).toEqual(['Falcon Core Team']);
    const dl = list(body, 'distributionGroup')[0]!;
    expect(dl['uri']).toBe('sip:falcon-core@contoso.com');
    const expanded = expectJson(await get(pathOf(href(dl, 'expandDistributionGroup'))), 200);
    expect(list(expanded, 'contact').map((c) => c['uri'])).toEqual(['sip:sarad@contoso.com', 'sip:pilarp@contoso.com', 'sip:alexd@contoso.com']);
  });

  it('honours limit and says moreResultsAvailable when it cut the results; an empty result has empty arrays', async () => {
    const all = await search('a');
    expect(names(all, 'contact').length + names(all, 'distributionGroup').length).toBeGreaterThan(2);
    expect(all['moreResultsAvailable']).toBe(false);
    const cut = await search('a', 2);
    expect(names(cut, 'contact').length + names(cut, 'distributionGroup').length).toBe(2);
    expect(cut['moreResultsAvailable']).toBe(true);
    expect(obj((await search('zzzz-nobody'))['_embedded'])).toEqual({ contact: [], distributionGroup: [] });
  });

  it('answers a search without query with 400 ParameterValidationFailure', async () => {
    expectError(await get(pathOf(href(people(), 'search'))), 400, 'BadRequest', 'ParameterValidationFailure');
  });
});

describe('photos', () => {
  it('serves a contact photo as image bytes of the declared type, privately cached with an ETag', async () => {
    const res = await conn.exchange(photoRequest(pathOf(href(await contactNamed('Sara Davis'), 'contactPhoto')), [['Authorization', s.authorization]]));
    expectImage(res);
    expect(header(res, 'cache-control')).toBe('private');
    const etag = header(res, 'etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await conn.exchange(photoRequest(pathOf(href(await contactNamed('Sara Davis'), 'contactPhoto')), [['Authorization', s.authorization], ['If-None-Match', etag]]));
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('answers 404 with a UCWA error for someone without a photo', async () => {
    const res = await conn.exchange(ucwaRequest(s, 'GET', pathOf(href(await contactNamed('Kim Abercrombie'), 'contactPhoto'))));
    expectError(res, 404, 'NotFound');
  });

  it('takes the cwt_ucwa cookie the application set for its photos path, instead of Authorization', async () => {
    const app = await get(pathOf(href(s.app, 'self')));
    const setCookie = header(app, 'set-cookie') ?? '';
    const cookie = /^cwt_ucwa=[^;]+/.exec(setCookie)?.[0] ?? '';
    const cookiePath = /;\s*path=([^;]+)/i.exec(setCookie)?.[1] ?? '';
    const photo = pathOf(href(await contactNamed('Sara Davis'), 'contactPhoto'));
    // A browser sends the cookie only below its path: the photo href must be there.
    expect(photo.startsWith(`${cookiePath}/`)).toBe(true);
    expectImage(await conn.exchange(photoRequest(photo, [['Cookie', cookie]])));
    expectImage(await conn.exchange(photoRequest(pathOf(href(embeddedOf(s.app, 'me'), 'photo')), [['Cookie', cookie]])));
    expect((await conn.exchange(photoRequest(photo, []))).status).toBe(401);
    expect((await conn.exchange(requestBytes('GET', pathOf(href(embeddedOf(s.app, 'me'), 'self')), [['Host', s.host], ['Accept', 'application/json'], ['Cookie', cookie]]))).status).toBe(401);
  });
});
