import { describe, expect, it } from 'vitest';
import { isContactListError } from '../../../../../../main/core/ucwa/people/contact-list-error';
import { createContactsDirectory, type DirectoryAccess } from '../../../../../../main/core/ucwa/people/contacts-directory';
import { MAX_PHOTO_BYTES } from '../../../../../../main/core/ucwa/people/contact-photo';
import { latestPerHref } from '../../../../../../main/core/ucwa/people/directory-context';
import { UcwaError } from '../../../../../../main/core/ucwa/ucwa-error';
import { FakeDirectoryServer, photoHref } from './fake-directory-server';
import { PEOPLE } from './fake-people-server';

const SARA = 'sip:sarad@contoso.com';
const SARAH = 'sip:sarahj@contoso.com';
const ANN = 'sip:ann@contoso.com';
const FALCON_DL = 'sip:falcon-core@contoso.com';

function setup(links?: (server: FakeDirectoryServer) => Record<string, string>) {
  const server = new FakeDirectoryServer();
  let access: DirectoryAccess | undefined = { client: server, people: links ? links(server) : server.peopleLinks() };
  const directory = createContactsDirectory(() => access);
  return {
    server,
    directory,
    signOut: () => {
      access = undefined;
    },
    setPeople: (people: Record<string, string>) => {
      access = { client: server, people };
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<{ reason: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isContactListError(error)) throw new Error(`expected a ContactListError, got ${String(error)}`);
  return { reason: error.reason, message: error.message };
}

/** The requests that change the contact list (everything but reads). */
const changesSent = (server: FakeDirectoryServer) => server.calls().filter((c) => !c.startsWith('GET '));

describe('contacts directory: capabilities and the people resource', () => {
  it('offers search and management when the people resource links them at revision 2', async () => {
    const { directory, server } = setup();
    expect(await directory.capabilities()).toEqual({ search: { available: true }, contactListManagement: { available: true } });
    expect(server.calls()).toEqual(['GET ~']);
  });

  it('reads the people resource once per application, again when its href changes, and again after a failed read', async () => {
    const { directory, server, setPeople } = setup();
    server.faults.push({ method: 'GET', path: '/applications/101/people', status: 503 });
    expect(await rejection(directory.capabilities())).toEqual({ reason: 'failed', message: 'The server could not change the contact list; try again later.' });
    await directory.capabilities();
    await directory.capabilities();
    expect(server.calls()).toEqual(['GET ~', 'GET ~']);
    // A new application: its people href differs, so its offer is read anew.
    setPeople({ ...server.peopleLinks(), self: `${PEOPLE}?app=2` });
    await directory.capabilities();
    await directory.capabilities();
    expect(server.calls()).toHaveLength(3);
  });

  it('a revision-1 server is read-only: changes are refused with the reason and nothing is sent', async () => {
    const { directory, server } = setup();
    server.revision = '1';
    const reason = 'Your server does not allow changing the contact list.';
    expect(await directory.capabilities()).toEqual({ search: { available: true }, contactListManagement: { available: false, reason } });
    for (const change of [
      directory.addContact(SARA),
      directory.createGroup('Book club'),
      directory.removeContactFromAllGroups(ANN),
      directory.addDistributionGroup(FALCON_DL),
    ]) {
      expect(await rejection(change)).toEqual({ reason: 'unavailable', message: reason });
    }
    expect(changesSent(server)).toEqual([]);
  });

  it('a server without search says so', async () => {
    const { directory, server } = setup();
    server.offersSearch = false;
    expect((await directory.capabilities()).search).toEqual({ available: false, reason: 'Your server does not offer a directory search.' });
    expect(await rejection(directory.search('sara', 10))).toEqual({ reason: 'unavailable', message: 'Your server does not offer a directory search.' });
    expect(server.calls()).toEqual(['GET ~']);
  });

  it('signed out: every operation rejects with notSignedIn and sends nothing', async () => {
    const { directory, server, signOut } = setup();
    signOut();
    expect(await rejection(directory.capabilities())).toEqual({ reason: 'notSignedIn', message: 'Sign in first.' });
    expect(await rejection(directory.contactPhotoHref(SARA))).toMatchObject({ reason: 'notSignedIn' });
    expect(await rejection(directory.contactPhoto(photoHref(SARA)))).toMatchObject({ reason: 'notSignedIn' });
    expect(server.log).toEqual([]);
  });

  it('an application without a people link offers no contact list', async () => {
    const { directory, server } = setup(() => ({}));
    expect(await rejection(directory.capabilities())).toEqual({ reason: 'unavailable', message: 'Your server does not offer a contact list.' });
    expect(server.log).toEqual([]);
  });
});

describe('contacts directory: search', () => {
  it('sends the trimmed query and the clamped limit, and shows each person with the availability their presence reports', async () => {
    const { directory, server } = setup();
    const found = await directory.search('  sarah ', 500);
    expect(server.log[1]).toMatchObject({ method: 'GET', href: `${PEOPLE}/search`, query: { query: 'sarah', limit: '100' } });
    expect(found).toEqual({
      query: 'sarah',
      contacts: [{ uri: SARAH, name: 'Sarah Jones', title: 'Recruiter', emailAddresses: ['sarahj@contoso.com'], availability: 'Online' }],
      distributionGroups: [],
      moreResultsAvailable: false,
    });
    expect(server.calls().slice(2)).toEqual(['GET ~/sarahj@contoso.com/presence']);
  });

  it('a limit of 0 asks for 1; what is cut off says more results are available', async () => {
    const { directory, server } = setup();
    const cut = await directory.search('sara', 0);
    expect(server.log[1]!.query).toEqual({ query: 'sara', limit: '1' });
    expect(cut.contacts.map((c) => c.uri)).toEqual([SARA]);
    expect(cut.moreResultsAvailable).toBe(true);
  });

  it('finds distribution groups with what the user may do with them', async () => {
    const { directory } = setup();
    expect((await directory.search('falcon', 10)).distributionGroups).toEqual([{ uri: FALCON_DL, name: 'Falcon Core Team', canAdd: true, canExpand: true }]);
  });

  it('a presence read that fails leaves that person without an availability, not the search failed', async () => {
    const { directory, server } = setup();
    server.faults.push({ method: 'GET', path: 'sarad@contoso.com/presence', status: 503 });
    const found = await directory.search('sara', 10);
    expect(found.contacts.map((c) => [c.uri, c.availability])).toEqual([
      [SARA, undefined],
      [SARAH, 'Online'],
    ]);
  });

  it('reads the presence of every person of a long answer', async () => {
    const { directory, server } = setup();
    for (let i = 0; i < 23; i += 1) server.directory.set(`sip:p${i}@contoso.com`, { uri: `sip:p${i}@contoso.com`, name: `Person ${i}`, availability: 'Busy' });
    const found = await directory.search('person', 100);
    expect(found.contacts).toHaveLength(23);
    expect(found.contacts.every((c) => c.availability === 'Busy')).toBe(true);
    expect(server.calls().filter((c) => c.endsWith('/presence'))).toHaveLength(23);
  });

  it('refuses an empty or over-long query without asking the server; 256 characters is fine', async () => {
    const { directory, server } = setup();
    expect(await rejection(directory.search('   ', 10))).toEqual({ reason: 'invalid', message: 'Type a name, address or number to search for.' });
    expect(await rejection(directory.search('x'.repeat(257), 10))).toEqual({ reason: 'invalid', message: 'A search can be at most 256 characters.' });
    expect(server.log).toEqual([]);
    await directory.search(`  ${'x'.repeat(256)}  `, 10);
    expect(server.calls()).toEqual(['GET ~', `GET ~/search?query=${'x'.repeat(256)}&limit=10`]);
  });
});

describe('contacts directory: distribution groups and contact cards', () => {
  it('expands a distribution group found in the directory', async () => {
    const { directory, server } = setup();
    const members = await directory.expandDistributionGroup(FALCON_DL);
    expect(members.map((m) => m.uri)).toEqual([SARA, ANN]);
    // Not on the contact list: found by a search for its address without the scheme.
    expect(server.log.find((r) => r.href.endsWith('/search'))?.query).toEqual({ query: 'falcon-core@contoso.com', limit: '100' });
  });

  it('expands a listed distribution group through its own link, without a search', async () => {
    const { directory, server } = setup();
    server.groups.find((g) => g.id === 'dl')!.uri = FALCON_DL;
    const members = await directory.expandDistributionGroup(' SIP:Falcon-Core@contoso.com ');
    expect(members.map((m) => m.name)).toEqual(['Sara Davis', 'Ann Lee']);
    expect(server.calls()).toEqual(['GET ~/groups', 'GET ~/groups/dl/expand']);
  });

  it('a distribution group nowhere to be found is notFound; one without an expand link is unavailable', async () => {
    const { directory, server } = setup();
    expect(await rejection(directory.expandDistributionGroup('sip:nobody-dl@contoso.com'))).toEqual({
      reason: 'notFound',
      message: 'That distribution group is not in the directory.',
    });
    const noMyGroups = setup((s) => ({ self: s.peopleLinks()['self']! }));
    noMyGroups.server.distributionLists.length = 0;
    expect(await rejection(noMyGroups.directory.expandDistributionGroup(FALCON_DL))).toMatchObject({ reason: 'notFound' });
    expect(noMyGroups.server.calls()).toEqual(['GET ~', 'GET ~/search?query=falcon-core%40contoso.com&limit=100']);
    server.distributionLists[0]!.expandable = false;
    expect(await rejection(directory.expandDistributionGroup(FALCON_DL))).toEqual({
      reason: 'unavailable',
      message: 'Your server does not show the members of this group.',
    });
  });

  it("reads a listed contact's card from the contact list: fields, note, location, modalities and photo", async () => {
    const { directory, server } = setup();
    server.contacts.set(SARA, server.directory.get(SARA)!);
    server.groups[0]!.members.push(SARA);
    const card = await directory.contactCard(SARA);
    expect(card).toEqual({
      uri: SARA,
      name: 'Sara Davis',
      title: 'PM',
      department: 'Falcon',
      emailAddresses: ['sarad@contoso.com'],
      note: { message: 'Shipping Falcon', type: 'personal' },
      location: 'Building 7',
      modalities: ['Messaging', 'Audio'],
      photoHref: photoHref(SARA),
    });
    expect(server.calls()[0]).toBe('GET ~/contacts');
    expect(server.calls()).not.toContain(expect.stringContaining('search'));
  });

  it("reads someone else's card through the directory; parts the server cannot answer are left out", async () => {
    const { directory, server } = setup();
    server.faults.push({ method: 'GET', path: '/location', status: 500 }, { method: 'GET', path: '/supportedMedia', status: 404 });
    const card = await directory.contactCard(SARAH);
    expect(card).toEqual({ uri: SARAH, name: 'Sarah Jones', title: 'Recruiter', emailAddresses: ['sarahj@contoso.com'], modalities: [] });
    expect(server.calls()).toEqual([
      'GET ~/contacts',
      'GET ~',
      'GET ~/search?query=sarahj%40contoso.com&limit=100',
      'GET ~/sarahj@contoso.com',
      'GET ~/sarahj@contoso.com/note',
      'GET ~/sarahj@contoso.com/location',
      'GET ~/sarahj@contoso.com/supportedMedia',
    ]);
  });

  it('a contact that links no parts has a card of its own fields, and nothing else is read', async () => {
    const { directory, server } = setup();
    server.directory.set('sip:bare@contoso.com', { uri: 'sip:bare@contoso.com', name: 'Bare', availability: 'Online', bare: true });
    const found = await directory.search('bare', 10);
    expect(found.contacts).toEqual([{ uri: 'sip:bare@contoso.com', name: 'Bare', emailAddresses: ['bare@contoso.com'] }]);
    expect(await directory.contactCard('sip:bare@contoso.com')).toEqual({ uri: 'sip:bare@contoso.com', name: 'Bare', emailAddresses: ['bare@contoso.com'], modalities: [] });
    expect(server.calls()).toEqual([
      'GET ~',
      'GET ~/search?query=bare&limit=10',
      'GET ~/contacts',
      'GET ~/search?query=bare%40contoso.com&limit=100',
      'GET ~/bare@contoso.com',
    ]);
  });

  it('a contact in neither the list nor the directory is notFound', async () => {
    const { directory } = setup();
    expect(await rejection(directory.contactCard('sip:nobody@contoso.com'))).toEqual({ reason: 'notFound', message: 'That contact is not in the directory.' });
  });

  it('a contact resource without an address is no card', async () => {
    const { directory, server } = setup();
    server.throwOnce = undefined;
    const original = server.request.bind(server);
    server.request = (request) => (request.href === `${PEOPLE}/ann@contoso.com` ? original({ ...request, href: `${PEOPLE}/groups` }) : original(request));
    expect(await rejection(directory.contactCard(ANN))).toEqual({ reason: 'failed', message: 'The server sent a contact without an address.' });
  });
});

describe('contacts directory: photos', () => {
  it("finds a listed contact's photo link in the contact list, without reading the contact", async () => {
    const { directory, server } = setup();
    server.contacts.set(SARA, server.directory.get(SARA)!);
    server.groups[1]!.members.push(SARA);
    expect(await directory.contactPhotoHref(' SIP:SaraD@contoso.com ')).toBe(photoHref(SARA));
    expect(await directory.contactPhotoHref(SARA)).toBe(photoHref(SARA));
    expect(server.calls()).toEqual(['GET ~/contacts']); // read once per application
  });

  it("finds someone else's photo link on their contact resource; none when it links none", async () => {
    const { directory, server } = setup();
    expect(await directory.contactPhotoHref(SARA)).toBe(photoHref(SARA));
    expect(server.calls().at(-1)).toBe('GET ~/sarad@contoso.com');
    expect(await directory.contactPhotoHref(SARAH)).toBeUndefined();
  });

  it('without a myContacts link the photo link comes from the contact itself', async () => {
    const { directory, server } = setup((s) => {
      const { myContacts: _omit, ...rest } = s.peopleLinks();
      return rest;
    });
    expect(await directory.contactPhotoHref(SARA)).toBe(photoHref(SARA));
    expect(server.calls()).not.toContain('GET ~/contacts');
  });

  it('reads a photo as bytes with its ETag, capped, asking for images only', async () => {
    const { directory, server } = setup();
    const photo = await directory.contactPhoto(photoHref(SARA));
    expect(photo).toEqual({ kind: 'image', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), etag: '"p1"' });
    expect(server.log[0]).toEqual({ method: 'GET', href: photoHref(SARA), accept: 'image/*', binary: { maxBytes: MAX_PHOTO_BYTES } });
  });

  it('asks only for a changed photo when it has one; the same one is notModified', async () => {
    const { directory, server } = setup();
    expect(await directory.contactPhoto(photoHref(SARA), '"p1"')).toEqual({ kind: 'notModified' });
    expect(server.log[0]!.headers).toEqual({ 'If-None-Match': '"p1"' });
    server.directory.get(SARA)!.photoEtag = undefined;
    expect(await directory.contactPhoto(photoHref(SARA), '"p1"')).toEqual({ kind: 'image', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
  });

  it('no photo (404), a refused one (403, 410) or one too large (malformed) is initials; an outage rejects', async () => {
    const { directory, server } = setup();
    expect(await directory.contactPhoto(photoHref(SARAH))).toEqual({ kind: 'none' });
    for (const status of [403, 410]) {
      server.faults.push({ method: 'GET', path: '/photos/', status });
      expect(await directory.contactPhoto(photoHref(SARA))).toEqual({ kind: 'none' });
    }
    server.throwOnce = { path: '/photos/', error: new UcwaError('malformed', 'too large', { cause: 'tooLarge' }) };
    expect(await directory.contactPhoto(photoHref(SARA))).toEqual({ kind: 'none' });
    for (const status of [401, 500, 503]) {
      server.faults.push({ method: 'GET', path: '/photos/', status });
      expect(await rejection(directory.contactPhoto(photoHref(SARA)))).toMatchObject({ reason: 'failed' });
    }
    server.throwOnce = { path: '/photos/', error: new UcwaError('network', 'reset') };
    expect(await rejection(directory.contactPhoto(photoHref(SARA)))).toEqual({ reason: 'failed', message: 'The server could not be reached; try again.' });
  });

  it('an image answer without bytes is an empty image', async () => {
    const { directory, server } = setup();
    const original = server.request.bind(server);
    server.request = (request) => original({ ...request, href: `${PEOPLE}/contactsAndGroupsSubscription` });
    expect(await directory.contactPhoto(photoHref(SARA))).toEqual({ kind: 'image', bytes: new Uint8Array(0) });
  });
});

describe('contacts directory: changing the contact list', () => {
  it('adds a contact to a group, or to the default group without one', async () => {
    const { directory, server } = setup();
    await directory.addContact(SARAH, 'g1');
    await directory.addContact(SARAH);
    expect(server.log.filter((r) => r.method === 'POST')).toEqual([
      { method: 'POST', href: `${PEOPLE}/groupMemberships`, json: { contactUri: SARAH, groupId: 'g1' } },
      { method: 'POST', href: `${PEOPLE}/groupMemberships`, json: { contactUri: SARAH } },
    ]);
  });

  it('a refused change says why in words', async () => {
    const { directory, server } = setup();
    server.faults.push({ method: 'POST', path: 'groupMemberships', status: 404 });
    expect(await rejection(directory.addContact('sip:nobody@contoso.com', 'g1'))).toEqual({ reason: 'notFound', message: 'That contact or group no longer exists.' });
  });

  it('removes a contact from one group by deleting the membership that puts it there', async () => {
    const { directory, server } = setup();
    await directory.removeContactFromGroup('SIP:Ann@Contoso.com', 'g1');
    // Ann is in two groups: only her membership of the pinned group goes.
    await directory.removeContactFromGroup(ANN, 'pin');
    expect(changesSent(server)).toEqual(['DELETE ~/groupMemberships/g1/ann@contoso.com', 'DELETE ~/groupMemberships/pin/ann@contoso.com']);
  });

  it('removing a contact not in the group, or from a group that is gone, is notFound and sends nothing', async () => {
    const { directory, server } = setup();
    expect(await rejection(directory.removeContactFromGroup('sip:cy@contoso.com', 'g1'))).toEqual({ reason: 'notFound', message: 'That contact is not in the group.' });
    expect(await rejection(directory.removeContactFromGroup(ANN, 'gone'))).toEqual({ reason: 'notFound', message: 'That group is no longer on the contact list.' });
    expect(changesSent(server)).toEqual([]);
  });

  it('a member without a membership (the server lost it) is notFound', async () => {
    const { directory, server } = setup();
    const original = server.request.bind(server);
    // The memberships answer lists Ann only in the pinned group.
    server.request = (request) => {
      if (request.href.endsWith('/groupMemberships')) server.groups[0]!.members = ['sip:bob@contoso.com'];
      return original(request);
    };
    expect(await rejection(directory.removeContactFromGroup(ANN, 'g1'))).toEqual({ reason: 'notFound', message: 'That contact is not in the group.' });
    expect(changesSent(server)).toEqual([]);
  });

  it('removes a contact from every group with the one action the server links', async () => {
    const { directory, server } = setup();
    await directory.removeContactFromAllGroups(ANN);
    expect(server.log.at(-1)).toEqual({ method: 'POST', href: `${PEOPLE}/groupMemberships/removeContactFromAllGroups`, json: { contactUri: ANN } });
    server.removeFromAllLinked = false;
    expect(await rejection(directory.removeContactFromAllGroups(ANN))).toEqual({
      reason: 'unavailable',
      message: 'Your server does not allow removing a contact from every group at once.',
    });
    expect(changesSent(server)).toHaveLength(1);
  });

  it('creates a group with the trimmed name; a blank name is refused without a request', async () => {
    const { directory, server } = setup();
    await directory.createGroup('  Book club ');
    expect(server.log.at(-1)).toEqual({ method: 'POST', href: `${PEOPLE}/groups`, json: { name: 'Book club' } });
    expect(await rejection(directory.createGroup('  '))).toEqual({ reason: 'invalid', message: 'A group needs a name.' });
    expect(await rejection(directory.renameGroup('g1', ''))).toEqual({ reason: 'invalid', message: 'A group needs a name.' });
    expect(changesSent(server)).toHaveLength(1);
  });

  it('renames a group only if it is still as read (If-Match with its ETag)', async () => {
    const { directory, server } = setup();
    server.groupEtags.set('g1', '"7"');
    await directory.renameGroup('g1', ' Falcon II ');
    expect(server.log.at(-1)).toEqual({ method: 'PUT', href: `${PEOPLE}/groups/g1`, json: { name: 'Falcon II' }, headers: { 'If-Match': '"7"' } });
    expect(server.calls().at(-2)).toBe('GET ~/groups/g1');
  });

  it('renames a group without If-Match when the server gives no ETag; a gone group is notFound', async () => {
    const { directory, server } = setup();
    await directory.renameGroup('g1', 'Falcon II');
    expect(server.log.at(-1)).toEqual({ method: 'PUT', href: `${PEOPLE}/groups/g1`, json: { name: 'Falcon II' } });
    expect(await rejection(directory.renameGroup('gone', 'x'))).toMatchObject({ reason: 'notFound' });
    server.faults.push({ method: 'PUT', path: '/groups/g1', status: 412 });
    expect(await rejection(directory.renameGroup('g1', 'Falcon III'))).toEqual({ reason: 'changedMeanwhile', message: 'The group changed meanwhile; try again.' });
  });

  it('deletes a group by its own href', async () => {
    const { directory, server } = setup();
    await directory.deleteGroup('g1');
    expect(changesSent(server)).toEqual(['DELETE ~/groups/g1']);
    expect(await rejection(directory.deleteGroup('gone'))).toMatchObject({ reason: 'notFound' });
  });

  it('adds a distribution group from the directory through its addToContactList link', async () => {
    const { directory, server } = setup();
    await directory.addDistributionGroup(FALCON_DL);
    expect(changesSent(server)).toEqual(['POST ~/groups/addToContactList?smtpAddress=falcon-core%40contoso.com']);
  });

  it('a listed distribution group is not added again; one the server does not let us add is unavailable', async () => {
    const { directory, server } = setup();
    server.groups.find((g) => g.id === 'dl')!.uri = FALCON_DL;
    expect(await rejection(directory.addDistributionGroup(FALCON_DL))).toEqual({
      reason: 'alreadyExists',
      message: 'That distribution group is already on the contact list.',
    });
    server.groups.find((g) => g.id === 'dl')!.uri = undefined;
    server.distributionLists[0]!.addable = false;
    expect(await rejection(directory.addDistributionGroup(FALCON_DL))).toEqual({
      reason: 'unavailable',
      message: 'Your server does not allow adding this distribution group.',
    });
    expect(changesSent(server)).toEqual([]);
  });

  it('removes a listed distribution group through its own link', async () => {
    const { directory, server } = setup();
    server.groups.find((g) => g.id === 'dl')!.uri = FALCON_DL;
    await directory.removeDistributionGroup('dl');
    expect(changesSent(server)).toEqual(['POST ~/groups/dl/removeFromContactList']);
    expect(await rejection(directory.removeDistributionGroup('gone'))).toEqual({
      reason: 'notFound',
      message: 'That distribution group is no longer on the contact list.',
    });
  });

  it('a listed distribution group without a removeFromContactList link is unavailable', async () => {
    const { directory, server } = setup();
    Object.assign(server.groups.find((g) => g.id === 'dl')!, { uri: FALCON_DL, removable: false });
    expect(await rejection(directory.removeDistributionGroup('dl'))).toEqual({
      reason: 'unavailable',
      message: 'Your server does not allow removing this distribution group.',
    });
    expect(changesSent(server)).toEqual([]);
  });
});

describe('latestPerHref', () => {
  it('loads once per href, keeps only the latest href, and forgets a failed load', async () => {
    const loads: string[] = [];
    let fail = true;
    const get = latestPerHref(async (href: string) => {
      loads.push(href);
      if (fail) throw new Error('down');
      return href.toUpperCase();
    });
    await expect(get('a')).rejects.toThrow('down');
    fail = false;
    expect(await get('a')).toBe('A');
    expect(await get('a')).toBe('A');
    expect(await get('b')).toBe('B');
    expect(await get('a')).toBe('A');
    expect(loads).toEqual(['a', 'a', 'b', 'a']);
  });
});
