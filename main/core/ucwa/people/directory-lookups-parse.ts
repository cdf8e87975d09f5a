import { embedded, requireObject, stringProp } from '../hal';
import { parseContactParts } from './contact-card';
import { parseDistributionGroup } from './directory-search';

/** An embedded HAL value as a list: absent is none, one object is one. */
export const embeddedList = (raw: unknown): readonly unknown[] => (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]);

/** Addresses compare without case and surrounding space. */
export const sameUri = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Search matches addresses without their scheme. */
export const searchText = (uri: string): string => uri.trim().replace(/^sip:/i, '');

/** The photo links of a contact list, by lower-cased address; contacts without one are left out. */
export function parseContactPhotoLinks(body: unknown, base: string): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  for (const item of embeddedList(embedded(requireObject(body, 'contact list'), 'contact'))) {
    const contact = stringProp(item, 'uri');
    const photo = parseContactParts(item, base).contactPhoto;
    if (contact !== undefined && photo !== undefined) found.set(contact.trim().toLowerCase(), photo);
  }
  return found;
}

/** The embedded distribution groups of a group list. */
export const distributionGroupItems = (body: unknown): readonly unknown[] =>
  embeddedList(embedded(requireObject(body, 'group list'), 'distributionGroup'));

/** A listed distribution group's id. */
export function distributionGroupId(item: unknown): string | undefined {
  return parseDistributionGroup(item, 'https://x.invalid/')?.group.groupId;
}
