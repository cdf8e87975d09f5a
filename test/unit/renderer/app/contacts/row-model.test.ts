import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Availability } from '../../../../../shared/availability';
import { diffContactPatches } from '../../../../../shared/contact-patches';
import type { ContactList } from '../../../../../shared/models';
import { AVAILABILITIES, contactListArb, withPresence } from '../../../shared/contact-list-arbitrary';
import { parseFilter } from '../../../../../renderer/app/contacts/contact-filter';
import { buildRowModel, indexOfKey, parentGroupIndex, patchRowModel } from '../../../../../renderer/app/contacts/row-model';

const LIST: ContactList = {
  // In the engine's order (main/core/state/group-order.ts): the window does not reorder.
  groups: [
    { id: 'pin', name: 'Pinned', kind: 'pinned', contactUris: ['sip:alice@contoso.com'] },
    { id: 'b', name: 'Beta', kind: 'personal', contactUris: ['sip:alice@contoso.com', 'sip:bob@contoso.com', 'sip:ghost@contoso.com'] },
    { id: 'a', name: 'Alpha', kind: 'personal', contactUris: [] },
    { id: 'other', name: 'Other Contacts', kind: 'default', contactUris: ['sip:eve@contoso.com'] },
    { id: 'dl', name: 'Engineering DL', kind: 'distribution', contactUris: ['sip:bob@contoso.com'] },
    { id: 'x', name: 'Odd', kind: 'other', contactUris: ['sip:eve@contoso.com'] },
  ],
  contacts: {
    'sip:alice@contoso.com': { uri: 'sip:alice@contoso.com', name: 'Alice Smith', availability: 'Online' },
    'sip:bob@contoso.com': { uri: 'sip:bob@contoso.com', name: 'Bob Nguyen', availability: 'IdleOnline' },
    'sip:eve@contoso.com': { uri: 'sip:eve@contoso.com', name: 'Eve Garcia', availability: 'Busy' },
  },
};

const none = { filter: parseFilter(''), collapsed: new Set<string>(), watched: new Set<string>() };
const keys = (rows: readonly { key: string }[]): string[] => rows.map((r) => r.key);

describe('group order', () => {
  it("lists groups in the list's own order: the engine orders them, the window does not re-sort", () => {
    const reversed: ContactList = { ...LIST, groups: [...LIST.groups].reverse() };
    const headers = buildRowModel(reversed, none).rows.filter((r) => r.type === 'group').map((r) => r.key);
    expect(headers).toEqual(['g:x', 'g:dl', 'g:other', 'g:a', 'g:b', 'g:pin']);
  });
});

describe('buildRowModel', () => {
  it('flattens groups and their known contacts, with positions and counts', () => {
    const model = buildRowModel(LIST, none);
    expect(keys(model.rows)).toEqual([
      'g:pin', 'c:pin:sip:alice@contoso.com',
      'g:b', 'c:b:sip:alice@contoso.com', 'c:b:sip:bob@contoso.com',
      'g:a',
      'g:other', 'c:other:sip:eve@contoso.com',
      'g:dl', 'c:dl:sip:bob@contoso.com',
      'g:x', 'c:x:sip:eve@contoso.com',
    ]);
    const beta = model.rows[2];
    // The unknown member (no contact record yet) is not counted; idle-available counts as available.
    expect(beta).toMatchObject({ type: 'group', shown: 2, total: 2, available: 2, expanded: true, position: 2 });
    expect(model.rows[4]).toMatchObject({ type: 'contact', position: 2, setSize: 2 });
    expect(model).toMatchObject({ groupCount: 6, contactCount: 3, totalContacts: 3 });
  });

  it('hides groups without a match when filtering and counts distinct matching contacts', () => {
    const model = buildRowModel(LIST, { ...none, filter: parseFilter('BOB') });
    expect(keys(model.rows)).toEqual(['g:b', 'c:b:sip:bob@contoso.com', 'g:dl', 'c:dl:sip:bob@contoso.com']);
    expect(model.rows[0]).toMatchObject({ shown: 1, total: 2, position: 1 });
    expect(model).toMatchObject({ groupCount: 2, contactCount: 1, totalContacts: 3 });
  });

  it('matches the SIP address and needs every term', () => {
    expect(buildRowModel(LIST, { ...none, filter: parseFilter('eve@contoso') }).contactCount).toBe(1);
    expect(buildRowModel(LIST, { ...none, filter: parseFilter('alice nguyen') }).contactCount).toBe(0);
    expect(buildRowModel(LIST, { ...none, filter: parseFilter('  ali   smi ') }).contactCount).toBe(1);
  });

  it('keeps a collapsed group header (with its counts) but not its contacts', () => {
    const model = buildRowModel(LIST, { ...none, collapsed: new Set(['b']) });
    expect(keys(model.rows).slice(0, 4)).toEqual(['g:pin', 'c:pin:sip:alice@contoso.com', 'g:b', 'g:a']);
    expect(model.rows[2]).toMatchObject({ expanded: false, shown: 2 });
    expect(model.contactCount).toBe(3);
  });

  it('marks watched contacts in every group they appear in', () => {
    const model = buildRowModel(LIST, { ...none, watched: new Set(['sip:alice@contoso.com']) });
    const watched = model.rows.filter((r) => r.type === 'contact' && r.watched).map((r) => r.key);
    expect(watched).toEqual(['c:pin:sip:alice@contoso.com', 'c:b:sip:alice@contoso.com']);
  });

  it('handles an empty list', () => {
    expect(buildRowModel({ groups: [], contacts: {} }, none)).toEqual({
      rows: [],
      groupCount: 0,
      contactCount: 0,
      totalContacts: 0,
      index: { contactRows: new Map(), groupRows: new Map(), countedIn: new Map() },
    });
  });
});

