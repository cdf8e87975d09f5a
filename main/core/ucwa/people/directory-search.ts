import type { DirectoryContact, DirectoryGroup, SearchResult } from '../../../../shared/models';
import { embedded, isJsonObject, links, requireObject, stringProp, type JsonObject } from '../hal';

/**
 * `people/search` and `expandDistributionGroup` answers (ucwa-protocol.md §6.8, §6.2) as typed
 * values. Entries without a `uri` are skipped; an answer that is not a JSON object is `malformed`.
 */

/** Longest query the server accepts (search_ref). */
export const MAX_QUERY_LENGTH = 256;
/** The server's bounds for `limit` (search_ref). */
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 100;

/** `limit` as the server accepts it: a whole number from 1 to 100. */
export function clampLimit(limit: number): number {
  if (!Number.isFinite(limit)) return MAX_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(MIN_LIMIT, Math.round(limit)));
}

/** A distribution group with the links the engine follows later. */
export interface DistributionGroupResource {
  readonly group: DirectoryGroup;
  readonly expand: string | undefined;
  readonly addToContactList: string | undefined;
}

/** A directory contact with its own href (to read the contact card from). */
export interface DirectoryContactResource {
  readonly contact: DirectoryContact;
  readonly self: string | undefined;
  /** Its `contactPresence` href, to read the availability a search shows. */
  readonly presence: string | undefined;
}

function listOf(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

const optional = (body: JsonObject, name: string): Record<string, string> => {
  const value = stringProp(body, name);
  return value === undefined || value === '' ? {} : { [name]: value };
};

/** Reads one contact's directory fields; undefined when it has no `uri`. */
export function parseDirectoryContact(body: unknown, url: string): DirectoryContactResource | undefined {
  if (!isJsonObject(body)) return undefined;
  const uri = stringProp(body, 'uri');
  if (uri === undefined || uri === '') return undefined;
  const emails = Array.isArray(body['emailAddresses']) ? body['emailAddresses'].filter((e): e is string => typeof e === 'string') : [];
  const contact: DirectoryContact = {
    uri,
    name: stringProp(body, 'name') ?? uri,
    emailAddresses: emails,
    ...optional(body, 'title'),
    ...optional(body, 'department'),
    ...optional(body, 'company'),
    ...optional(body, 'office'),
    ...optional(body, 'workPhoneNumber'),
    ...optional(body, 'mobilePhoneNumber'),
  };
  const own = links(body, url);
  return { contact, self: own['self'], presence: own['contactPresence'] };
}

/** Reads one distribution group as search or myGroups shows it. */
export function parseDistributionGroup(body: unknown, url: string): DistributionGroupResource | undefined {
  if (!isJsonObject(body)) return undefined;
  const uri = stringProp(body, 'uri');
  if (uri === undefined || uri === '') return undefined;
  const own = links(body, url);
  const id = stringProp(body, 'id');
  return {
    group: {
      uri,
      name: stringProp(body, 'name') ?? uri,
      ...(id !== undefined ? { groupId: id } : {}),
      canAdd: own['addToContactList'] !== undefined,
      canExpand: own['expandDistributionGroup'] !== undefined,
    },
    expand: own['expandDistributionGroup'],
    addToContactList: own['addToContactList'],
  };
}

export interface ParsedSearch {
  readonly result: SearchResult;
  readonly contacts: readonly DirectoryContactResource[];
  readonly distributionGroups: readonly DistributionGroupResource[];
}

/** Reads a `people/search` answer. */
export function parseSearch(body: unknown, url: string, query: string): ParsedSearch {
  const resource = requireObject(body, 'search answer');
  const contacts = listOf(embedded(resource, 'contact')).flatMap((item) => {
    const parsed = parseDirectoryContact(item, url);
    return parsed ? [parsed] : [];
  });
  const distributionGroups = listOf(embedded(resource, 'distributionGroup')).flatMap((item) => {
    const parsed = parseDistributionGroup(item, url);
    return parsed ? [parsed] : [];
  });
  return {
    result: {
      query,
      contacts: contacts.map((c) => c.contact),
      distributionGroups: distributionGroups.map((g) => g.group),
      moreResultsAvailable: resource['moreResultsAvailable'] === true,
    },
    contacts,
    distributionGroups,
  };
}

/** Reads an `expandDistributionGroup` answer: the members, as contacts. */
export function parseExpandedGroup(body: unknown, url: string): readonly DirectoryContact[] {
  const resource = requireObject(body, 'distribution group members');
  return listOf(embedded(resource, 'contact')).flatMap((item) => {
    const parsed = parseDirectoryContact(item, url);
    return parsed ? [parsed.contact] : [];
  });
}
