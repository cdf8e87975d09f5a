import type { Contact } from '../../../shared/models';

/**
 * A parsed filter: lower-case terms that must all appear in a contact's name or address.
 * Several words narrow the match ("ali smi" finds Alice Smith).
 */
export interface ContactFilter {
  readonly terms: readonly string[];
}

/** Splits what the user typed into terms; an empty or blank query filters nothing. */
export function parseFilter(query: string): ContactFilter {
  const terms = query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((term) => term.length > 0);
  return { terms };
}

/** True when the filter has no terms, i.e. every contact is shown. */
export function isEmptyFilter(filter: ContactFilter): boolean {
  return filter.terms.length === 0;
}

/** True when every term occurs in the contact's display name or SIP URI. */
export function contactMatches(contact: Contact, filter: ContactFilter): boolean {
  if (filter.terms.length === 0) return true;
  const haystack = `${contact.name}\n${contact.uri}`.toLocaleLowerCase();
  return filter.terms.every((term) => haystack.includes(term));
}
