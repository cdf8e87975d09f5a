import type { Contact, ContactList, Group, GroupKind } from '../../../shared/models';
import { contactMatches, isEmptyFilter, type ContactFilter } from './contact-filter';

/** The order the window lists group kinds in. */
export const GROUP_KIND_ORDER: readonly GroupKind[] = ['pinned', 'personal', 'default', 'distribution', 'other'];

/** A group header line in the flattened, virtualized list. */
export interface GroupRow {
  readonly type: 'group';
  /** Unique and stable across renders (used to keep focus on the same row). */
  readonly key: string;
  readonly group: Group;
  /** Contacts in the group that pass the filter. */
  readonly shown: number;
  /** Contacts in the group. */
  readonly total: number;
  /** Shown contacts that are Available (or idle-available). */
  readonly available: number;
  readonly expanded: boolean;
  /** 1-based position among the visible groups, for aria-posinset. */
  readonly position: number;
}

/** A contact line under its group. A contact in two groups appears twice, with different keys. */
export interface ContactRow {
  readonly type: 'contact';
  readonly key: string;
  readonly groupId: string;
  readonly contact: Contact;
  readonly watched: boolean;
  /** 1-based position within its group, and the group's shown count, for aria-posinset/setsize. */
  readonly position: number;
  readonly setSize: number;
}

export type Row = GroupRow | ContactRow;

export interface RowModel {
  readonly rows: readonly Row[];
  /** Groups listed (after hiding groups with no match). */
  readonly groupCount: number;
  /** Distinct contacts that pass the filter. */
  readonly contactCount: number;
  /** Distinct contacts in the whole list. */
  readonly totalContacts: number;
}

export interface RowModelOptions {
  readonly filter: ContactFilter;
  /** Ids of groups the user collapsed. */
  readonly collapsed: ReadonlySet<string>;
  /** URIs of contacts with "tell me when available" on. */
  readonly watched: ReadonlySet<string>;
}

/** Sorts groups by kind (pinned, personal, default, distribution, other), keeping server order within a kind. */
export function orderGroups(groups: readonly Group[]): Group[] {
  const rank = (kind: GroupKind): number => {
    const index = GROUP_KIND_ORDER.indexOf(kind);
    return index < 0 ? GROUP_KIND_ORDER.length : index;
  };
  // Array.prototype.sort is stable, so server order survives within a kind.
  return [...groups].sort((a, b) => rank(a.kind) - rank(b.kind));
}

function isAvailableNow(contact: Contact): boolean {
  return contact.availability === 'Online' || contact.availability === 'IdleOnline';
}

/**
 * Flattens the contact list into the rows the virtualized tree draws: a header per group followed by
 * its matching contacts (unless collapsed). With a filter, groups with no matching contact are left out.
 * Members the list has no contact record for are skipped (the server may list a member before its
 * details arrive).
 */
export function buildRowModel(list: ContactList, options: RowModelOptions): RowModel {
  const filtering = !isEmptyFilter(options.filter);
  const rows: Row[] = [];
  const matchedUris = new Set<string>();
  let groupCount = 0;
  for (const group of orderGroups(list.groups)) {
    const members: Contact[] = [];
    let total = 0;
    for (const uri of group.contactUris) {
      const contact = list.contacts[uri];
      if (!contact) continue;
      total += 1;
      if (contactMatches(contact, options.filter)) members.push(contact);
    }
    if (filtering && members.length === 0) continue;
    groupCount += 1;
    const expanded = !options.collapsed.has(group.id);
    rows.push({
      type: 'group',
      key: `g:${group.id}`,
      group,
      shown: members.length,
      total,
      available: members.filter(isAvailableNow).length,
      expanded,
      position: groupCount,
    });
    members.forEach((contact, index) => {
      matchedUris.add(contact.uri);
      if (!expanded) return;
      rows.push({
        type: 'contact',
        key: `c:${group.id}:${contact.uri}`,
        groupId: group.id,
        contact,
        watched: options.watched.has(contact.uri),
        position: index + 1,
        setSize: members.length,
      });
    });
  }
  return {
    rows,
    groupCount,
    contactCount: matchedUris.size,
    totalContacts: Object.keys(list.contacts).length,
  };
}

/** Index of the row with `key`, or -1. */
export function indexOfKey(rows: readonly Row[], key: string | null): number {
  if (key === null) return -1;
  return rows.findIndex((row) => row.key === key);
}

/** Index of the group header a row belongs to (the row itself for a header), or -1. */
export function parentGroupIndex(rows: readonly Row[], index: number): number {
  for (let i = Math.min(index, rows.length - 1); i >= 0; i -= 1) {
    if (rows[i]?.type === 'group') return i;
  }
  return -1;
}
