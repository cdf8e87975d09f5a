import { describe, expect, it } from 'vitest';
import { createContactCardService, PHOTO_CACHE_ENTRIES, type ContactCardServiceDeps } from '../../../../../main/core/app/contact-card-service';
import { ContactListError } from '../../../../../main/core/ucwa/people/contact-list-error';
import type { PhotoAnswer } from '../../../../../main/core/ucwa/people/contact-photo';
import type { ContactCard } from '../../../../../shared/models';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PNG_URL = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
const SARA = 'sip:sarad@contoso.com';
const HREF = 'https://pool.contoso.com/ucwa/oauth/v1/applications/1/photos/sarad@contoso.com';

/** A directory whose photo server holds one photo with an ETag, and answers If-None-Match as HTTP does. */
function setup(overrides: { answer?: (ifNoneMatch: string | undefined) => Promise<PhotoAnswer>; card?: () => Promise<ContactCard> } = {}) {
  let clock = 1_000_000;
  const photoCalls: { href: string; ifNoneMatch: string | undefined }[] = [];
  const hrefCalls: string[] = [];
  const directory: ContactCardServiceDeps['directory'] = {
    contactCard: overrides.card ?? (async () => ({ uri: SARA, name: 'Sara Davis', emailAddresses: ['sara.davis@contoso.com'], modalities: [], photoHref: HREF })),
    contactPhotoHref: async (uri) => {
      hrefCalls.push(uri);
      return HREF;
    },
    contactPhoto: async (href, ifNoneMatch) => {
      photoCalls.push({ href, ifNoneMatch });
      if (overrides.answer) return overrides.answer(ifNoneMatch);
      return ifNoneMatch === '"e1"' ? { kind: 'notModified' } : { kind: 'image', bytes: PNG, etag: '"e1"' };
    },
  };
  const service = createContactCardService({ directory, now: () => clock, freshMs: 60_000 });
  return { service, photoCalls, hrefCalls, advance: (ms: number) => (clock += ms) };
}

describe('contact photos, cached with their ETag', () => {
  it('fetches a photo once, then serves it from the cache while fresh', async () => {
    const { service, photoCalls } = setup();
    expect(await service.photo(SARA)).toBe(PNG_URL);
    expect(await service.photo(SARA)).toBe(PNG_URL);
    expect(photoCalls).toEqual([{ href: HREF, ifNoneMatch: undefined }]);
  });

  it('revalidates a stale photo with If-None-Match and reuses it on 304', async () => {
    const bytesSent: number[] = [];
    const { service, photoCalls, advance } = setup({
      answer: async (etag) => {
        if (etag === '"e1"') return { kind: 'notModified' };
        bytesSent.push(PNG.length);
        return { kind: 'image', bytes: PNG, etag: '"e1"' };
      },
    });
    expect(await service.photo(SARA)).toBe(PNG_URL);
    advance(60_001);
    expect(await service.photo(SARA)).toBe(PNG_URL);
    expect(photoCalls.map((c) => c.ifNoneMatch)).toEqual([undefined, '"e1"']);
    expect(bytesSent).toEqual([PNG.length]);
    // The 304 made it fresh again.
    expect(await service.photo(SARA)).toBe(PNG_URL);
    expect(photoCalls).toHaveLength(2);
  });

  it('takes the new photo and its new ETag when the photo changed', async () => {
    const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9]);
    let version = 1;
    const { service, photoCalls, advance } = setup({
      answer: async (etag) =>
        etag === `"e${version}"` ? { kind: 'notModified' } : { kind: 'image', bytes: version === 1 ? PNG : JPEG, etag: `"e${version}"` },
    });
    await service.photo(SARA);
    version = 2;
    advance(60_001);
    expect(await service.photo(SARA)).toBe(`data:image/jpeg;base64,${Buffer.from(JPEG).toString('base64')}`);
    advance(60_001);
    await service.photo(SARA);
    expect(photoCalls.map((c) => c.ifNoneMatch)).toEqual([undefined, '"e1"', '"e2"']);
  });

  it('shares one request between rows asking at once', async () => {
    const { service, photoCalls } = setup();
    const all = await Promise.all([service.photo(SARA), service.photo(SARA), service.photo(SARA)]);
    expect(all).toEqual([PNG_URL, PNG_URL, PNG_URL]);
    expect(photoCalls).toHaveLength(1);
  });

  it('gives null for no photo, and for bytes that are not an image (initials instead)', async () => {
    const none = setup({ answer: async () => ({ kind: 'none' }) });
    expect(await none.service.photo(SARA)).toBeNull();
    const svg = setup({ answer: async () => ({ kind: 'image', bytes: new TextEncoder().encode('<svg onload="alert(1)"/>'), etag: '"s"' }) });
    expect(await svg.service.photo(SARA)).toBeNull();
    // Nothing held, so nothing to revalidate: the next ask (once stale) is unconditional.
    svg.advance(60_001);
    await svg.service.photo(SARA);
    expect(svg.photoCalls.map((c) => c.ifNoneMatch)).toEqual([undefined, undefined]);
  });

  it('keeps showing the photo it has while the server cannot be reached', async () => {
    let down = false;
    const { service, advance } = setup({
      answer: async () => {
        if (down) throw new Error('offline');
        return { kind: 'image', bytes: PNG, etag: '"e1"' };
      },
    });
    await service.photo(SARA);
    down = true;
    advance(60_001);
    expect(await service.photo(SARA)).toBe(PNG_URL);
  });

  it("learns the photo's href from the card, without a look-up of its own", async () => {
    const { service, hrefCalls, photoCalls } = setup();
    const result = await service.card(SARA);
    expect(result).toEqual({
      ok: true,
      card: { uri: SARA, name: 'Sara Davis', emailAddresses: ['sara.davis@contoso.com'], modalities: [], hasPhoto: true },
    });
    expect(JSON.stringify(result)).not.toContain('https://');
    await service.photo(SARA);
    expect(hrefCalls).toEqual([]);
    expect(photoCalls).toHaveLength(1);
  });

  it('says why a card could not be read as a reason code', async () => {
    const { service } = setup({ card: () => Promise.reject(new ContactListError('notFound', 'That contact is not in the directory.')) });
    expect(await service.card(SARA)).toEqual({ ok: false, problem: 'notFound' });
  });
});

