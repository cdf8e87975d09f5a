/**
 * Contact photos as the window may show them. The bytes come from the server, so nothing is taken
 * on its word: the image type is read from the bytes themselves (never the Content-Type, never SVG,
 * which can carry script), and the size is capped before anything is held.
 */

/** Largest photo read. Exchange serves at most 648×648 JPEGs, tens of kilobytes; more is not a photo. */
export const MAX_PHOTO_BYTES = 512 * 1024;

/** The raster formats a photo may be in. */
export type PhotoMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The image type the bytes are, by their signature; `undefined` for anything else. */
export function sniffImageType(bytes: Uint8Array): PhotoMediaType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (the engine has no Buffer). */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : BASE64[c & 63]!;
  }
  return out;
}

/**
 * The `data:` URL the window shows a photo through, or `undefined` when the bytes are not a raster
 * image of a known type or are over `MAX_PHOTO_BYTES`.
 */
export function photoDataUrl(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES) return undefined;
  const type = sniffImageType(bytes);
  return type === undefined ? undefined : `data:${type};base64,${base64(bytes)}`;
}

/** A photo request's answer, as the photo cache sees it. */
export type PhotoAnswer =
  /** The server has no photo (or refused it): show initials. */
  | { readonly kind: 'none' }
  /** `If-None-Match` matched: the cached photo is current. */
  | { readonly kind: 'notModified' }
  | { readonly kind: 'image'; readonly bytes: Uint8Array; readonly etag?: string };
