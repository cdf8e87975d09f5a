import { afterEach, describe, expect, it } from 'vitest';
import { isContactListError } from '../../../main/core/ucwa/people/contact-list-error';
import type { Change, ContactList } from '../../../shared/models';
import type { SimConfig } from '../../simulator/index';
import { DANA, eventually, type Harness, startHarness } from './support/engine-harness';

const SARAH = 'sip:sarahj@contoso.com';
const SARA = 'sip:sarad@contoso.com';

describe('contacts directory against the simulator', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function signedIn(config: Partial<SimConfig> = {}): Promise<{ h: Harness; lists: ContactList[]; changes: Change[] }> {
    h = await startHarness({ config });
    const lists: ContactList[] = [];
    const changes: Change[] = [];
    h.engine.contacts$.subscribe((list) => lists.push(list));
    h.engine.changes$.subscribe((change) => changes.push(change));
    await h.engine.signIn({ address: DANA.address, discoveryUrl: h.sim.rootUrl, password: DANA.password });
    await eventually(async () => (lists[lists.length - 1]?.groups.length ?? 0) > 0, 'first list');
    return { h, lists, changes };
  }
  const latest = (lists: ContactList[]): ContactList => lists[lists.length - 1]!;
  const groupId = async (h: Harness, name: string): Promise<string> => (await h.simUser()).groups.find((g) => g.name === name)!.id;
  const rejection = async (promise: Promise<unknown>): Promise<{ reason: string; message: string }> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isContactListError(error)) throw new Error(`expected a ContactListError, got ${String(error)}`);
    return { reason: error.reason, message: error.message };
  };

  it('searches the directory for people and distribution groups, with moreResultsAvailable', async () => {
    const { h } = await signedIn();
    const found = await h.engine.directory.search('sarah', 10);
    expect(found.contacts.map((c) => c.uri)).toEqual([SARAH]);
    // Not on the contact list: her availability comes from her contactPresence link, read with the search.
    expect(found.contacts[0]).toMatchObject({ name: 'Sarah Jones', title: 'Recruiter', department: 'Human Resources', availability: 'Online' });
    expect(found.moreResultsAvailable).toBe(false);
    const groups = await h.engine.directory.search('falcon', 10);
    expect(groups.distributionGroups).toEqual([{ uri: 'sip:falcon-core@contoso.com', name: 'Falcon Core Team', canAdd: true, canExpand: true }]);
    const cut = await h.engine.directory.search('s', 1);
    expect(cut.contacts.length + cut.distributionGroups.length).toBe(1);
    expect(cut.moreResultsAvailable).toBe(true);
    expect(await rejection(h.engine.directory.search('  ', 10))).toMatchObject({ reason: 'invalid' });
  });

  it('answers a search whose presence reads fail, without an availability for those people', async () => {
    const { h } = await signedIn();
    await h.injectFault({ method: 'GET', path: '/presence' }, { type: 'status', status: 503 }, 100);
    const found = await h.engine.directory.search('sarah', 10);
    expect(found.contacts.map((c) => c.uri)).toEqual([SARAH]);
    expect(found.contacts[0]?.availability).toBeUndefined();
  });

  it('expands a distribution group from the directory and from the contact list', async () => {
    const { h } = await signedIn();
    const falcon = await h.engine.directory.expandDistributionGroup('sip:falcon-core@contoso.com');
    expect(falcon.map((c) => c.uri).sort()).toEqual(['sip:alexd@contoso.com', 'sip:pilarp@contoso.com', SARA]);
    const engineering = await h.engine.directory.expandDistributionGroup('sip:engineering@contoso.com');
    expect(engineering.map((c) => c.name)).toHaveLength(4);
  });

  it('reads a contact card: fields, note, location, modalities, photo href', async () => {
    const { h } = await signedIn();
    const card = await h.engine.directory.contactCard(SARA);
    expect(card).toMatchObject({ uri: SARA, name: 'Sara Davis', note: { message: 'Shipping Falcon this week', type: 'personal' } });
    expect(card.title).toBeTruthy();
    expect(card.modalities).toContain('Messaging');
    expect(card.photoHref).toMatch(/^https?:\/\/.+\/photos\//);
    // Someone on nobody's list is found through the directory.
    const stranger = await h.engine.directory.contactCard(SARAH);
    expect(stranger).toMatchObject({ name: 'Sarah Jones', title: 'Recruiter' });
    expect(await rejection(h.engine.directory.contactCard('sip:nobody@contoso.com'))).toMatchObject({ reason: 'notFound' });
  });

  it('adds a contact to a group: the simulator holds it and the engine learns it from the subscription', async () => {
    const { h, lists, changes } = await signedIn();
    const falcon = await groupId(h, 'Project Falcon');
    expect(await h.engine.directory.capabilities()).toEqual({ search: { available: true }, contactListManagement: { available: true } });
    await h.engine.directory.addContact(SARAH, falcon);
    const truth = (await h.simUser()).groups.find((g) => g.id === falcon)!;
    expect(truth.contacts.map((c) => c.uri)).toContain(SARAH);
    await eventually(async () => latest(lists).groups.find((g) => g.id === falcon)?.contactUris.includes(SARAH) === true, 'contacts$ shows it');
    await eventually(async () => changes.some((c) => c.kind === 'contactAdded' && c.contactUri === SARAH && c.group === 'Project Falcon'), 'changes$ says so');
    expect(await rejection(h.engine.directory.addContact(SARAH, falcon))).toMatchObject({ reason: 'alreadyExists' });
    expect(await rejection(h.engine.directory.addContact('sip:nobody@contoso.com', falcon))).toMatchObject({ reason: 'notFound' });
  });

  it('removes a contact from one group, then from every group', async () => {
    const { h, lists } = await signedIn();
    const falcon = await groupId(h, 'Project Falcon');
    await h.engine.directory.removeContactFromGroup(SARA, falcon);
    let groups = (await h.simUser()).groups;
    expect(groups.find((g) => g.id === falcon)!.contacts.map((c) => c.uri)).not.toContain(SARA);
    expect(groups.find((g) => g.name === 'Pinned Contacts')!.contacts.map((c) => c.uri)).toContain(SARA);
    await eventually(async () => latest(lists).groups.find((g) => g.id === falcon)?.contactUris.includes(SARA) === false, 'gone from the group');
    await h.engine.directory.removeContactFromAllGroups(SARA);
    groups = (await h.simUser()).groups;
    expect(groups.filter((g) => g.kind !== 'distribution').flatMap((g) => g.contacts.map((c) => c.uri))).not.toContain(SARA);
    expect(await rejection(h.engine.directory.removeContactFromGroup(SARA, falcon))).toMatchObject({ reason: 'notFound' });
  });

  it('creates, renames and deletes a personal group; refusals are typed', async () => {
    const { h, changes } = await signedIn();
    await h.engine.directory.createGroup('Book club');
    await eventually(async () => changes.some((c) => c.kind === 'groupAdded' && c.group === 'Book club'), 'groupAdded');
    expect(await rejection(h.engine.directory.createGroup('book CLUB'))).toMatchObject({ reason: 'alreadyExists' });
    const id = await groupId(h, 'Book club');
    await h.engine.directory.renameGroup(id, 'Reading club');
    expect((await h.simUser()).groups.find((g) => g.id === id)!.name).toBe('Reading club');
    await eventually(async () => changes.some((c) => c.kind === 'groupRenamed' && c.group === 'Reading club'), 'groupRenamed');
    await h.engine.directory.deleteGroup(id);
    expect((await h.simUser()).groups.some((g) => g.id === id)).toBe(false);
    await eventually(async () => changes.some((c) => c.kind === 'groupRemoved' && c.group === 'Reading club'), 'groupRemoved');
    const other = await groupId(h, 'Other Contacts');
    expect(await rejection(h.engine.directory.deleteGroup(other))).toMatchObject({ reason: 'notSupported' });
  });

  it('says TooManyGroups and TooManyContacts in words', async () => {
    const { h } = await signedIn({ maxGroups: 3, maxContacts: 1 });
    const groups = await rejection(h.engine.directory.createGroup('One too many'));
    expect(groups).toEqual({ reason: 'tooManyGroups', message: expect.stringMatching(/as many groups as the server allows/) });
    const contacts = await rejection(h.engine.directory.addContact(SARAH));
    expect(contacts).toEqual({ reason: 'tooManyContacts', message: expect.stringMatching(/contact list is full/) });
  });

  it('adds and removes a distribution group', async () => {
    const { h, changes } = await signedIn();
    await h.engine.directory.addDistributionGroup('sip:falcon-core@contoso.com');
    const listed = (await h.simUser()).groups.find((g) => g.name === 'Falcon Core Team');
    expect(listed?.kind).toBe('distribution');
    await eventually(async () => changes.some((c) => c.kind === 'groupAdded' && c.group === 'Falcon Core Team'), 'DL added');
    expect(await rejection(h.engine.directory.addDistributionGroup('sip:falcon-core@contoso.com'))).toMatchObject({ reason: 'alreadyExists' });
    await h.engine.directory.removeDistributionGroup(listed!.id);
    expect((await h.simUser()).groups.some((g) => g.name === 'Falcon Core Team')).toBe(false);
  });

  it('on a read-only server reports management unavailable with the reason and sends no change', async () => {
    const { h } = await signedIn({ contactListManagement: false });
    const reason = 'Your server does not allow changing the contact list.';
    expect(await h.engine.directory.capabilities()).toEqual({ search: { available: true }, contactListManagement: { available: false, reason } });
    const falcon = await groupId(h, 'Project Falcon');
    const since = await h.lastSeq();
    const engineering = await groupId(h, 'Engineering DL');
    const d = h.engine.directory;
    const attempts = [
      () => d.addContact(SARAH, falcon),
      () => d.removeContactFromGroup(SARA, falcon),
      () => d.removeContactFromAllGroups(SARA),
      () => d.createGroup('Book club'),
      () => d.renameGroup(falcon, 'Falcon 2'),
      () => d.deleteGroup(falcon),
      () => d.addDistributionGroup('sip:falcon-core@contoso.com'),
      () => d.removeDistributionGroup(engineering),
    ];
    for (const attempt of attempts) expect(await rejection(attempt())).toEqual({ reason: 'unavailable', message: reason });
    const sent = (await h.requests(since)).filter((r) => r.method !== 'GET');
    expect(sent).toEqual([]);
    // Reading still works.
    expect((await h.engine.directory.search('sarah', 5)).contacts).toHaveLength(1);
  });
});
