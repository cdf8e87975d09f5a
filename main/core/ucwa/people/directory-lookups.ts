import { ContactListError } from './contact-list-error';
import type { DirectoryContact, SearchResult } from '../../../../shared/models';
import { parsePresence } from '../presence';
import {
  clampLimit,
  MAX_QUERY_LENGTH,
  parseDistributionGroup,
  parseSearch,
  type DirectoryContactResource,
  type DistributionGroupResource,
  type ParsedSearch,
} from './directory-search';
import type { DirectoryContext } from './directory-context';
import { distributionGroupItems, sameUri, searchText } from './directory-lookups-parse';
import { parseContacts, parseMyGroups, type GroupResource } from './people-resources';

/** A group of the contact list by id; rejects with `notFound` when it is gone. */
export async function groupById(ctx: DirectoryContext, href: string, groupId: string): Promise<GroupResource> {
  const r = await ctx.get(href);
  const group = parseMyGroups(r.body, r.url).find((g) => g.group.id === groupId);
  if (group?.self === undefined) throw new ContactListError('notFound', 'That group is no longer on the contact list.');
  return group;
}

/** A directory search through the people resource's search link. */
export async function runSearch(ctx: DirectoryContext, query: string, limit: number): Promise<ParsedSearch> {
  const text = query.trim();
  if (text === '') throw new ContactListError('invalid', 'Type a name, address or number to search for.');
  if (text.length > MAX_QUERY_LENGTH) throw new ContactListError('invalid', `A search can be at most ${MAX_QUERY_LENGTH} characters.`);
  const found = await ctx.offer();
  if (found.search === undefined) throw new ContactListError('unavailable', 'Your server does not offer a directory search.');
  const r = await ctx.send({ method: 'GET', href: found.search, query: { query: text, limit: String(clampLimit(limit)) } });
  return parseSearch(r.body, r.url, text);
}

/** How many presence reads a search sends at once: well inside the server's outstanding-request limit. */
const PRESENCE_READS_AT_ONCE = 10;

/**
 * The search's people with the availability their presence resources report now. A read that
 * fails leaves that person without one (shown as unknown), never fails the search.
 */
export async function withPresence(ctx: DirectoryContext, found: ParsedSearch): Promise<SearchResult> {
  const contacts: DirectoryContact[] = [];
  for (let start = 0; start < found.contacts.length; start += PRESENCE_READS_AT_ONCE) {
    const slice = found.contacts.slice(start, start + PRESENCE_READS_AT_ONCE);
    contacts.push(...(await Promise.all(slice.map((entry) => presenceOf(ctx, entry)))));
  }
  return { ...found.result, contacts };
}

async function presenceOf(ctx: DirectoryContext, entry: DirectoryContactResource): Promise<DirectoryContact> {
  if (entry.presence === undefined) return entry.contact;
  try {
    return { ...entry.contact, availability: parsePresence((await ctx.get(entry.presence)).body) };
  } catch {
    return entry.contact;
  }
}

/** A distribution group by address: on the contact list first, else in the directory. */
export async function distributionGroup(ctx: DirectoryContext, uri: string): Promise<DistributionGroupResource> {
  const groupsHref = ctx.session().people['myGroups'];
  if (groupsHref !== undefined) {
    const r = await ctx.get(groupsHref);
    const listed = distributionGroupItems(r.body).flatMap((item) => {
      const parsed = parseDistributionGroup(item, r.url);
      return parsed !== undefined && sameUri(parsed.group.uri, uri) ? [parsed] : [];
    });
    if (listed[0] !== undefined) return listed[0];
  }
  const found = (await runSearch(ctx, searchText(uri), 100)).distributionGroups.find((g) => sameUri(g.group.uri, uri));
  if (found === undefined) throw new ContactListError('notFound', 'That distribution group is not in the directory.');
  return found;
}

/** A contact's own href: from the contact list, else from the directory. */
export async function contactHref(ctx: DirectoryContext, uri: string): Promise<string> {
  const listHref = ctx.session().people['myContacts'];
  if (listHref !== undefined) {
    const r = await ctx.get(listHref);
    const listed = parseContacts(r.body, r.url).find((c) => sameUri(c.contact.uri, uri))?.self;
    if (listed !== undefined) return listed;
  }
  const found = (await runSearch(ctx, searchText(uri), 100)).contacts.find((c) => sameUri(c.contact.uri, uri))?.self;
  if (found === undefined) throw new ContactListError('notFound', 'That contact is not in the directory.');
  return found;
}

/** A part of the contact card; one the server cannot answer is left out, not a failure. */
export async function cardPart(ctx: DirectoryContext, href: string | undefined): Promise<unknown> {
  if (href === undefined) return undefined;
  try {
    return (await ctx.get(href)).body;
  } catch {
    return undefined;
  }
}
