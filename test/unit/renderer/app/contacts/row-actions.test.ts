import { describe, expect, it } from 'vitest';
import { contactItems, targetGroups } from '../../../../../renderer/app/contacts/row-actions';
import type { ContactRow } from '../../../../../renderer/app/contacts/row-model';
import type { ContactListChange } from '../../../../../shared/ipc-contract';
import { englishTranslator } from '../../../../../shared/i18n';
import type { ContactList } from '../../../../../shared/models';

const ALICE = 'sip:alice@contoso.com';
const LIST: ContactList = {
  groups: [
    { id: 'pin', name: 'Pinned', kind: 'pinned', contactUris: [ALICE] },
    { id: 'a', name: 'Alpha', kind: 'personal', contactUris: [ALICE] },
    { id: 'b', name: 'Beta', kind: 'personal', contactUris: [] },
    { id: 'other', name: 'Other Contacts', kind: 'default', contactUris: [] },
    { id: 'dl', name: 'Engineering DL', kind: 'distribution', contactUris: [ALICE] },
  ],
  contacts: { [ALICE]: { uri: ALICE, name: 'Alice', availability: 'Online' } },
};
const row = (groupId: string): ContactRow => ({ type: 'contact', key: `c:${groupId}:${ALICE}`, groupId, contact: LIST.contacts[ALICE]!, watched: false, position: 1, setSize: 1 });

describe('contact row actions', () => {
  it('offers the groups a contact is not in yet: personal groups and the default group', () => {
    expect(targetGroups(LIST, ALICE).map((g) => g.id)).toEqual(['b', 'other']);
  });

  it('removes from this group or the whole list, and moves or copies to another group', () => {
    const sent: ContactListChange[] = [];
    const items = contactItems(row('a'), LIST, englishTranslator(), (change) => sent.push(change));
    expect(items.map((i) => i.label)).toEqual(['Remove from Alpha', 'Remove from contact list', 'Move to ▸', 'Copy to ▸']);
    for (const item of items) item.run?.();
    items[2]!.items![0]!.run!();
    items[3]!.items![1]!.run!();
    expect(sent).toEqual([
      { kind: 'removeFromGroup', uri: ALICE, groupId: 'a' },
      { kind: 'removeFromAllGroups', uri: ALICE },
      { kind: 'moveContact', uri: ALICE, fromGroupId: 'a', toGroupId: 'b' },
      { kind: 'addContact', uri: ALICE, groupId: 'other' },
    ]);
  });

  it("offers no removal from or move out of a distribution list (its members are the server's)", () => {
    const items = contactItems(row('dl'), LIST, englishTranslator(), () => undefined);
    expect(items.map((i) => i.label)).toEqual(['Remove from contact list', 'Copy to ▸']);
  });
});
