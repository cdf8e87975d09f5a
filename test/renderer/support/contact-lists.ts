import { READABLE_AVAILABILITIES } from '../../../shared/availability';
import { sortGroups } from '../../../main/core/state/group-order';
import type { Contact, ContactList, Group, GroupKind } from '../../../shared/models';

const FIRST = ['Alice', 'Bob', 'Chen', 'Dana', 'Emeka', 'Fatima', 'Gustav', 'Hana', 'Ivan', 'Jun', 'Kofi', 'Lena'];
const LAST = ['Smith', 'Nguyen', 'Garcia', 'Okafor', 'Larsen', 'Tanaka', 'Novak', 'Haddad', 'Rossi', 'Kim'];

/**
 * A large deterministic list: `groupCount` groups sharing `contactCount` contacts round-robin, every
 * contact in exactly one group, groups in the engine's order. Used for the virtualization check (200
 * groups / 5,000 contacts).
 */
export function largeContactList(groupCount: number, contactCount: number): ContactList {
  const contacts: Record<string, Contact> = {};
  const members: string[][] = Array.from({ length: groupCount }, () => []);
  for (let i = 0; i < contactCount; i += 1) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const uri = `sip:user${i}@contoso.com`;
    contacts[uri] = {
      uri,
      name: `${first} ${last} ${i}`,
      availability: READABLE_AVAILABILITIES[i % READABLE_AVAILABILITIES.length]!,
    };
    members[i % groupCount]!.push(uri);
  }
  const kinds: GroupKind[] = ['personal', 'personal', 'distribution', 'personal'];
  const groups: Group[] = members.map((contactUris, g) => ({
    id: `group-${g}`,
    name: `Team ${String(g).padStart(3, '0')}`,
    kind: g === 0 ? 'pinned' : g === 1 ? 'default' : kinds[g % kinds.length]!,
    contactUris,
  }));
  return { groups: sortGroups(groups), contacts };
}
