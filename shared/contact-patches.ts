import type { ContactPatch } from './ipc-contract';
import type { Contact, ContactList, Group } from './models';

function sameUris(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((uri, index) => uri === b[index]);
}

function groupPatches(prev: ContactList, next: ContactList): ContactPatch[] {
  if (prev.groups === next.groups) return [];
  const patches: ContactPatch[] = [];
  const prevGroups = new Map(prev.groups.map((group) => [group.id, group]));
  const nextIds = new Set(next.groups.map((group) => group.id));
  for (const group of prev.groups) {
    if (!nextIds.has(group.id)) patches.push({ kind: 'groupRemoved', groupId: group.id });
  }
  next.groups.forEach((group, index) => {
    const before = prevGroups.get(group.id);
    if (!before || before.kind !== group.kind) patches.push({ kind: 'groupAdded', group, index });
    else if (before.name !== group.name) patches.push({ kind: 'groupRenamed', groupId: group.id, name: group.name });
  });
  // Inserting the new groups at their final indexes keeps the others' order; only a real move needs more.
  const kept = prev.groups.filter((group) => nextIds.has(group.id)).map((group) => group.id);
  const shared = next.groups.filter((group) => prevGroups.has(group.id)).map((group) => group.id);
  if (!sameUris(kept, shared)) patches.push({ kind: 'groupsReordered', groupIds: next.groups.map((group) => group.id) });
  for (const group of next.groups) {
    const before = prevGroups.get(group.id);
    if (before && before.kind === group.kind && !sameUris(before.contactUris, group.contactUris)) {
      patches.push({ kind: 'membershipChanged', groupId: group.id, contactUris: group.contactUris });
    }
  }
  return patches;
}

function contactPatches(prev: ContactList, next: ContactList): ContactPatch[] {
  if (prev.contacts === next.contacts) return [];
  // One pass over the new records without per-entry allocations: a presence change in a list of
  // thousands runs this for every answered batch at sign-in.
  const changes: ContactPatch[] = [];
  let kept = 0;
  for (const uri in next.contacts) {
    const contact = next.contacts[uri] as Contact;
    const before = prev.contacts[uri];
    if (before !== undefined) kept += 1;
    if (before === contact) continue;
    if (!before || before.name !== contact.name || before.uri !== contact.uri) {
      changes.push({ kind: 'contactAdded', contact });
      continue;
    }
    if (before.availability !== contact.availability) changes.push({ kind: 'presenceChanged', uri, availability: contact.availability });
    if (before.note !== contact.note) changes.push({ kind: 'noteChanged', uri, note: contact.note ?? null });
  }
  if (kept === Object.keys(prev.contacts).length) return changes;
  const removals: ContactPatch[] = [];
  for (const uri in prev.contacts) {
    if (!(uri in next.contacts)) removals.push({ kind: 'contactRemoved', uri });
  }
  return [...removals, ...changes];
}

/**
 * The patches that turn `prev` into `next`, in this order: group removals, additions and renames
 * (in the new group order), a reorder if one is needed, membership, then contact records (removals,
 * additions, presence and notes). Equal lists give no patches; unchanged records are not compared
 * field by field when the reference is the same, which is the common case for a presence change.
 */
export function diffContactPatches(prev: ContactList, next: ContactList): ContactPatch[] {
  if (prev === next) return [];
  return [...groupPatches(prev, next), ...contactPatches(prev, next)];
}

function withContact(contacts: Record<string, Contact>, uri: string, update: (contact: Contact) => Contact): void {
  const contact = contacts[uri];
  if (contact) contacts[uri] = update(contact);
}

function applyGroupPatch(groups: Group[], patch: ContactPatch): Group[] {
  switch (patch.kind) {
    case 'groupAdded': {
      const rest = groups.filter((group) => group.id !== patch.group.id);
      return [...rest.slice(0, patch.index), patch.group, ...rest.slice(patch.index)];
    }
    case 'groupRenamed':
      return groups.map((group) => (group.id === patch.groupId ? { ...group, name: patch.name } : group));
    case 'groupRemoved':
      return groups.filter((group) => group.id !== patch.groupId);
    case 'membershipChanged':
      return groups.map((group) => (group.id === patch.groupId ? { ...group, contactUris: patch.contactUris } : group));
    case 'groupsReordered': {
      const byId = new Map(groups.map((group) => [group.id, group]));
      return patch.groupIds.map((id) => byId.get(id)).filter((group): group is Group => group !== undefined);
    }
    default:
      return groups;
  }
}

function applyContactPatch(contacts: Record<string, Contact>, patch: ContactPatch): void {
  switch (patch.kind) {
    case 'presenceChanged':
      withContact(contacts, patch.uri, (contact) => ({ ...contact, availability: patch.availability }));
      break;
    case 'noteChanged':
      withContact(contacts, patch.uri, (contact) => {
        const { note: _dropped, ...rest } = contact;
        return patch.note === null ? rest : { ...rest, note: patch.note };
      });
      break;
    case 'contactAdded':
      contacts[patch.contact.uri] = patch.contact;
      break;
    case 'contactRemoved':
      Reflect.deleteProperty(contacts, patch.uri);
      break;
    default:
      break;
  }
}

const CONTACT_KINDS: ReadonlySet<ContactPatch['kind']> = new Set(['presenceChanged', 'noteChanged', 'contactAdded', 'contactRemoved']);

/**
 * Applies patches in order and returns the new list; `list` is not changed. Untouched groups and
 * contact records keep their identity, so a view can tell what changed by reference. A patch for a
 * group or contact the list does not have changes nothing.
 */
export function applyContactPatches(list: ContactList, patches: readonly ContactPatch[]): ContactList {
  if (patches.length === 0) return list;
  let groups: Group[] | null = null;
  let contacts: Record<string, Contact> | null = null;
  for (const patch of patches) {
    if (CONTACT_KINDS.has(patch.kind)) {
      contacts ??= { ...list.contacts };
      applyContactPatch(contacts, patch);
    } else {
      groups = applyGroupPatch(groups ?? [...list.groups], patch);
    }
  }
  return { groups: groups ?? list.groups, contacts: contacts ?? list.contacts };
}

/** True when every patch only changes a contact's presence or note: group rows and row order stay as they are. */
export function isPresenceOnly(patches: readonly ContactPatch[]): boolean {
  return patches.every((patch) => patch.kind === 'presenceChanged' || patch.kind === 'noteChanged');
}
