import type { ContactCard, DirectoryContact } from '../../../../shared/models';
import { UcwaError } from '../ucwa-error';
import { buildContactCard, parseContactParts } from './contact-card';
import { ContactListError } from './contact-list-error';
import { MAX_PHOTO_BYTES, type PhotoAnswer } from './contact-photo';
import type { DirectoryContext } from './directory-context';
import { cardPart, contactHref, distributionGroup } from './directory-lookups';
import { parseExpandedGroup } from './directory-search';

/** The members of a distribution group, by its address. */
export async function expandDistributionGroup(ctx: DirectoryContext, uri: string): Promise<readonly DirectoryContact[]> {
  const group = await distributionGroup(ctx, uri);
  if (group.expand === undefined) throw new ContactListError('unavailable', 'Your server does not show the members of this group.');
  const r = await ctx.get(group.expand);
  return parseExpandedGroup(r.body, r.url);
}

/** A contact's card with the parts (note, location, modalities) the server answers. */
export async function readContactCard(ctx: DirectoryContext, uri: string): Promise<ContactCard> {
  const r = await ctx.get(await contactHref(ctx, uri));
  const parts = parseContactParts(r.body, r.url);
  const [note, location, modalities] = await Promise.all([
    cardPart(ctx, parts.contactNote),
    cardPart(ctx, parts.contactLocation),
    cardPart(ctx, parts.contactSupportedModalities),
  ]);
  const card = buildContactCard(r.body, r.url, { note, location, modalities });
  if (card === undefined) throw new ContactListError('failed', 'The server sent a contact without an address.');
  return card;
}

/** A contact's photo href: from the contact list when listed, else from the contact itself. */
export async function readContactPhotoHref(ctx: DirectoryContext, uri: string): Promise<string | undefined> {
  const listed = (await ctx.listedPhotos()).get(uri.trim().toLowerCase());
  if (listed !== undefined) return listed;
  const r = await ctx.get(await contactHref(ctx, uri));
  return parseContactParts(r.body, r.url).contactPhoto;
}

/** A photo by its href, at most `MAX_PHOTO_BYTES`; `ifNoneMatch` asks only for a changed one. */
export async function readContactPhoto(ctx: DirectoryContext, href: string, ifNoneMatch?: string): Promise<PhotoAnswer> {
  try {
    const r = await ctx.send({
      method: 'GET',
      href,
      accept: 'image/*',
      binary: { maxBytes: MAX_PHOTO_BYTES },
      ...(ifNoneMatch !== undefined ? { headers: { 'If-None-Match': ifNoneMatch } } : {}),
    });
    if (r.status === 304) return { kind: 'notModified' };
    const etag = r.headers['etag'];
    return { kind: 'image', bytes: r.bytes ?? new Uint8Array(0), ...(etag !== undefined ? { etag } : {}) };
  } catch (error) {
    // No photo, or one we will not read (too large): initials, not an error. Outages still reject.
    if (error instanceof UcwaError && (error.kind === 'malformed' || (error.kind === 'http' && [403, 404, 410].includes(error.status ?? 0)))) {
      return { kind: 'none' };
    }
    throw error;
  }
}
