import { isPresenceOnly } from '../../../shared/contact-patches';
import type { ContactPatch } from '../../../shared/ipc-contract';
import type { Contact, ContactList, Group } from '../../../shared/models';
import { contactMatches, isEmptyFilter, type ContactFilter } from './contact-filter';

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
  /** Where each contact's rows are, so a presence patch touches only them. */
  readonly index: RowIndex;
}

/** Row positions by contact and group, built with the rows. */
export interface RowIndex {
  /** Indexes of a contact's rows (one per expanded group it is shown in). */
  readonly contactRows: ReadonlyMap<string, readonly number[]>;
  /** Index of each listed group's header row. */
  readonly groupRows: ReadonlyMap<string, number>;
  /** The listed groups a contact is counted in (it passed the filter there), once per membership. */
  readonly countedIn: ReadonlyMap<string, readonly string[]>;
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface RowModelOptions {
  readonly filter: ContactFilter;
  /** Ids of groups the user collapsed. */
  readonly collapsed: ReadonlySet<string>;
  /** URIs of contacts with "tell me when available" on. */
  readonly watched: ReadonlySet<string>;
}

function isAvailableNow(contact: Contact): boolean {
  return contact.availability === 'Online' || contact.availability === 'IdleOnline';
}

/**
 * Flattens the contact list into the rows the virtualized tree draws: a header per group followed by
 * its matching contacts (unless collapsed), groups in the list's own order (the engine orders them,
 * in one place). With a filter, groups with no matching contact are left out.
 * Members the list has no contact record for are skipped (the server may list a member before its
 * details arrive).
 */
export function buildRowModel(list: ContactList, options: RowModelOptions): RowModel {
  const filtering = !isEmptyFilter(options.filter);
  const rows: Row[] = [];
  const contactRows = new Map<string, number[]>();
  const groupRows = new Map<string, number>();
  const countedIn = new Map<string, string[]>();
  let groupCount = 0;
  for (const group of list.groups) {
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
    groupRows.set(group.id, rows.length);
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
      pushTo(countedIn, contact.uri, group.id);
      if (!expanded) return;
      pushTo(contactRows, contact.uri, rows.length);
      rows.push(contactRow(group.id, contact, options, index + 1, members.length));
    });
  }
  return {
    rows,
    groupCount,
    contactCount: countedIn.size,
    totalContacts: Object.keys(list.contacts).length,
    index: { contactRows, groupRows, countedIn },
  };
}

function contactRow(groupId: string, contact: Contact, options: RowModelOptions, position: number, setSize: number): ContactRow {
  return {
    type: 'contact',
    key: `c:${groupId}:${contact.uri}`,
    groupId,
    contact,
    watched: options.watched.has(contact.uri),
    position,
    setSize,
  };
}

function availableDelta(before: Contact | undefined, after: Contact): number {
  const was = before !== undefined && isAvailableNow(before);
  return Number(isAvailableNow(after)) - Number(was);
}

/**
 * The row model for `next`, given the model built for `prev` and the patches between them. Presence
 * and note patches replace only the touched contacts' rows and their groups' header rows (every
 * other row keeps its identity, so the tree redraws just those); anything that moves rows (groups,
 * membership, contact records) rebuilds the model. Filtering is by name and address, so presence
 * never changes which rows are listed.
 */
export function patchRowModel(
  model: RowModel,
  prev: ContactList,
  next: ContactList,
  patches: readonly ContactPatch[],
  options: RowModelOptions,
): RowModel {
  if (!isPresenceOnly(patches)) return buildRowModel(next, options);
  const rows = model.rows.slice();
  const uris = new Set(patches.map((patch) => ('uri' in patch ? patch.uri : '')));
  for (const uri of uris) {
    const contact = next.contacts[uri];
    if (!contact) continue;
    for (const at of model.index.contactRows.get(uri) ?? []) {
      const row = rows[at];
      if (row?.type === 'contact') rows[at] = { ...row, contact };
    }
    const delta = availableDelta(prev.contacts[uri], contact);
    if (delta === 0) continue;
    for (const groupId of model.index.countedIn.get(uri) ?? []) {
      const at = model.index.groupRows.get(groupId);
      const row = at === undefined ? undefined : rows[at];
      if (at !== undefined && row?.type === 'group') rows[at] = { ...row, available: row.available + delta };
    }
  }
  return { ...model, rows };
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
