import type { Change, ContactList, Group } from '../../../shared/models';

/**
 * What changed between two contact lists, as change-feed entries stamped `at`.
 * Order: group removals, additions and renames, then membership (removals before additions), then
 * presence. A whole group added or removed is one change, not one per member. Presence learned
 * for the first time (`Unknown` → a value) is not a change.
 */
export function diffContactLists(prev: ContactList, next: ContactList, at: number): Change[] {
  const changes: Change[] = [];
  const prevGroups = new Map(prev.groups.map((group) => [group.id, group]));
  const nextGroups = new Map(next.groups.map((group) => [group.id, group]));
  const name = (list: ContactList, uri: string): string => list.contacts[uri]?.name ?? uri;

  for (const group of prev.groups) {
    if (!nextGroups.has(group.id)) changes.push({ kind: 'groupRemoved', at, group: group.name });
  }
  for (const group of next.groups) {
    const before = prevGroups.get(group.id);
    if (!before) changes.push({ kind: 'groupAdded', at, group: group.name });
    else if (before.name !== group.name) {
      changes.push({ kind: 'groupRenamed', at, group: group.name, previousGroup: before.name });
    }
  }
  const shared = next.groups
    .map((group): [Group, Group | undefined] => [group, prevGroups.get(group.id)])
    .filter((pair): pair is [Group, Group] => pair[1] !== undefined);
  for (const [after, before] of shared) {
    const now = new Set(after.contactUris);
    for (const uri of before.contactUris) {
      if (!now.has(uri)) changes.push({ kind: 'contactRemoved', at, group: after.name, contact: name(prev, uri), contactUri: uri });
    }
  }
  for (const [after, before] of shared) {
    const then = new Set(before.contactUris);
    for (const uri of after.contactUris) {
      if (!then.has(uri)) changes.push({ kind: 'contactAdded', at, group: after.name, contact: name(next, uri), contactUri: uri });
    }
  }
  for (const [uri, contact] of Object.entries(next.contacts)) {
    const before = prev.contacts[uri];
    if (before && before.availability !== contact.availability && before.availability !== 'Unknown') {
      changes.push({ kind: 'contactPresenceChanged', at, contact: contact.name, contactUri: uri, availability: contact.availability });
    }
  }
  return changes;
}
