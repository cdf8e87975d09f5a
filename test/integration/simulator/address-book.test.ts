/**
 * What real clients read from the address book besides our own paths (ucwa-protocol.md §6.3,
 * §6.8, §2.4 and the skype-docs search/contact/photo pages): contacts with their profile fields,
 * people/search with distribution groups, expandDistributionGroup, photos and the cwt_ucwa
 * cookie. Every URL comes from a `_links` href.
 */
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTACT_LINK_RELS, SARA_DAVIS_CONTACT } from './support/profiles';
import { expectUcwaError } from './support/errors';
import { send, withParams } from './support/http';
import { arr, embedded, hasLink, link, linkRels, obj, str } from './support/json';
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

async function contactNamed(name: string): Promise<{ contact: Record<string, unknown>; base: string }> {
  const found = (await app.contacts()).find(({ contact }) => contact['name'] === name);
  if (found === undefined) throw new Error(`no contact ${name}`);
  return found;
}

async function search(query: string, limit?: number): Promise<{ body: Record<string, unknown>; url: string }> {
  const params: Record<string, string | number> = { query };
  if (limit !== undefined) params['limit'] = limit;
  const reply = await session.get(withParams(app.peopleLink('search'), params));
  expect(reply.status, reply.text).toBe(200);
  return { body: obj(reply.json), url: reply.url };
}

const names = (body: Record<string, unknown>, rel: 'contact' | 'distributionGroup'): string[] =>
  arr(obj(body['_embedded'])[rel], rel).map((c) => str(obj(c)['name'], 'name'));

/** Decodes a truecolour 8-bit PNG far enough to check it: size and every chunk's CRC. */
function readPng(bytes: Buffer): { width: number; height: number; pixels: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString('ascii');
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') ({ width, height } = { width: data.readUInt32BE(0), height: data.readUInt32BE(4) });
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, pixels: (raw.length - height) / 3 };
}

describe('myContacts and contact resources', () => {
  it('embeds every contact with the profile fields real clients read', async () => {
    const { contact } = await contactNamed('Sara Davis');
    expect(contact).toMatchObject(SARA_DAVIS_CONTACT);
    for (const rel of CONTACT_LINK_RELS) {
      expect(hasLink(contact, rel), rel).toBe(true);
    }
  });

  it('leaves out profile fields the address book does not have instead of sending them empty', async () => {
    const { contact } = await contactNamed('Tobias Ritter');
    expect(contact['workPhoneNumber']).toBeUndefined();
    expect(contact['mobilePhoneNumber']).toBe('tel:+491705550107');
  });

  it('answers each contact link with its resource', async () => {
    const { contact, base } = await contactNamed('Yuki Fujimoto');
    const self = await session.get(link(contact, 'self', base));
    expect(obj(self.json)).toMatchObject({ rel: 'contact', uri: 'sip:yukif@contoso.com', title: 'QA Engineer' });
    const note = obj((await session.get(link(contact, 'contactNote', base))).json);
    expect(note).toMatchObject({ rel: 'contactNote', message: 'Working from Osaka', type: 'Personal' });
    const location = obj((await session.get(link(contact, 'contactLocation', base))).json);
    expect(location).toMatchObject({ rel: 'contactLocation', location: 'Osaka' });
    const presence = obj((await session.get(link(contact, 'contactPresence', base))).json);
    expect(presence).toMatchObject({ rel: 'contactPresence', availability: 'Online' });
    const modalities = obj((await session.get(link(contact, 'contactSupportedModalities', base))).json);
    expect(modalities['rel']).toBe('contactSupportedModalities');
  });
});

describe('people/search (search_ref)', () => {
  it('finds people by a prefix of their first or last name, ordered by name, with profile fields and links', async () => {
    const { body } = await search('sara');
    expect(body['rel']).toBe('search');
    expect(names(body, 'contact')).toEqual(['Sara Davis', 'Sarah Jones']);
    expect(body['moreResultsAvailable']).toBe(false);
    const first = obj(arr(obj(body['_embedded'])['contact'])[0]);
    expect(first).toMatchObject({ title: 'Software Engineer', department: 'Engineering' });
    expect(hasLink(first, 'contactPresence')).toBe(true);
    expect(names((await search('jones')).body, 'contact')).toEqual(['Sarah Jones']);
  });

  it('finds people by address and by phone number digits', async () => {
    expect(names((await search('manishc@')).body, 'contact')).toEqual(['Manish Chopra']);
    expect(names((await search('425-555-0110')).body, 'contact')).toEqual(['Ravi Mehta']);
  });

  it('finds people who are on nobody’s contact list, and their contact link answers', async () => {
    const { body, url } = await search('miguel');
    const miguel = obj(arr(obj(body['_embedded'])['contact'])[0]);
    expect(miguel['name']).toBe('Miguel Garcia');
    expect((await session.get(link(miguel, 'self', url))).status).toBe(200);
  });

  it('returns distribution groups too, with uri and expandDistributionGroup', async () => {
    const { body } = await search('falcon');
    expect(names(body, 'distributionGroup')).toEqual(['Falcon Core Team']);
    const dl = obj(arr(obj(body['_embedded'])['distributionGroup'])[0]);
    expect(dl['uri']).toBe('sip:falcon-core@contoso.com');
    expect(hasLink(dl, 'expandDistributionGroup')).toBe(true);
  });

  it('honours limit and says moreResultsAvailable when it cut results', async () => {
    const all = await search('a');
    const total = names(all.body, 'contact').length + names(all.body, 'distributionGroup').length;
    expect(total).toBeGreaterThan(2);
    const cut = await search('a', 2);
    expect(names(cut.body, 'contact').length + names(cut.body, 'distributionGroup').length).toBe(2);
    expect(cut.body['moreResultsAvailable']).toBe(true);
    expect(all.body['moreResultsAvailable']).toBe(false);
  });

  it('answers an empty result with empty arrays', async () => {
    const { body } = await search('zzzz-nobody');
    expect(obj(body['_embedded'])).toEqual({ contact: [], distributionGroup: [] });
  });

  it('rejects a missing query and one longer than 256 characters with 400', async () => {
    expectUcwaError(await session.get(app.peopleLink('search')), 400, 'BadRequest', 'ParameterValidationFailure');
    expectUcwaError(await session.get(withParams(app.peopleLink('search'), { query: 'a'.repeat(257) })), 400, 'BadRequest', 'ParameterValidationFailure');
  });
});

