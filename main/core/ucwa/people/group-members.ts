import type { Membership } from './contact-list-management';
import type { ContactResource, GroupResource } from './people-resources';

/** A group and its members as read. */
export interface GroupMembers {
  readonly group: GroupResource;
  readonly contacts: ContactResource[];
}

/**
 * Whether myGroupMemberships lists the group's members: it pairs contacts with the user's own
 * groups only. A distribution list's members (and those of any kind a server may treat apart) are
 * read from the group's groupContacts.
 */
export function listedByMemberships(group: GroupResource): boolean {
  const kind = group.group.kind;
  return kind === 'personal' || kind === 'default' || kind === 'pinned';
}

/**
 * The members of the groups `listedByMemberships`, joined from myGroupMemberships and myContacts,
 * in the memberships' order. The three reads run side by side, so a change made between them can
 * leave a membership naming a contact or group another read did not list: it is skipped, and the
 * subscription's event for that change re-reads the group. Hrefs compare case-insensitively, as
 * UCWA paths do.
 */
export function joinMemberships(
  groups: readonly GroupResource[],
  memberships: readonly Membership[],
  contacts: readonly ContactResource[],
): Map<GroupResource, ContactResource[]> {
  const contactsByHref = new Map<string, ContactResource>();
  for (const contact of contacts) if (contact.self !== undefined) contactsByHref.set(hrefKey(contact.self), contact);
  const members = new Map<string, { group: GroupResource; contacts: ContactResource[]; uris: Set<string> }>();
  for (const group of groups) {
    if (group.self !== undefined && listedByMemberships(group)) members.set(hrefKey(group.self), { group, contacts: [], uris: new Set() });
  }
  for (const membership of memberships) {
    if (membership.group === undefined || membership.contact === undefined) continue;
    const entry = members.get(hrefKey(membership.group));
    const contact = contactsByHref.get(hrefKey(membership.contact));
    if (entry === undefined || contact === undefined || entry.uris.has(contact.contact.uri)) continue;
    entry.uris.add(contact.contact.uri);
    entry.contacts.push(contact);
  }
  return new Map([...members.values()].map(({ group, contacts: list }) => [group, list]));
}

function hrefKey(href: string): string {
  return href.toLowerCase();
}
