import { deflateSync, gzipSync } from 'node:zlib';
import type { SimResponse } from './http-types';

/** A response content coding the simulator can produce (RFC 9110 §8.4.1). */
export type ContentCoding = 'gzip' | 'deflate' | 'identity';

interface Range {
  readonly coding: string;
  readonly q: number;
}

/** `gzip;q=0.5, *;q=0` → ranges; unparsable q-values count as 1 (lenient, like IIS). Pure. */
export function parseAcceptEncoding(header: string): Range[] {
  const ranges: Range[] = [];
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    if (name === '') continue;
    let q = 1;
    for (const param of params) {
      const m = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (m?.[1] !== undefined && Number.isFinite(Number(m[1]))) q = Math.min(1, Number(m[1]));
    }
    ranges.push({ coding: name.toLowerCase(), q });
  }
  return ranges;
}

function qualityOf(ranges: readonly Range[], coding: string): number | undefined {
  const named = ranges.filter((r) => r.coding === coding || (coding === 'gzip' && r.coding === 'x-gzip'));
  if (named.length > 0) return Math.max(...named.map((r) => r.q));
  return ranges.find((r) => r.coding === '*')?.q;
}

/**
 * The coding to answer with for an `Accept-Encoding` value: the acceptable coding with the highest
 * q (gzip before deflate on a tie, both before identity). No header, an empty one, or nothing
 * acceptable → identity: a server may always fall back to identity (RFC 9110 §12.5.3), and IIS
 * does rather than answering 406. Pure.
 */
export function chooseEncoding(header: string | undefined): ContentCoding {
  if (header === undefined || header.trim() === '') return 'identity';
  const ranges = parseAcceptEncoding(header);
  const gzip = qualityOf(ranges, 'gzip') ?? 0;
  const deflate = qualityOf(ranges, 'deflate') ?? 0;
  // identity competes only when the client ranks it (by name or through `*`); unranked, it is
  // the fallback that is always acceptable (RFC 9110 §12.5.3).
  const identity = qualityOf(ranges, 'identity') ?? 0;
  const best = Math.max(gzip, deflate);
  if (best <= 0 || best < identity) return 'identity';
  return gzip >= deflate ? 'gzip' : 'deflate';
}

/** Media types worth compressing (IIS's dynamic compression list covers these text types). */
export function isCompressible(contentType: string | undefined): boolean {
  return /^\s*(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml)|multipart\/batching)/i.test(contentType ?? '');
}

/**
 * IIS compresses dynamic answers at its lowest level unless configured otherwise
 * (`dynamicCompressionLevel` defaults to 0): the fastest zlib level, not zlib's default 6.
 */
const DYNAMIC_LEVEL = { level: 1 } as const;

/** Encodes a body; `deflate` is the zlib format HTTP names "deflate" (RFC 9110 §8.4.1.2). Pure. */
export function encodeBody(body: Buffer, coding: ContentCoding): Buffer {
  switch (coding) {
    case 'gzip':
      return gzipSync(body, DYNAMIC_LEVEL);
    case 'deflate':
      return deflateSync(body, DYNAMIC_LEVEL);
    case 'identity':
      return body;
  }
}

/** What goes on the wire for an answer: the headers to add and the exact body bytes (if any). */
export interface WireBody {
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: Buffer | undefined;
}

/**
 * The body an answer is sent with: text types compressed with the coding `Accept-Encoding`
 * prefers (`Content-Encoding`, and `Vary` since the bytes depend on the request), identity
 * otherwise; binary bodies (`bytes`) as they are; an exact `Content-Length` whenever there is a
 * body. 204/304 carry none. Pure.
 */
export function wireBody(out: SimResponse, acceptEncoding: string | undefined): WireBody {
  if ((out.body === undefined && out.bytes === undefined) || out.status === 204 || out.status === 304) return { headers: {}, payload: undefined };
  const raw = out.bytes !== undefined ? Buffer.from(out.bytes) : Buffer.from(out.body ?? '', 'utf8');
  const type = Object.entries(out.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (!isCompressible(typeof type === 'string' ? type : undefined)) return { headers: { 'content-length': String(raw.length) }, payload: raw };
  const coding = chooseEncoding(acceptEncoding);
  const vary = { vary: 'Accept, Accept-Encoding' };
  if (coding === 'identity' || raw.length === 0) return { headers: { ...vary, 'content-length': String(raw.length) }, payload: raw };
  const payload = encodeBody(raw, coding);
  return { headers: { ...vary, 'content-encoding': coding, 'content-length': String(payload.length) }, payload };
}