/** A directory with one photo per contact (href and bytes by URI), counting every request. */
function directoryOf(contacts: readonly string[]) {
  const hrefCalls: string[] = [];
  const photoCalls: string[] = [];
  const hrefOf = (uri: string): string => `https://pool.contoso.com/ucwa/oauth/v1/applications/1/photos/${uri.slice(4)}`;
  const directory: ContactCardServiceDeps['directory'] = {
    contactCard: async (uri) => ({ uri, name: uri, emailAddresses: [], modalities: [], photoHref: hrefOf(uri) }),
    contactPhotoHref: async (uri) => {
      hrefCalls.push(uri);
      return contacts.includes(uri) ? hrefOf(uri) : undefined;
    },
    contactPhoto: async (href) => {
      photoCalls.push(href);
      return { kind: 'image', bytes: PNG, etag: '"e1"' };
    },
  };
  return { directory, hrefCalls, photoCalls };
}

describe('contact photos: where they live, and how many are kept', () => {
  it('asks where a photo lives once while fresh, and again once freshMs has passed', async () => {
    const { service, hrefCalls, photoCalls, advance } = setup();
    await service.photo(SARA);
    await service.photo(SARA);
    expect(hrefCalls).toEqual([SARA]);
    advance(59_999);
    await service.photo(SARA);
    expect(hrefCalls).toEqual([SARA]);
    expect(photoCalls).toHaveLength(1);
    // Exactly freshMs later both the href and the photo count as stale.
    advance(1);
    await service.photo(SARA);
    expect(hrefCalls).toEqual([SARA, SARA]);
    expect(photoCalls.map((c) => c.ifNoneMatch)).toEqual([undefined, '"e1"']);
  });

  it('learns the href from a card whatever the URI case or spacing, but per contact', async () => {
    const ERIN = 'sip:erin@contoso.com';
    const { service, hrefCalls } = setup();
    await service.card(` ${SARA.toUpperCase()} `);
    await service.photo(SARA);
    expect(hrefCalls).toEqual([]);
    await service.photo(ERIN);
    expect(hrefCalls).toEqual([ERIN]);
  });

  it('a card without a photo says so, and its photo is null without any request', async () => {
    const { service, photoCalls, hrefCalls } = setup({
      card: async () => ({ uri: SARA, name: 'Sara Davis', emailAddresses: [], modalities: [] }),
    });
    expect(await service.card(SARA)).toEqual({ ok: true, card: { uri: SARA, name: 'Sara Davis', emailAddresses: [], modalities: [], hasPhoto: false } });
    expect(await service.photo(SARA)).toBeNull();
    expect([hrefCalls, photoCalls]).toEqual([[], []]);
  });

  it('gives null when the photo href cannot be read (signed out, outage)', async () => {
    const { directory, photoCalls } = directoryOf([SARA]);
    const service = createContactCardService({ directory: { ...directory, contactPhotoHref: () => Promise.reject(new Error('offline')) }, now: () => 0 });
    expect(await service.photo(SARA)).toBeNull();
    expect(photoCalls).toEqual([]);
  });

  it('gives null, not a rejection, when the server cannot be reached and nothing is held', async () => {
    const { service } = setup({ answer: () => Promise.reject(new Error('offline')) });
    expect(await service.photo(SARA)).toBeNull();
  });

  it('a 304 for a photo it does not hold is no photo', async () => {
    const { service } = setup({ answer: async () => ({ kind: 'notModified' }) });
    expect(await service.photo(SARA)).toBeNull();
  });

  it('drops a photo the contact removed', async () => {
    let removed = false;
    const { service, advance } = setup({ answer: async () => (removed ? { kind: 'none' } : { kind: 'image', bytes: PNG, etag: '"e1"' }) });
    expect(await service.photo(SARA)).toBe(PNG_URL);
    removed = true;
    advance(60_001);
    expect(await service.photo(SARA)).toBeNull();
  });

  it('logs bytes that are not an image, and only those', async () => {
    const lines: string[] = [];
    const logger = { log: (level: string, message: string) => lines.push(`${level} ${message}`) };
    let bytes = PNG;
    const { directory } = directoryOf([SARA, 'sip:erin@contoso.com']);
    const service = createContactCardService({
      directory: { ...directory, contactPhoto: async () => ({ kind: 'image', bytes, etag: '"e"' }) },
      now: () => 0,
      logger,
    });
    expect(await service.photo(SARA)).toBe(PNG_URL);
    expect(lines).toEqual([]);
    bytes = new TextEncoder().encode('<html>');
    expect(await service.photo('sip:erin@contoso.com')).toBeNull();
    expect(lines).toEqual(['warn a contact photo was not a PNG, JPEG, GIF or WebP image; showing initials']);
  });

  it('keeps the most recently used maxEntries photos and fetches an evicted one again', async () => {
    const [ann, bob, cy] = ['sip:ann@contoso.com', 'sip:bob@contoso.com', 'sip:cy@contoso.com'];
    const { directory, photoCalls, hrefCalls } = directoryOf([ann, bob, cy]);
    const service = createContactCardService({ directory, now: () => 0, maxEntries: 2 });
    await service.photo(ann);
    await service.photo(bob);
    await service.photo(ann);
    expect(photoCalls).toHaveLength(2);
    await service.photo(cy); // evicts bob, the least recently used
    await service.photo(ann);
    expect(photoCalls).toHaveLength(3);
    await service.photo(bob);
    expect(photoCalls).toHaveLength(4);
    expect(hrefCalls).toEqual([ann, bob, cy, bob]);
  });

  it(`keeps ${PHOTO_CACHE_ENTRIES} photos by default`, async () => {
    const uris = Array.from({ length: PHOTO_CACHE_ENTRIES + 1 }, (_, i) => `sip:user${i}@contoso.com`);
    const { directory, photoCalls } = directoryOf(uris);
    const service = createContactCardService({ directory, now: () => 0 });
    for (const uri of uris.slice(0, PHOTO_CACHE_ENTRIES)) await service.photo(uri);
    await service.photo(uris[0] ?? '');
    expect(photoCalls).toHaveLength(PHOTO_CACHE_ENTRIES);
    await service.photo(uris[PHOTO_CACHE_ENTRIES] ?? ''); // evicts user1
    await service.photo(uris[1] ?? '');
    expect(photoCalls).toHaveLength(PHOTO_CACHE_ENTRIES + 2);
  });

  it('without a logger, bytes that are not an image are still kept as no photo, not asked for again', async () => {
    const { directory, photoCalls } = directoryOf([SARA]);
    const service = createContactCardService({ directory: { ...directory, contactPhoto: async (href) => (photoCalls.push(href), { kind: 'image', bytes: new Uint8Array([1, 2]), etag: '"x"' }) }, now: () => 0 });
    expect(await service.photo(SARA)).toBeNull();
    expect(await service.photo(SARA)).toBeNull();
    expect(photoCalls).toHaveLength(1);
  });
});
