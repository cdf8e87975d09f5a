import fc from 'fast-check';
import { READABLE_AVAILABILITIES, type Availability } from '../../../shared/availability';
import type { Contact, ContactList, Group, GroupKind } from '../../../shared/models';

const URIS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((name) => `sip:${name}@contoso.com`);
const GROUP_IDS = ['g1', 'g2', 'g3', 'g4', 'g5'];
const KINDS: readonly GroupKind[] = ['pinned', 'personal', 'default', 'distribution', 'other'];
const AVAILABILITIES: readonly Availability[] = [...READABLE_AVAILABILITIES, 'Unknown'];

const contactFor = (uri: string): fc.Arbitrary<Contact> =>
  fc
    .record({
      name: fc.constantFrom('Ann', 'Bob', 'Cy', 'Dee'),
      availability: fc.constantFrom(...AVAILABILITIES),
      note: fc.option(fc.constantFrom('lunch', 'in a meeting', ''), { nil: undefined }),
    })
    .map(({ name, availability, note }) => (note === undefined ? { uri, name, availability } : { uri, name, availability, note }));

/** Small contact lists over a shared pool of ids and URIs, so two of them overlap in every way. */
export const contactListArb: fc.Arbitrary<ContactList> = fc
  .record({
    uris: fc.subarray(URIS),
    groupIds: fc.shuffledSubarray(GROUP_IDS),
  })
  .chain(({ uris, groupIds }) =>
    fc.record({
      contacts: fc.tuple(...uris.map(contactFor)).map((list) => Object.fromEntries(list.map((c) => [c.uri, c]))),
      groups: fc.tuple(
        ...groupIds.map((id) =>
          fc.record({
            id: fc.constant(id),
            name: fc.constantFrom('Team', 'Falcon', 'Lunch'),
            kind: fc.constantFrom(...KINDS),
            // Members may lack a contact record: the server lists them before their details.
            contactUris: fc.shuffledSubarray(URIS),
          }) as fc.Arbitrary<Group>,
        ),
      ),
    }),
  );

/** `list` with one contact's presence (and maybe note) changed, as a presence event does it. */
export function withPresence(list: ContactList, uri: string, availability: Availability, note?: string): ContactList {
  const contact = list.contacts[uri];
  if (!contact) return list;
  const next: Contact = note === undefined ? { ...contact, availability } : { ...contact, availability, note };
  return { groups: list.groups, contacts: { ...list.contacts, [uri]: next } };
}

export { AVAILABILITIES };