describe('row navigation helpers', () => {
  const rows = buildRowModel(LIST, none).rows;
  it('finds rows by key', () => {
    expect(indexOfKey(rows, 'g:other')).toBe(6);
    expect(indexOfKey(rows, 'nope')).toBe(-1);
    expect(indexOfKey(rows, null)).toBe(-1);
  });
  it('finds the group a row belongs to', () => {
    expect(parentGroupIndex(rows, 4)).toBe(2);
    expect(parentGroupIndex(rows, 2)).toBe(2);
    expect(parentGroupIndex(rows, 99)).toBe(10);
    expect(parentGroupIndex([], 0)).toBe(-1);
  });
});

describe('patchRowModel', () => {
  const alice = 'sip:alice@contoso.com';
  const presence = (list: ContactList, uri: string, availability: Availability): ContactList => ({
    groups: list.groups,
    contacts: { ...list.contacts, [uri]: { ...list.contacts[uri]!, availability } },
  });

  it('replaces only the touched contact rows and their group headers, keeping every other row', () => {
    const model = buildRowModel(LIST, none);
    const next = presence(LIST, alice, 'Away');
    const patches = diffContactPatches(LIST, next);
    const patched = patchRowModel(model, LIST, next, patches, none);
    expect(patched).toEqual(buildRowModel(next, none));
    const touched = patched.rows.filter((row, i) => row !== model.rows[i]).map((row) => row.key);
    expect(touched.sort()).toEqual(['c:b:sip:alice@contoso.com', 'c:pin:sip:alice@contoso.com', 'g:b', 'g:pin']);
  });

  it('keeps group counts right for collapsed groups and filtered lists', () => {
    const options = { filter: parseFilter('alice'), collapsed: new Set(['pin']), watched: new Set([alice]) };
    const next = presence(LIST, alice, 'Busy');
    const patched = patchRowModel(buildRowModel(LIST, options), LIST, next, diffContactPatches(LIST, next), options);
    expect(patched).toEqual(buildRowModel(next, options));
  });

  it('rebuilds when patches move rows', () => {
    const next: ContactList = { ...LIST, groups: LIST.groups.filter((group) => group.id !== 'pin') };
    const patched = patchRowModel(buildRowModel(LIST, none), LIST, next, diffContactPatches(LIST, next), none);
    expect(patched).toEqual(buildRowModel(next, none));
  });

  it('equals a rebuilt model for any list, any presence changes and any filter', () => {
    fc.assert(
      fc.property(
        contactListArb,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...AVAILABILITIES), fc.option(fc.constantFrom('x', 'y'), { nil: undefined }))),
        fc.constantFrom('', 'ann', 'b', 'zzz'),
        fc.subarray(['g1', 'g2', 'g3']),
        (list, changes, query, collapsed) => {
          const options = { filter: parseFilter(query), collapsed: new Set(collapsed), watched: new Set<string>() };
          const uris = Object.keys(list.contacts);
          let next = list;
          for (const [pick, availability, note] of changes) {
            if (uris.length > 0) next = withPresence(next, uris[pick % uris.length]!, availability, note);
          }
          const patched = patchRowModel(buildRowModel(list, options), list, next, diffContactPatches(list, next), options);
          expect(patched).toEqual(buildRowModel(next, options));
        },
      ),
    );
  });
});
