import { describe, expect, it } from 'vitest';
import { createContactCardService, type ContactCardServiceDeps } from '../../../../../main/core/app/contact-card-service';
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
