import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, base64, photoDataUrl, sniffImageType } from '../../../../../../main/core/ucwa/people/contact-photo';
import { photoPng } from '../../../../../simulator/photos';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('contact photo bytes', () => {
  it('encodes base64 exactly as Node does, for every length', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (data) => base64(data) === Buffer.from(data).toString('base64')));
  });

  it.each([
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0), 'image/jpeg'],
    ['GIF89a', bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0), 'image/gif'],
    ['GIF87a', bytes(0x47, 0x49, 0x46, 0x38, 0x37, 0x61), 'image/gif'],
    ['a bare PNG signature', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    ['WebP', bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50), 'image/webp'],
  ])('knows a %s by its signature', (_name, data, type) => {
    expect(sniffImageType(data)).toBe(type);
  });

  it.each([
    ['SVG (it can carry script)', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['HTML', new TextEncoder().encode('<!doctype html><img src=x onerror=alert(1)>')],
    ['a RIFF that is not WebP', bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45)],
    ['a cut-off PNG signature', bytes(0x89, 0x50, 0x4e)],
    ['nothing', bytes()],
  ])('refuses %s', (_name, data) => {
    expect(sniffImageType(data)).toBeUndefined();
    expect(photoDataUrl(data)).toBeUndefined();
  });

  it("makes a data: URL of the simulator's PNG", () => {
    const png = photoPng('sarad@contoso.com');
    expect(photoDataUrl(png)).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });

  it('refuses a photo over the cap, even one that starts like a PNG', () => {
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(photoDataUrl(big)).toBeUndefined();
    expect(photoDataUrl(big.subarray(0, MAX_PHOTO_BYTES))).toMatch(/^data:image\/png;base64,/);
  });
});