describe('expandDistributionGroup', () => {
  it('lists the members of a DL found by search', async () => {
    const { body, url } = await search('falcon core');
    const dl = obj(arr(obj(body['_embedded'])['distributionGroup'])[0]);
    const expanded = await session.get(link(dl, 'expandDistributionGroup', url));
    expect(expanded.status).toBe(200);
    const members = arr(obj(obj(expanded.json)['_embedded'])['contact']).map((c) => obj(c)['uri']);
    expect(members).toEqual(['sip:sarad@contoso.com', 'sip:pilarp@contoso.com', 'sip:alexd@contoso.com']);
  });

  it('answers the self link of a DL found by search with the DL', async () => {
    const { body, url } = await search('all redmond');
    const dl = obj(arr(obj(body['_embedded'])['distributionGroup'])[0]);
    const self = await session.get(link(dl, 'self', url));
    expect(self.status).toBe(200);
    expect(obj(self.json)).toMatchObject({ rel: 'distributionGroup', uri: 'sip:all-redmond@contoso.com', name: 'All Redmond' });
  });

  it('lists the members of the DL on the contact list through its myGroups link', async () => {
    const { group, base } = await app.groupNamed('Engineering DL');
    const expanded = await session.get(link(group, 'expandDistributionGroup', base));
    const members = arr(obj(obj(expanded.json)['_embedded'])['contact']).map((c) => obj(c)['name']);
    expect(members).toEqual(['Sara Davis', 'Tobias Ritter', 'Jonas Bergström', 'Ravi Mehta']);
  });
});

describe('photos', () => {
  it('serves a contact photo as a small PNG with an ETag and private caching', async () => {
    const { contact, base } = await contactNamed('Sara Davis');
    const response = await fetch(link(contact, 'contactPhoto', base), { headers: { Authorization: `Bearer ${session.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/);
    const png = readPng(Buffer.from(await response.arrayBuffer()));
    expect(png).toEqual({ width: 48, height: 48, pixels: 48 * 48 });
  });

  it('gives different people different pictures', async () => {
    const bytes = async (name: string): Promise<string> => {
      const { contact, base } = await contactNamed(name);
      const response = await fetch(link(contact, 'contactPhoto', base), { headers: { Authorization: `Bearer ${session.token}` } });
      return Buffer.from(await response.arrayBuffer()).toString('base64');
    };
    expect(await bytes('Sara Davis')).not.toBe(await bytes('Yuki Fujimoto'));
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const { contact, base } = await contactNamed('Pilar Pinilla');
    const href = link(contact, 'contactPhoto', base);
    const first = await fetch(href, { headers: { Authorization: `Bearer ${session.token}` } });
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(href, { headers: { Authorization: `Bearer ${session.token}`, 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 404 with a UCWA error for a person without a photo', async () => {
    const { contact, base } = await contactNamed('Kim Abercrombie');
    expectUcwaError(await session.get(link(contact, 'contactPhoto', base)), 404, 'NotFound');
  });

  it('serves my own photo through me.photo', async () => {
    const response = await fetch(app.meLink('photo'), { headers: { Authorization: `Bearer ${session.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
  });

  it('accepts the cwt_ucwa cookie instead of Authorization on the photos path, as <img> fetches send it', async () => {
    const cookie = /^cwt_ucwa=[^;]+/.exec((await session.get(app.self)).headers.get('set-cookie') ?? '')?.[0] ?? '';
    const { contact, base } = await contactNamed('Sara Davis');
    const withCookie = await fetch(link(contact, 'contactPhoto', base), { headers: { Cookie: cookie } });
    expect(withCookie.status).toBe(200);
    const bare = await send(link(contact, 'contactPhoto', base));
    expect(bare.status).toBe(401);
  });

  it('does not take the cookie for other resources', async () => {
    const cookie = /^cwt_ucwa=[^;]+/.exec((await session.get(app.self)).headers.get('set-cookie') ?? '')?.[0] ?? '';
    const reply = await send(app.meLink('self'), { headers: { Cookie: cookie } });
    expect(reply.status).toBe(401);
  });
});

describe('hypermedia', () => {
  it('reaches search, myContacts, myGroupMemberships, phones and photos from the application links alone', async () => {
    const people = embedded(app.resource, 'people');
    expect(linkRels(people)).toEqual(expect.arrayContaining(['search', 'myContacts', 'myGroupMemberships']));
    expect(linkRels(app.me)).toEqual(expect.arrayContaining(['phones', 'photo', 'callForwardingSettings']));
    for (const href of [app.peopleLink('myContacts'), app.peopleLink('myGroupMemberships'), app.meLink('phones')]) {
      expect((await session.get(href)).status, href).toBe(200);
    }
  });
});
