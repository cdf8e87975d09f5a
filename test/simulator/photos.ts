import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { contactId, type Person } from './directory';
import { notFound } from './errors';
import type { SimResponse } from './http-types';

/** Side of the generated photos, in pixels (the address book's thumbnails are small). */
export const PHOTO_SIZE = 48;

/**
 * A small PNG portrait generated from `seed`: a coloured background and a lighter head-and-shoulders
 * silhouette, so that different people get visibly different pictures. Pure and deterministic.
 */
export function photoPng(seed: string, size = PHOTO_SIZE): Buffer {
  const digest = createHash('sha256').update(seed).digest();
  const bg = [digest[0]! % 160 + 40, digest[1]! % 160 + 40, digest[2]! % 160 + 40];
  const fg = bg.map((c) => Math.min(255, c + 90));
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0 (None), then RGB
    for (let x = 0; x < size; x += 1) {
      const inHead = (x - size / 2) ** 2 + (y - size * 0.38) ** 2 < (size * 0.2) ** 2;
      const inShoulders = y > size * 0.66 && (x - size / 2) ** 2 / (size * 0.38) ** 2 + (y - size) ** 2 / (size * 0.34) ** 2 < 1;
      const colour = inHead || inShoulders ? fg : bg;
      row.set(colour, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

/** The strong ETag of a person's photo. */
export function photoEtag(person: Person): string {
  return `"${createHash('sha1').update(`photo:${contactId(person.uri)}`).digest('hex').slice(0, 16)}"`;
}

/**
 * `GET photos/{address}`: the PNG with `Cache-Control: private` and an ETag (304 on a matching
 * `If-None-Match`), or 404 when the address book holds no photo for the person.
 */
export function photoResponse(person: Person | undefined, ifNoneMatch: string | undefined): SimResponse {
  if (!person || !person.hasPhoto) throw notFound('No photo is available.');
  const etag = photoEtag(person);
  const headers = { 'content-type': 'image/png', 'cache-control': 'private', etag };
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    return { status: 304, headers };
  }
  return { status: 200, headers, bytes: photoPng(contactId(person.uri)) };
}

/** Name of the cookie POST applications sets so that `<img src>` photo fetches authenticate (§2.4). */
export const PHOTO_COOKIE = 'cwt_ucwa';

/**
 * `Set-Cookie` for an application's photos path: the token without its `cwt=` prefix, as the
 * capture shows. `authorization` is the request's own header.
 */
export function photoCookie(authorization: string | undefined, photosPath: string): string | undefined {
  const token = /^Bearer\s+cwt=(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
  return token === undefined ? undefined : `${PHOTO_COOKIE}=${token}; path=${photosPath}; secure; HttpOnly`;
}

/**
 * The Authorization a photo request carries through its `cwt_ucwa` cookie, for requests that
 * send no Authorization header (browsers' `<img>` fetches).
 */
export function authorizationFromPhotoCookie(path: string, cookieHeader: string | undefined): string | undefined {
  if (!/\/photos\//i.test(path) || cookieHeader === undefined) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === PHOTO_COOKIE && value.length > 0) return `Bearer cwt=${value.join('=')}`;
  }
  return undefined;
}
