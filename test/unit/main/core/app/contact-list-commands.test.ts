import { describe, expect, it } from 'vitest';
import { createContactListCommands } from '../../../../../main/core/app/contact-list-commands';
import { ContactListError } from '../../../../../main/core/ucwa/people/contact-list-error';
import type { ContactsDirectory } from '../../../../../main/core/ucwa/people/contacts-directory';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

function directory(overrides: Partial<ContactsDirectory> = {}): { directory: ContactsDirectory; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]): Promise<void> => {
      calls.push([name, ...args]);
    };
  const base = {
    capabilities: async () => ({ search: { available: true }, contactListManagement: { available: true } }),
    search: async (query: string) => ({ query, contacts: [], distributionGroups: [], moreResultsAvailable: false }),
    expandDistributionGroup: async () => [],
    contactCard: async () => {
      throw new Error('not used');
    },
    contactPhotoHref: async () => undefined,
    contactPhoto: async () => ({ kind: 'none' }),
    addContact: record('addContact'),
    removeContactFromGroup: record('removeContactFromGroup'),
    removeContactFromAllGroups: record('removeContactFromAllGroups'),
    createGroup: record('createGroup'),
    renameGroup: record('renameGroup'),
    deleteGroup: record('deleteGroup'),
    addDistributionGroup: record('addDistributionGroup'),
    removeDistributionGroup: record('removeDistributionGroup'),
  } as ContactsDirectory;
  return { directory: { ...base, ...overrides }, calls };
}

describe('contact-list commands', () => {
  it('sends each change through the matching directory operation; a move adds before it removes', async () => {
    const { directory: d, calls } = directory();
    const commands = createContactListCommands(d);
    const alice = 'sip:alice@contoso.com';
    await commands.change({ kind: 'addContact', uri: alice, groupId: 'g1' });
    await commands.change({ kind: 'moveContact', uri: alice, fromGroupId: 'g1', toGroupId: 'g2' });
    await commands.change({ kind: 'removeFromAllGroups', uri: alice });
    await commands.change({ kind: 'renameGroup', groupId: 'g2', name: 'Core' });
    expect(await commands.change({ kind: 'deleteGroup', groupId: 'g2' })).toEqual({ ok: true, value: null });
    expect(calls).toEqual([
      ['addContact', alice, 'g1'],
      ['addContact', alice, 'g2'],
      ['removeContactFromGroup', alice, 'g1'],
      ['removeContactFromAllGroups', alice],
      ['renameGroup', 'g2', 'Core'],
      ['deleteGroup', 'g2'],
    ]);
  });

  it('answers a refusal as an outcome with the reason and the engine message, not a rejection', async () => {
    const tooMany = new ContactListError('tooManyGroups', 'The contact list has as many groups as the server allows; delete one first.');
    const { directory: d } = directory({
      createGroup: async () => {
        throw tooMany;
      },
      deleteGroup: async () => {
        throw new UcwaError('http', 'Forbidden', { status: 403 });
      },
    });
    const commands = createContactListCommands(d);
    expect(await commands.change({ kind: 'createGroup', name: 'One too many' })).toEqual({ ok: false, reason: 'tooManyGroups', message: tooMany.message });
    expect(await commands.change({ kind: 'deleteGroup', groupId: 'g' })).toEqual({
      ok: false,
      reason: 'forbidden',
      message: 'Your server does not allow changing the contact list.',
    });
  });

  it('offers nothing when the capabilities cannot be read (signed out)', async () => {
    const { directory: d } = directory({
      capabilities: async () => {
        throw new ContactListError('notSignedIn', 'Sign in first.');
      },
    });
    const found = await createContactListCommands(d).capabilities();
    expect(found.contactListManagement.available).toBe(false);
    expect(found.search.available).toBe(false);
  });

  it('removes from one group and adds or removes a distribution group through their own operations', async () => {
    const { directory: d, calls } = directory();
    const commands = createContactListCommands(d);
    await commands.change({ kind: 'removeFromGroup', uri: 'sip:alice@contoso.com', groupId: 'g1' });
    await commands.change({ kind: 'addDistributionGroup', uri: 'sip:sales@contoso.com' });
    expect(await commands.change({ kind: 'removeDistributionGroup', groupId: 'dg1' })).toEqual({ ok: true, value: null });
    expect(calls).toEqual([
      ['removeContactFromGroup', 'sip:alice@contoso.com', 'g1'],
      ['addDistributionGroup', 'sip:sales@contoso.com'],
      ['removeDistributionGroup', 'dg1'],
    ]);
  });

  it('answers a search and a group expansion with what the directory found, and a refusal as an outcome', async () => {
    const sara = { uri: 'sip:sarad@contoso.com', name: 'Sara Davis', emailAddresses: ['sara.davis@contoso.com'] };
    const asked: unknown[][] = [];
    const { directory: d } = directory({
      search: async (query, limit) => {
        asked.push(['search', query, limit]);
        return { query, contacts: [sara], distributionGroups: [], moreResultsAvailable: true };
      },
      expandDistributionGroup: async (uri) => {
        asked.push(['expand', uri]);
        if (uri === 'sip:secret@contoso.com') throw new ContactListError('forbidden', 'Not allowed.');
        return [sara];
      },
    });
    const commands = createContactListCommands(d);
    expect(await commands.search({ query: 'sara', limit: 20 })).toEqual({
      ok: true,
      value: { query: 'sara', contacts: [sara], distributionGroups: [], moreResultsAvailable: true },
    });
    expect(await commands.expandDistributionGroup('sip:sales@contoso.com')).toEqual({ ok: true, value: [sara] });
    expect(await commands.expandDistributionGroup('sip:secret@contoso.com')).toEqual({ ok: false, reason: 'forbidden', message: 'Not allowed.' });
    expect(asked).toEqual([['search', 'sara', 20], ['expand', 'sip:sales@contoso.com'], ['expand', 'sip:secret@contoso.com']]);
  });
});
