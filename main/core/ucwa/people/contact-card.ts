import type { ContactCard, ContactNote } from '../../../../shared/models';
import { isJsonObject, links, stringProp } from '../hal';
import { parseDirectoryContact } from './directory-search';

/**
 * A contact's card (ucwa-protocol.md §6.3, §6.4): the contact resource and the parts it links
 * (contactNote, contactLocation, contactSupportedModalities, contactPhoto). Pure readers; parts
 * the server does not link or answer stay absent.
 */

/** The hrefs of a contact resource's parts. */
export interface ContactParts {
  readonly contactNote?: string;
  readonly contactLocation?: string;
  readonly contactSupportedModalities?: string;
  readonly contactPhoto?: string;
}

export function parseContactParts(body: unknown, url: string): ContactParts {
  const own = links(body, url);
  const pick = (rel: keyof ContactParts): Partial<ContactParts> => (own[rel] !== undefined ? { [rel]: own[rel] } : {});
  return { ...pick('contactNote'), ...pick('contactLocation'), ...pick('contactSupportedModalities'), ...pick('contactPhoto') };
}

/** contactNote `{message, type}`; an empty message is no note. */
export function parseNote(body: unknown): ContactNote | undefined {
  const message = stringProp(body, 'message');
  if (message === undefined || message.trim() === '') return undefined;
  const type = stringProp(body, 'type')?.toLowerCase();
  return { message, type: type === 'personal' ? 'personal' : type === 'outofoffice' ? 'outOfOffice' : 'other' };
}

/** contactLocation `{location}`; empty is none. */
export function parseLocation(body: unknown): string | undefined {
  const location = stringProp(body, 'location');
  return location === undefined || location.trim() === '' ? undefined : location;
}

/** contactSupportedModalities `{modalities: [...]}`; anything else is none. */
export function parseModalities(body: unknown): readonly string[] {
  if (!isJsonObject(body) || !Array.isArray(body['modalities'])) return [];
  return body['modalities'].filter((m): m is string => typeof m === 'string');
}

/** Assembles the card; undefined when the contact resource has no `uri`. */
export function buildContactCard(
  contact: unknown,
  url: string,
  parts: { readonly note?: unknown; readonly location?: unknown; readonly modalities?: unknown },
): ContactCard | undefined {
  const parsed = parseDirectoryContact(contact, url);
  if (!parsed) return undefined;
  const note = parts.note === undefined ? undefined : parseNote(parts.note);
  const location = parts.location === undefined ? undefined : parseLocation(parts.location);
  const photo = parseContactParts(contact, url).contactPhoto;
  return {
    ...parsed.contact,
    ...(note !== undefined ? { note } : {}),
    ...(location !== undefined ? { location } : {}),
    modalities: parts.modalities === undefined ? [] : parseModalities(parts.modalities),
    ...(photo !== undefined ? { photoHref: photo } : {}),
  };
}
