import type { ContactCardResult, ContactCardView } from '../../../shared/ipc-contract';
import type { ContactCard } from '../../../shared/models';
import type { Logger } from '../ports';
import { toContactListError } from '../ucwa/people/contact-list-error';
import { photoDataUrl } from '../ucwa/people/contact-photo';
import type { ContactsDirectory } from '../ucwa/people/contacts-directory';

/** How long a photo is shown without asking the server again; after that, one `If-None-Match`. */
export const PHOTO_FRESH_MS = 10 * 60_000;
/** Photos kept (the visible rows and recent cards; a 48 px PNG is a few kilobytes). */
export const PHOTO_CACHE_ENTRIES = 500;

export interface ContactCardServiceDeps {
  readonly directory: Pick<ContactsDirectory, 'contactCard' | 'contactPhotoHref' | 'contactPhoto'>;
  /** Epoch ms (the engine's scheduler in the app). */
  readonly now: () => number;
  readonly logger?: Logger;
  readonly freshMs?: number;
  readonly maxEntries?: number;
}

/**
 * Contact cards and photos for the window. Photos are fetched here, through the engine's client
 * (which sends the token only to the origin that issued it), checked to be a raster image of at most
 * `MAX_PHOTO_BYTES`, and handed to the window as `data:` URLs: the window never sees a server URL or
 * a token. Each photo is cached by its href with its ETag and revalidated with `If-None-Match` once
 * it is older than `freshMs`, so an unchanged photo costs a 304 and no bytes.
 */
export interface ContactCardService {
  card(uri: string): Promise<ContactCardResult>;
  /** The photo as a `data:` URL; null when there is none, it is not an image, or it cannot be read now. */
  photo(uri: string): Promise<string | null>;
}

interface CachedPhoto {
  readonly etag: string | undefined;
  readonly dataUrl: string | null;
  readonly checkedAt: number;
}

/** The card without server URLs. */
export function toCardView(card: ContactCard): ContactCardView {
  const { photoHref, ...fields } = card;
  return { ...fields, hasPhoto: photoHref !== undefined };
}

/** Map with least-recently-used eviction past `max` entries. */
function touch<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}

export function createContactCardService(deps: ContactCardServiceDeps): ContactCardService {
  const { directory, now } = deps;
  const freshMs = deps.freshMs ?? PHOTO_FRESH_MS;
  const maxEntries = deps.maxEntries ?? PHOTO_CACHE_ENTRIES;
  // Where each contact's photo lives, as the last card or contact list said; hrefs change with the
  // application, so they are learned again as often as photos are revalidated.
  const hrefs = new Map<string, { readonly href: string | null; readonly at: number }>();
  const photoByHref = createPhotoCache({ ...deps, freshMs, maxEntries });
  const key = (uri: string): string => uri.trim().toLowerCase();

  return {
    async card(uri) {
      try {
        const card = await directory.contactCard(uri);
        touch(hrefs, key(uri), { href: card.photoHref ?? null, at: now() }, maxEntries);
        return { ok: true, card: toCardView(card) };
      } catch (error) {
        return { ok: false, problem: toContactListError(error).reason };
      }
    },

    async photo(uri) {
      const known = hrefs.get(key(uri));
      let href: string | null;
      if (known !== undefined && now() - known.at < freshMs) {
        href = known.href;
        touch(hrefs, key(uri), known, maxEntries);
      } else {
        try {
          href = (await directory.contactPhotoHref(uri)) ?? null;
        } catch {
          return null;
        }
        touch(hrefs, key(uri), { href, at: now() }, maxEntries);
      }
      return href === null ? null : photoByHref(href);
    },
  };
}

/** Photos by href: fresh ones from the cache, stale ones revalidated, one request per href at a time. */
function createPhotoCache(
  deps: Pick<ContactCardServiceDeps, 'directory' | 'now' | 'logger'> & { readonly freshMs: number; readonly maxEntries: number },
): (href: string) => Promise<string | null> {
  const { directory, now, freshMs, maxEntries } = deps;
  const photos = new Map<string, CachedPhoto>();
  const inFlight = new Map<string, Promise<string | null>>();

  const fetchPhoto = async (href: string): Promise<string | null> => {
    const cached = photos.get(href);
    // Revalidate only what we hold; an absent photo is simply asked for again.
    const etag = cached?.dataUrl != null ? cached.etag : undefined;
    try {
      const next = toCachedPhoto(await directory.contactPhoto(href, etag), cached, now(), deps.logger);
      touch(photos, href, next, maxEntries);
      return next.dataUrl;
    } catch {
      // An outage: keep showing what we had, and ask again next time.
      return cached?.dataUrl ?? null;
    }
  };

  return (href) => {
    const cached = photos.get(href);
    if (cached !== undefined && now() - cached.checkedAt < freshMs) {
      // A hit counts as a use: a row on screen stays cached while others scroll by.
      touch(photos, href, cached, maxEntries);
      return Promise.resolve(cached.dataUrl);
    }
    let running = inFlight.get(href);
    if (running === undefined) {
      running = fetchPhoto(href).finally(() => inFlight.delete(href));
      inFlight.set(href, running);
    }
    return running;
  };
}

/** What the server answered, as the cache keeps it (a non-image is kept as "no photo"). */
function toCachedPhoto(
  answer: Awaited<ReturnType<ContactCardServiceDeps['directory']['contactPhoto']>>,
  cached: CachedPhoto | undefined,
  checkedAt: number,
  logger: Logger | undefined,
): CachedPhoto {
  if (answer.kind === 'notModified' && cached !== undefined) return { ...cached, checkedAt };
  if (answer.kind !== 'image') return { etag: undefined, dataUrl: null, checkedAt };
  const dataUrl = photoDataUrl(answer.bytes) ?? null;
  if (dataUrl === null) logger?.log('warn', 'a contact photo was not a PNG, JPEG, GIF or WebP image; showing initials');
  return { etag: dataUrl === null ? undefined : answer.etag, dataUrl, checkedAt };
}
