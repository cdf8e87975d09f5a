import { describe, expect, it } from 'vitest';
import { diffContactLists } from '../../../../../main/core/state/contact-list-diff';
import type { Contact, ContactList } from '../../../../../shared/models';

const ann: Contact = { uri: 'sip:ann@contoso.com', name: 'Ann', availability: 'Online' };
const bob: Contact = { uri: 'sip:bob@contoso.com', name: 'Bob', availability: 'Busy' };

const before: ContactList = {
  groups: [
    { id: 'p', name: 'Pinned', kind: 'pinned', contactUris: [ann.uri] },
    { id: 'g1', name: 'Falcon', kind: 'personal', contactUris: [ann.uri, bob.uri] },
    { id: 'g2', name: 'Old', kind: 'personal', contactUris: [] },
  ],
  contacts: { [ann.uri]: ann, [bob.uri]: bob },
};

describe('diffContactLists', () => {
  it('reports nothing for equal lists', () => {
    expect(diffContactLists(before, structuredClone(before), 5)).toEqual([]);
  });

  it('reports group additions, removals and renames with names and the given time', () => {
    const after: ContactList = {
      ...before,
      groups: [before.groups[0]!, { ...before.groups[1]!, name: 'Falcon II' }, { id: 'g3', name: 'Lunch', kind: 'personal', contactUris: [] }],
    };
    expect(diffContactLists(before, after, 1000)).toEqual([
      { kind: 'groupRemoved', at: 1000, group: 'Old' },
      { kind: 'groupRenamed', at: 1000, group: 'Falcon II', previousGroup: 'Falcon' },
      { kind: 'groupAdded', at: 1000, group: 'Lunch' },
    ]);
  });

  it('reports membership changes per group, removals first, with contact names from the right list', () => {
    const cy: Contact = { uri: 'sip:cy@contoso.com', name: 'Cy', availability: 'Away' };
    const after: ContactList = {
      groups: [before.groups[0]!, { ...before.groups[1]!, contactUris: [ann.uri, cy.uri] }, before.groups[2]!],
      contacts: { [ann.uri]: ann, [cy.uri]: cy },
    };
    expect(diffContactLists(before, after, 7)).toEqual([
      { kind: 'contactRemoved', at: 7, group: 'Falcon', contact: 'Bob', contactUri: bob.uri },
      { kind: 'contactAdded', at: 7, group: 'Falcon', contact: 'Cy', contactUri: cy.uri },
    ]);
  });

  it('reports presence changes once per contact, but not presence learned for the first time', () => {
    const unknownBob: ContactList = { ...before, contacts: { ...before.contacts, [bob.uri]: { ...bob, availability: 'Unknown' } } };
    const after: ContactList = { ...before, contacts: { [ann.uri]: { ...ann, availability: 'DoNotDisturb' }, [bob.uri]: bob } };
    expect(diffContactLists(unknownBob, after, 9)).toEqual([
      { kind: 'contactPresenceChanged', at: 9, contact: 'Ann', contactUri: ann.uri, availability: 'DoNotDisturb' },
    ]);
  });
});
