import { diffContactPatches } from '../../../shared/contact-patches';
import type { ContactPatch } from '../../../shared/ipc-contract';
import type { Change, ContactList, Group } from '../../../shared/models';

type Pick<K extends ContactPatch['kind']> = Extract<ContactPatch, { kind: K }>;

function ofKind<K extends ContactPatch['kind']>(patches: readonly ContactPatch[], kind: K): Pick<K>[] {
  return patches.filter((patch): patch is Pick<K> => patch.kind === kind);
}

function groupChanges(prev: ContactList, patches: readonly ContactPatch[], at: number): Change[] {
  const prevGroups = new Map(prev.groups.map((group) => [group.id, group]));
  const changes: Change[] = [];
  for (const patch of patches) {
    if (patch.kind === 'groupRemoved') {
      changes.push({ kind: 'groupRemoved', at, group: prevGroups.get(patch.groupId)?.name ?? patch.groupId });
    } else if (patch.kind === 'groupAdded' && !prevGroups.has(patch.group.id)) {
      changes.push({ kind: 'groupAdded', at, group: patch.group.name });
    } else if (patch.kind === 'groupRenamed') {
      changes.push({ kind: 'groupRenamed', at, group: patch.name, previousGroup: prevGroups.get(patch.groupId)?.name ?? patch.groupId });
    }
  }
  return changes;
}

function membershipChanges(prev: ContactList, next: ContactList, patches: readonly ContactPatch[], at: number): Change[] {
  const prevGroups = new Map(prev.groups.map((group) => [group.id, group]));
  const nextGroups = new Map(next.groups.map((group) => [group.id, group]));
  const name = (list: ContactList, uri: string): string => list.contacts[uri]?.name ?? uri;
  const pairs = ofKind(patches, 'membershipChanged')
    .map((patch): [Group | undefined, Group | undefined] => [prevGroups.get(patch.groupId), nextGroups.get(patch.groupId)])
    .filter((pair): pair is [Group, Group] => pair[0] !== undefined && pair[1] !== undefined);
  const changes: Change[] = [];
  for (const [before, after] of pairs) {
    const now = new Set(after.contactUris);
    for (const uri of before.contactUris) {
      if (!now.has(uri)) changes.push({ kind: 'contactRemoved', at, group: after.name, contact: name(prev, uri), contactUri: uri });
    }
  }
  for (const [before, after] of pairs) {
    const then = new Set(before.contactUris);
    for (const uri of after.contactUris) {
      if (!then.has(uri)) changes.push({ kind: 'contactAdded', at, group: after.name, contact: name(next, uri), contactUri: uri });
    }
  }
  return changes;
}

/**
 * What changed between two contact lists, as change-feed entries stamped `at`: the list's patches
 * (`diffContactPatches`) worded for people.
 * Order: group removals, additions and renames, then membership (removals before additions), then
 * presence. A whole group added or removed is one change, not one per member. Presence learned
 * for the first time (`Unknown` → a value) is not a change.
 */
export function diffContactLists(prev: ContactList, next: ContactList, at: number): Change[] {
  const patches = diffContactPatches(prev, next);
  // A renamed contact comes as a whole record; its presence may have changed too.
  const presence = patches.flatMap((patch): Change[] => {
    if (patch.kind !== 'presenceChanged' && patch.kind !== 'contactAdded') return [];
    const uri = patch.kind === 'presenceChanged' ? patch.uri : patch.contact.uri;
    const before = prev.contacts[uri];
    const contact = next.contacts[uri];
    if (!before || !contact || before.availability === 'Unknown' || before.availability === contact.availability) return [];
    return [{ kind: 'contactPresenceChanged', at, contact: contact.name, contactUri: uri, availability: contact.availability }];
  });
  return [...groupChanges(prev, patches, at), ...membershipChanges(prev, next, patches, at), ...presence];
}
