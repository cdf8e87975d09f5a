import { BehaviorSubject, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { answerLine, REFLECT_WAIT_MS, watchContactList, type CommandTarget } from '../../../../main/headless/command-dispatcher';
import { findGroup } from '../../../../main/headless/group-reference';
import type { ContactsDirectory } from '../../../../main/core/ucwa/people/contacts-directory';
import { ContactListError, MANAGEMENT_UNAVAILABLE } from '../../../../main/core/ucwa/people/contact-list-error';
import { translator } from '../../../../shared/i18n';
import { EMPTY_CONTACT_LIST, type ContactCard, type ContactList, type SearchResult } from '../../../../shared/models';

const LIST: ContactList = {
  groups: [
    { id: '1', name: 'Pinned Contacts', kind: 'pinned', contactUris: ['sip:sarad@contoso.com'] },
    { id: '3', name: 'Project Falcon', kind: 'personal', contactUris: ['sip:sarad@contoso.com', 'sip:pilarp@contoso.com'] },
    { id: '4', name: 'Lunch crew', kind: 'personal', contactUris: [] },
    { id: '7', name: 'lunch CREW ', kind: 'personal', contactUris: [] },
    { id: '8', name: '3', kind: 'personal', contactUris: [] },
  ],
  contacts: {
    'sip:sarad@contoso.com': { uri: 'sip:sarad@contoso.com', name: 'Sara Davis', availability: 'Busy' },
    'sip:pilarp@contoso.com': { uri: 'sip:pilarp@contoso.com', name: 'Pilar Pinilla', availability: 'DoNotDisturb' },
  },
};

const SEARCH: SearchResult = {
  query: 'sara',
  contacts: [
    { uri: 'sip:sarad@contoso.com', name: 'Sara Davis', title: 'Engineer', department: 'Engineering', emailAddresses: [] },
    { uri: 'sip:sarahj@contoso.com', name: 'Sarah Jones', emailAddresses: [] },
  ],
  distributionGroups: [{ uri: 'sip:falcon-core@contoso.com', name: 'Falcon Core Team', canAdd: true, canExpand: true }],
  moreResultsAvailable: true,
};

const CARD: ContactCard = {
  uri: 'sip:SaraD@contoso.com',
  name: 'Sara Davis',
  title: 'Engineer',
  emailAddresses: ['sarad@contoso.com'],
  modalities: ['Messaging'],
  note: { message: 'Out until Monday', type: 'outOfOffice' },
  photoHref: 'https://pool.contoso.com/photo',
};

/** A fake engine: every call is recorded; `list$` is the contact list as the subscription brings it. */
function fake(overrides: Partial<ContactsDirectory> = {}) {
  const list$ = new BehaviorSubject<ContactList>(LIST);
  const directory = {
    capabilities: vi.fn(),
    search: vi.fn(async () => SEARCH),
    expandDistributionGroup: vi.fn(),
    contactCard: vi.fn(async () => CARD),
    addContact: vi.fn(async () => undefined),
    removeContactFromGroup: vi.fn(async () => undefined),
    removeContactFromAllGroups: vi.fn(async () => undefined),
    createGroup: vi.fn(async () => undefined),
    renameGroup: vi.fn(async () => undefined),
    deleteGroup: vi.fn(async () => undefined),
    addDistributionGroup: vi.fn(),
    removeDistributionGroup: vi.fn(),
    ...overrides,
  } as ContactsDirectory;
  const engine = {
    setAvailability: vi.fn(async () => undefined),
    resetAvailability: vi.fn(async () => undefined),
    setNote: vi.fn(async () => undefined),
    directory,
  };
  const reflected = vi.fn(async (_done: (list: ContactList) => boolean) => undefined);
  const target: CommandTarget = { engine, contactList: async () => list$.value, reflected };
  const send = (text: string) => answerLine({ kind: 'line', text }, target, translator('en'));
  return { engine, directory, target, reflected, list$, send };
}

const OK = (command: string) => ({ type: 'result', command, ok: true });

describe('answerLine (dispatcher, fake engine)', () => {
  it('maps presence commands to the engine', async () => {
    const { engine, send } = fake();
    expect(await send('{"command":"setAvailability","availability":"away"}')).toEqual([OK('setAvailability')]);
    expect(engine.setAvailability).toHaveBeenCalledWith('Away');
    expect(await send('{"command":"setNote","note":"hi"}')).toEqual([OK('setNote')]);
    expect(engine.setNote).toHaveBeenCalledWith('hi');
    expect(await send('{"command":"reset"}')).toEqual([OK('reset')]);
    expect(engine.resetAvailability).toHaveBeenCalledTimes(1);
  });

  it('answers a search with rows, presence from the contact list, then ok', async () => {
    const { directory, send } = fake();
    expect(await send('{"command":"search","query":"sara","limit":2}')).toEqual([
      {
        type: 'searchResults',
        query: 'sara',
        results: [
          { uri: 'sip:sarad@contoso.com', name: 'Sara Davis', title: 'Engineer', department: 'Engineering', availability: 'Busy' },
          { uri: 'sip:sarahj@contoso.com', name: 'Sarah Jones', title: null, department: null, availability: 'Unknown' },
        ],
        distributionGroups: [{ uri: 'sip:falcon-core@contoso.com', name: 'Falcon Core Team' }],
        moreResultsAvailable: true,
      },
      OK('search'),
    ]);
    expect(directory.search).toHaveBeenCalledWith('sara', 2);
  });

  it('answers a contact card without the photo href, presence matched ignoring case', async () => {
    const { send } = fake();
    const [card, result] = await send('{"command":"contactCard","uri":"sip:sarad@contoso.com"}');
    expect(result).toEqual(OK('contactCard'));
    expect(card).toMatchObject({ type: 'contactCard', name: 'Sara Davis', title: 'Engineer', department: null, hasPhoto: true, availability: 'Busy' });
    expect(card).toMatchObject({ note: { message: 'Out until Monday', type: 'outOfOffice' } });
    expect(JSON.stringify(card)).not.toContain('pool.contoso.com');
  });

  it('resolves groups by id or by name before calling the directory, and waits for the change to come back', async () => {
    const { directory, reflected, send } = fake();
    expect(await send('{"command":"addContact","uri":"sip:sarahj@contoso.com","group":"pinned contacts"}')).toEqual([OK('addContact')]);
    expect(directory.addContact).toHaveBeenCalledWith('sip:sarahj@contoso.com', '1');
    expect(await send('{"command":"removeContact","uri":"sip:pilarp@contoso.com","group":"Project Falcon"}')).toEqual([OK('removeContact')]);
    expect(directory.removeContactFromGroup).toHaveBeenCalledWith('sip:pilarp@contoso.com', '3');
    expect(await send('{"command":"removeContact","uri":"sip:pilarp@contoso.com"}')).toEqual([OK('removeContact')]);
    expect(directory.removeContactFromAllGroups).toHaveBeenCalledWith('sip:pilarp@contoso.com');
    expect(await send('{"command":"addContact","uri":"sip:sarahj@contoso.com"}')).toEqual([OK('addContact')]);
    expect(directory.addContact).toHaveBeenLastCalledWith('sip:sarahj@contoso.com');
    expect(await send('{"command":"renameGroup","group":"1","name":"Top"}')).toEqual([OK('renameGroup')]);
    expect(directory.renameGroup).toHaveBeenCalledWith('1', 'Top');
    expect(await send('{"command":"deleteGroup","group":"8"}')).toEqual([OK('deleteGroup')]);
    expect(directory.deleteGroup).toHaveBeenCalledWith('8');
    expect(await send('{"command":"createGroup","name":"New"}')).toEqual([OK('createGroup')]);
    expect(directory.createGroup).toHaveBeenCalledWith('New');

    // What each change waits for, checked against lists before and after it.
    const waits = reflected.mock.calls.map(([done]) => done);
    expect(waits).toHaveLength(7);
    const withSarah: ContactList = { ...LIST, groups: LIST.groups.map((g) => (g.id === '1' ? { ...g, contactUris: [...g.contactUris, 'sip:SARAHJ@contoso.com'] } : g)) };
    expect([waits[0]!(LIST), waits[0]!(withSarah)]).toEqual([false, true]);
    const withoutPilar: ContactList = { ...LIST, groups: LIST.groups.map((g) => ({ ...g, contactUris: g.contactUris.filter((u) => u !== 'sip:pilarp@contoso.com') })) };
    expect([waits[1]!(LIST), waits[1]!(withoutPilar), waits[2]!(LIST), waits[2]!(withoutPilar)]).toEqual([false, true, false, true]);
    expect([waits[3]!(LIST), waits[3]!(withSarah)]).toEqual([false, true]);
    const renamed: ContactList = { ...LIST, groups: LIST.groups.map((g) => (g.id === '1' ? { ...g, name: 'Top' } : g)) };
    expect([waits[4]!(LIST), waits[4]!(renamed)]).toEqual([false, true]);
    expect([waits[5]!(LIST), waits[5]!({ ...LIST, groups: LIST.groups.filter((g) => g.id !== '8') })]).toEqual([false, true]);
    expect([waits[6]!(LIST), waits[6]!({ ...LIST, groups: [...LIST.groups, { id: '9', name: 'new', kind: 'personal', contactUris: [] }] })]).toEqual([false, true]);
  });

  it('refuses an ambiguous or unknown group without calling the directory', async () => {
    const { directory, send } = fake();
    expect(await send('{"command":"deleteGroup","group":"Lunch crew"}')).toEqual([
      {
        type: 'result',
        command: 'deleteGroup',
        ok: false,
        reason: 'groupAmbiguous',
        error: '"Lunch crew" matches several groups (Lunch crew (4), lunch CREW  (7)): use the group id.',
      },
    ]);
    // "3" is one group's id and another's name.
    expect(await send('{"command":"renameGroup","group":"3","name":"x"}')).toMatchObject([{ ok: false, reason: 'groupAmbiguous' }]);
    expect(await send('{"command":"addContact","uri":"sip:a@b.com","group":"Nope"}')).toMatchObject([{ ok: false, reason: 'groupNotFound', error: expect.stringContaining('"Nope"') }]);
    expect(directory.deleteGroup).not.toHaveBeenCalled();
    expect(directory.renameGroup).not.toHaveBeenCalled();
    expect(directory.addContact).not.toHaveBeenCalled();
  });

  it('says so when the contact list has not been read', async () => {
    const { target, directory } = fake();
    const unread: CommandTarget = { ...target, contactList: async () => undefined };
    expect(await answerLine({ kind: 'line', text: '{"command":"deleteGroup","group":"4"}' }, unread, translator('en'))).toMatchObject([
      { ok: false, reason: 'contactListNotRead', error: 'The contact list has not been read yet: try again in a moment.' },
    ]);
    expect(directory.deleteGroup).not.toHaveBeenCalled();
  });

  it('words the engine\'s refusals by reason and by command, in the user\'s language', async () => {
    const readOnly = new ContactListError('unavailable', MANAGEMENT_UNAVAILABLE);
    const { target } = fake({
      createGroup: vi.fn(async () => Promise.reject(readOnly)),
      search: vi.fn(async () => Promise.reject(new ContactListError('unavailable', 'Your server does not offer a directory search.'))),
      deleteGroup: vi.fn(async () => Promise.reject(new ContactListError('notSupported', 'This group cannot be changed.'))),
      addContact: vi.fn(async () => Promise.reject(new Error('socket hang up'))),
    });
    const send = (text: string, locale: 'en' | 'de' = 'en') => answerLine({ kind: 'line', text }, target, translator(locale));
    expect(await send('{"command":"createGroup","name":"x"}')).toEqual([
      { type: 'result', command: 'createGroup', ok: false, reason: 'unavailable', error: 'Your server does not allow changing the contact list.' },
    ]);
    expect(await send('{"command":"createGroup","name":"x"}', 'de')).toMatchObject([{ error: 'Ihr Server erlaubt keine Änderungen an der Kontaktliste.' }]);
    expect(await send('{"command":"search","query":"x"}')).toMatchObject([{ reason: 'unavailable', error: 'Your server does not offer a directory search.' }]);
    expect(await send('{"command":"deleteGroup","group":"1"}')).toMatchObject([{ reason: 'notSupported', error: 'This group cannot be changed.' }]);
    // Anything else is a plain failure; its text (which may carry server detail) is not shown.
    const [failed] = await send('{"command":"addContact","uri":"sip:a@b.com"}');
    expect(failed).toMatchObject({ ok: false, reason: 'failed' });
    expect(JSON.stringify(failed)).not.toContain('socket');
  });

  it('answers bad and too long lines with ok:false and the command when it is known', async () => {
    const { target } = fake();
    expect(await answerLine({ kind: 'tooLong' }, target, translator('en'))).toEqual([
      { type: 'result', command: null, ok: false, reason: 'tooLong', error: 'The line is longer than 16384 characters: send one command per line.' },
    ]);
    expect(await answerLine({ kind: 'line', text: '{"command":"setNote"}' }, target, translator('fr'))).toEqual([
      { type: 'result', command: 'setNote', ok: false, reason: 'missingField', error: '« setNote » a besoin de « note ».' },
    ]);
  });
});

describe('watchContactList', () => {
  it('gives the first list read, and resolves a wait when the list shows the change or the wait ends', async () => {
    const scheduler = new VirtualTimeScheduler();
    const list$ = new BehaviorSubject<ContactList>(EMPTY_CONTACT_LIST);
    const watch = watchContactList(list$, scheduler, REFLECT_WAIT_MS);
    const first = watch.contactList();
    list$.next(LIST);
    expect(await first).toBe(LIST);

    let seen = false;
    void watch.reflected((list) => findGroup(list, 'Hawk').ok).then(() => (seen = true));
    await Promise.resolve();
    expect(seen).toBe(false);
    list$.next({ ...LIST, groups: [...LIST.groups, { id: '9', name: 'Hawk', kind: 'personal', contactUris: [] }] });
    await new Promise((r) => setImmediate(r));
    expect(seen).toBe(true);

    let gaveUp = false;
    void watch.reflected(() => false).then(() => (gaveUp = true));
    await new Promise((r) => setImmediate(r));
    expect(gaveUp).toBe(false);
    scheduler.flush();
    await new Promise((r) => setImmediate(r));
    expect(gaveUp).toBe(true);
  });

  it('gives undefined when no list comes within the wait', async () => {
    const scheduler = new VirtualTimeScheduler();
    const pending = watchContactList(new BehaviorSubject<ContactList>(EMPTY_CONTACT_LIST), scheduler).contactList();
    scheduler.flush();
    expect(await pending).toBeUndefined();
  });
});
