import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyContactPatches, diffContactPatches, isPresenceOnly } from '../../../shared/contact-patches';
import { isContactPatch } from '../../../shared/guards';
import type { ContactList } from '../../../shared/models';
import { AVAILABILITIES, contactListArb, withPresence } from './contact-list-arbitrary';

const ann = { uri: 'sip:ann@contoso.com', name: 'Ann', availability: 'Online' as const };
const bob = { uri: 'sip:bob@contoso.com', name: 'Bob', availability: 'Busy' as const };
const list: ContactList = {
  groups: [
    { id: 'p', name: 'Pinned', kind: 'pinned', contactUris: [ann.uri] },
    { id: 'g1', name: 'Falcon', kind: 'personal', contactUris: [ann.uri, bob.uri] },
  ],
  contacts: { [ann.uri]: ann, [bob.uri]: bob },
};

describe('diffContactPatches', () => {
  it('gives nothing for the same or an equal list', () => {
    expect(diffContactPatches(list, list)).toEqual([]);
    expect(diffContactPatches(list, structuredClone(list))).toEqual([]);
  });

  it('turns one presence change into one small presence patch', () => {
    const next = withPresence(list, bob.uri, 'Away');
    expect(diffContactPatches(list, next)).toEqual([{ kind: 'presenceChanged', uri: bob.uri, availability: 'Away' }]);
  });

  it('says group removal, addition at its index, rename, membership, and a note cleared', () => {
    const next: ContactList = {
      groups: [
        { id: 'new', name: 'Lunch', kind: 'personal', contactUris: [] },
        { id: 'g1', name: 'Falcon II', kind: 'personal', contactUris: [bob.uri] },
      ],
      contacts: { [ann.uri]: ann, [bob.uri]: bob },
    };
    const withNote: ContactList = { ...list, contacts: { ...list.contacts, [ann.uri]: { ...ann, note: 'lunch' } } };
    expect(diffContactPatches(withNote, next)).toEqual([
      { kind: 'groupRemoved', groupId: 'p' },
      { kind: 'groupAdded', group: next.groups[0], index: 0 },
      { kind: 'groupRenamed', groupId: 'g1', name: 'Falcon II' },
      { kind: 'membershipChanged', groupId: 'g1', contactUris: [bob.uri] },
      { kind: 'noteChanged', uri: ann.uri, note: null },
    ]);
  });

  it('reorders groups only when kept groups moved', () => {
    const swapped: ContactList = { ...list, groups: [list.groups[1]!, list.groups[0]!] };
    expect(diffContactPatches(list, swapped)).toEqual([{ kind: 'groupsReordered', groupIds: ['g1', 'p'] }]);
  });

  it('diff then apply gives the newer list, for any two lists', () => {
    fc.assert(
      fc.property(contactListArb, contactListArb, (prev, next) => {
        const patches = diffContactPatches(prev, next);
        expect(applyContactPatches(prev, patches)).toEqual(next);
        expect(patches.every(isContactPatch)).toBe(true);
      }),
    );
  });

  it('a sequence of patch batches applied in order equals a fresh snapshot of the last list', () => {
    fc.assert(
      fc.property(fc.array(contactListArb, { minLength: 1, maxLength: 8 }), (lists) => {
        let window = lists[0]!;
        for (let i = 1; i < lists.length; i += 1) window = applyContactPatches(window, diffContactPatches(lists[i - 1]!, lists[i]!));
        expect(window).toEqual(lists[lists.length - 1]);
      }),
    );
  });

  it('presence changes come as presence-only patches', () => {
    fc.assert(
      fc.property(contactListArb, fc.constantFrom(...AVAILABILITIES), (prev, availability) => {
        const uri = Object.keys(prev.contacts)[0];
        if (uri === undefined) return;
        const patches = diffContactPatches(prev, withPresence(prev, uri, availability, 'moved'));
        expect(isPresenceOnly(patches)).toBe(true);
      }),
    );
  });
});

describe('applyContactPatches', () => {
  it('keeps untouched groups and contacts by reference and leaves the input alone', () => {
    const before = structuredClone(list);
    const next = applyContactPatches(list, [{ kind: 'presenceChanged', uri: bob.uri, availability: 'Away' }]);
    expect(next.groups).toBe(list.groups);
    expect(next.contacts[ann.uri]).toBe(list.contacts[ann.uri]);
    expect(next.contacts[bob.uri]?.availability).toBe('Away');
    expect(list).toEqual(before);
  });

  it('ignores patches for groups or contacts it does not have', () => {
    const next = applyContactPatches(list, [
      { kind: 'presenceChanged', uri: 'sip:nobody@contoso.com', availability: 'Away' },
      { kind: 'groupRenamed', groupId: 'missing', name: 'X' },
    ]);
    expect(next).toEqual(list);
  });
});
