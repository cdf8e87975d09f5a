import { contactId, type Directory, type DistributionList, type Person } from './directory';

/** What one address-book search found. */
export interface SearchResult {
  readonly contacts: readonly Person[];
  readonly distributionLists: readonly DistributionList[];
  /** More matches exist than `limit` allowed to return. */
  readonly moreResultsAvailable: boolean;
}

const digits = (s: string): string => s.replace(/\D/g, '');

/**
 * Whether `text` (already lower-cased and trimmed) matches a name or address the way an address
 * book's ambiguous-name resolution does: a prefix of the whole name, of any word in it, or of the
 * address; phone numbers match on their digits.
 */
export function matches(text: string, name: string, addresses: readonly string[], phones: readonly string[] = []): boolean {
  const lowerName = name.toLowerCase();
  if (lowerName.startsWith(text)) return true;
  if (lowerName.split(/[\s.,'-]+/).some((word) => word !== '' && word.startsWith(text))) return true;
  if (addresses.some((a) => a.toLowerCase().startsWith(text))) return true;
  const wanted = digits(text);
  return wanted.length >= 3 && wanted.length === text.replace(/[\s+()-]/g, '').length && phones.some((p) => digits(p).includes(wanted));
}

/**
 * Searches the address book for people and distribution groups (search_ref: name, email, URI and
 * phone number). Results are ordered by name; at most `limit` of people and groups together.
 * Pure over the directory's current state.
 */
export function searchDirectory(directory: Directory, query: string, limit: number): SearchResult {
  const text = query.trim().toLowerCase();
  const people = [...directory.people.values()]
    .filter((p) => p.inAddressBook)
    .filter((p) => matches(text, p.name, [contactId(p.uri), p.email ?? ''].filter((a) => a !== ''), [p.workPhoneNumber ?? '', p.mobilePhoneNumber ?? '']))
    .sort((a, b) => a.name.localeCompare(b.name));
  const lists = [...directory.distributionLists.values()]
    .filter((l) => matches(text, l.name, [contactId(l.uri)]))
    .sort((a, b) => a.name.localeCompare(b.name));
  const contacts = people.slice(0, limit);
  const distributionLists = lists.slice(0, Math.max(0, limit - contacts.length));
  return { contacts, distributionLists, moreResultsAvailable: people.length + lists.length > limit };
}
