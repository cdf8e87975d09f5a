import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../simulator/directory';
import { authorizationFromPhotoCookie, photoCookie, photoPng, photoResponse } from '../../simulator/photos';

/** The chunks of a PNG, each checked against its CRC. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  const out: Array<{ type: string; data: Buffer }> = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const typed = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(typed) >>> 0);
    out.push({ type: typed.subarray(0, 4).toString('ascii'), data: typed.subarray(4) });
    offset += 12 + length;
  }
  return out;
}

describe('photoPng', () => {
  it('is a valid truecolour PNG of the asked size with a CRC-correct IHDR, IDAT, IEND', () => {
    const png = photoPng('sarad@contoso.com', 16);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = list[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([16, 16, 8, 2]);
    expect(inflateSync(list[1]!.data).length).toBe(16 * (1 + 16 * 3));
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(photoPng('a').equals(photoPng('a'))).toBe(true);
    expect(photoPng('a').equals(photoPng('b'))).toBe(false);
  });
});

describe('photoResponse', () => {
  const dir = new Directory({ users: [{ uri: 'sip:p@x.com', name: 'P', photo: true }, { uri: 'sip:n@x.com', name: 'N' }] });

  it('answers 200 image/png with an ETag, 304 for a matching If-None-Match, 404 without a photo', () => {
    const ok = photoResponse(dir.person('p@x.com'), undefined);
    expect(ok.status).toBe(200);
    expect(ok.headers?.['content-type']).toBe('image/png');
    const etag = String(ok.headers?.['etag']);
    expect(photoResponse(dir.person('p@x.com'), etag).status).toBe(304);
    expect(photoResponse(dir.person('p@x.com'), '"other"').status).toBe(200);
    expect(() => photoResponse(dir.person('n@x.com'), undefined)).toThrow(/No photo/);
    expect(() => photoResponse(undefined, undefined)).toThrow(/No photo/);
  });
});

describe('the cwt_ucwa cookie', () => {
  it('carries the token without its cwt= prefix, for the photos path only', () => {
    expect(photoCookie('Bearer cwt=AAEB.x', '/ucwa/oauth/v1/applications/1/photos')).toBe('cwt_ucwa=AAEB.x; path=/ucwa/oauth/v1/applications/1/photos; secure; HttpOnly');
    expect(photoCookie(undefined, '/p')).toBeUndefined();
    expect(authorizationFromPhotoCookie('/ucwa/oauth/v1/applications/1/photos/a@x.com', 'x=1; cwt_ucwa=AAEB.x')).toBe('Bearer cwt=AAEB.x');
    expect(authorizationFromPhotoCookie('/ucwa/oauth/v1/applications/1/me', 'cwt_ucwa=AAEB.x')).toBeUndefined();
    expect(authorizationFromPhotoCookie('/ucwa/oauth/v1/applications/1/photos/a', undefined)).toBeUndefined();
  });
});
