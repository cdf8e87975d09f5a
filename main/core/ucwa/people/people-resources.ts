import { toAvailability, type Availability } from '../../../../shared/availability';
import type { Contact, Group } from '../../../../shared/models';
import { groupKindOfRel } from '../../state/group-order';
import { embedded, isJsonObject, link, links, pickLinks, requireObject, stringProp } from '../hal';

/**
 * Typed views of the people resources (ucwa-protocol.md §6), parsed at the boundary. Entries that
 * do not fit (no `uri`, not an object) are skipped rather than failing the whole list; a top-level
 * answer that is not a JSON object is a `malformed` UcwaError. Every href is absolute.
 */

/** Rels under which myGroups embeds groups (§6.2): singles and arrays alike. */
export const GROUP_RELS = [
  'pinnedGroup',
  'group',
  'defaultGroup',
  'distributionGroup',
  'delegatesGroup',
  'delegatorsGroup',
  'myOrganizationGroup',
] as const;

export function isGroupRel(rel: string | undefined): boolean {
  return rel !== undefined && (GROUP_RELS as readonly string[]).includes(rel);
}

/** A group with the links we follow. `group.contactUris` is empty until its groupContacts is read. */
export interface GroupResource {
  readonly group: Group;
  readonly self: string | undefined;
  readonly groupContacts: string | undefined;
}

export interface ContactResource {
  readonly contact: Contact;
  readonly self: string | undefined;
  readonly contactPresence: string | undefined;
  readonly contactNote: string | undefined;
}

/** Reads a group resource; `rel` comes from the resource itself or from where it was embedded. */
export function parseGroup(body: unknown, url: string, relHint?: string): GroupResource | undefined {
  if (!isJsonObject(body)) return undefined;
  const own = links(body, url);
  const id = stringProp(body, 'id') ?? own['self'];
  if (id === undefined) return undefined;
  const rel = stringProp(body, 'rel') ?? relHint ?? 'group';
  const group: Group = { id, name: stringProp(body, 'name') ?? '', kind: groupKindOfRel(rel), contactUris: [] };
  return { group, self: own['self'], groupContacts: own['groupContacts'] };
}

/** Reads myGroups: every embedded group of every kind, pinned/default singles and arrays alike. */
export function parseMyGroups(body: unknown, url: string): GroupResource[] {
  requireObject(body, 'group list');
  const groups: GroupResource[] = [];
  for (const rel of GROUP_RELS) {
    for (const item of asList(embedded(body, rel))) {
      const group = parseGroup(item, url, rel);
      if (group) groups.push(group);
    }
  }
  return groups;
}

/** The links of a contact the list follows. */
const CONTACT_LINKS = ['self', 'contactPresence', 'contactNote'] as const;

/** Reads a contact; presence is `Unknown` until its contactPresence is read. */
export function parseContact(body: unknown, url: string): ContactResource | undefined {
  if (!isJsonObject(body)) return undefined;
  const uri = stringProp(body, 'uri');
  if (uri === undefined || uri === '') return undefined;
  const own = pickLinks(body, CONTACT_LINKS, url);
  return {
    contact: { uri, name: stringProp(body, 'name') ?? uri, availability: 'Unknown' },
    self: own['self'],
    contactPresence: own['contactPresence'],
    contactNote: own['contactNote'],
  };
}

/** Reads groupContacts / myContacts (`_embedded.contact`, one object or an array). */
export function parseContacts(body: unknown, url: string): ContactResource[] {
  requireObject(body, 'contact list');
  return asList(embedded(body, 'contact')).flatMap((item) => {
    const contact = parseContact(item, url);
    return contact ? [contact] : [];
  });
}

/** Reads contactPresence; an unexpected value becomes `Unknown`, not an error. */
export function parseContactPresence(body: unknown): Availability {
  return toAvailability(requireObject(body, 'contact presence')['availability']);
}

/** Reads contactNote's message; no message means no note (''). */
export function parseContactNote(body: unknown): string {
  return stringProp(requireObject(body, 'contact note'), 'message') ?? '';
}

/** The links of a presenceSubscription we keep using. */
export interface PresenceSubscriptionLinks {
  readonly self: string;
  readonly addToPresenceSubscription: string | undefined;
}

export function parsePresenceSubscription(body: unknown, url: string): PresenceSubscriptionLinks {
  const resource = requireObject(body, 'presence subscription');
  const self = link(resource, 'self', url) ?? url;
  return { self, addToPresenceSubscription: link(resource, 'addToPresenceSubscription', url) };
}

/** The start/refresh link of myContactsAndGroupsSubscription (seed 002). */
export function parseContactsSubscription(body: unknown, url: string): string | undefined {
  return link(requireObject(body, 'contacts subscription'), 'startOrRefreshSubscriptionToContactsAndGroups', url);
}

function asList(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}
