import type { Contact, ContactList, Group } from '../../../shared/models';
import { sortGroups } from './group-order';
import type { PeopleAction, StatusUpdate } from './people-action';

/**
 * Pure reducer for `scan`: applies one people action to the contact list. Returns the same object
 * when nothing changed, so `distinctUntilChanged()` drops no-op updates.
 *
 * Invariants kept: groups sorted by kind (pinned, personal, default, distribution, other); a contact
 * exists in `contacts` exactly while some group lists it; a contact whose presence we have not read
 * yet (`Unknown`) keeps the availability we already knew.
 */
export function reduceContactList(list: ContactList, action: PeopleAction): ContactList {
  switch (action.type) {
    case 'listLoaded':
      return normalize(action.list.groups, mergeContacts(list.contacts, Object.values(action.list.contacts)));
    case 'groupUpserted': {
      const exists = list.groups.some((group) => group.id === action.group.id);
      const groups = exists
        ? list.groups.map((group) => (group.id === action.group.id ? action.group : group))
        : [...list.groups, action.group];
      return normalize(groups, mergeContacts(list.contacts, action.contacts));
    }
    case 'groupRemoved':
      if (!list.groups.some((group) => group.id === action.groupId)) return list;
      return normalize(
        list.groups.filter((group) => group.id !== action.groupId),
        list.contacts,
      );
    case 'contactAdded': {
      const target = list.groups.find((group) => group.id === action.groupId);
      if (!target) return list;
      const known = list.contacts[action.contact.uri];
      const merged = mergeContact(known, action.contact);
      if (target.contactUris.includes(action.contact.uri) && known === merged) return list;
      const groups = list.groups.map((group) =>
        group === target && !group.contactUris.includes(action.contact.uri)
          ? { ...group, contactUris: [...group.contactUris, action.contact.uri] }
          : group,
      );
      return normalize(groups, { ...list.contacts, [merged.uri]: merged });
    }
    case 'contactRemoved': {
      const target = list.groups.find((group) => group.id === action.groupId);
      if (!target?.contactUris.includes(action.uri)) return list;
      const groups = list.groups.map((group) =>
        group === target ? { ...group, contactUris: group.contactUris.filter((uri) => uri !== action.uri) } : group,
      );
      return normalize(groups, list.contacts);
    }
    case 'presenceChanged': {
      const contact = list.contacts[action.uri];
      if (!contact) return list;
      const note = action.note ?? contact.note;
      if (contact.availability === action.availability && contact.note === note) return list;
      const updated: Contact =
        note === undefined ? { uri: contact.uri, name: contact.name, availability: action.availability } : { ...contact, availability: action.availability, note };
      return { groups: list.groups, contacts: { ...list.contacts, [action.uri]: updated } };
    }
    case 'noteChanged': {
      const contact = list.contacts[action.uri];
      if (!contact || (contact.note ?? '') === action.note) return list;
      return { groups: list.groups, contacts: { ...list.contacts, [action.uri]: withNote(contact, action.note) } };
    }
    case 'statusRead':
      return withStatus(list, action.updates);
  }
}

function withNote(contact: Contact, note: string): Contact {
  const { note: _old, ...rest } = contact;
  return note === '' ? rest : { ...rest, note };
}

/** Applies read statuses with one copy of the contact map; groups and untouched records keep their identity. */
function withStatus(list: ContactList, updates: readonly StatusUpdate[]): ContactList {
  let contacts: Record<string, Contact> | undefined;
  for (const update of updates) {
    const contact = (contacts ?? list.contacts)[update.uri];
    if (!contact) continue;
    let updated = contact;
    if ('availability' in update) {
      if (contact.availability !== update.availability) updated = { ...contact, availability: update.availability };
    } else if ((contact.note ?? '') !== update.note) {
      updated = withNote(contact, update.note);
    }
    if (updated === contact) continue;
    contacts ??= { ...list.contacts };
    contacts[update.uri] = updated;
  }
  return contacts === undefined ? list : { groups: list.groups, contacts };
}

/** Keeps what we knew about a contact when the fresh copy has no presence yet. */
function mergeContact(known: Contact | undefined, fresh: Contact): Contact {
  if (!known) return fresh;
  const merged: Contact =
    fresh.availability === 'Unknown'
      ? { ...fresh, availability: known.availability, ...(known.note === undefined || fresh.note !== undefined ? {} : { note: known.note }) }
      : fresh;
  return sameContact(known, merged) ? known : merged;
}

function mergeContacts(known: Readonly<Record<string, Contact>>, fresh: readonly Contact[]): Record<string, Contact> {
  const contacts: Record<string, Contact> = { ...known };
  for (const contact of fresh) contacts[contact.uri] = mergeContact(known[contact.uri], contact);
  return contacts;
}

function sameContact(a: Contact, b: Contact): boolean {
  return a.uri === b.uri && a.name === b.name && a.availability === b.availability && a.note === b.note;
}

/** Sorts groups, de-duplicates members and drops contacts no group lists any more. */
function normalize(groups: readonly Group[], contacts: Readonly<Record<string, Contact>>): ContactList {
  const sorted = sortGroups(
    groups.map((group) => {
      const unique = [...new Set(group.contactUris)];
      return unique.length === group.contactUris.length ? group : { ...group, contactUris: unique };
    }),
  );
  const listed = new Set(sorted.flatMap((group) => group.contactUris));
  const kept: Record<string, Contact> = {};
  for (const uri of listed) {
    const contact = contacts[uri];
    if (contact) kept[uri] = contact;
  }
  return { groups: sorted, contacts: kept };
}
