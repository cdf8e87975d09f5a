import { deflateSync, gzipSync } from 'node:zlib';

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

/** Encodes a body; `deflate` is the zlib format HTTP names "deflate" (RFC 9110 §8.4.1.2). Pure. */
export function encodeBody(body: Buffer, coding: ContentCoding): Buffer {
  switch (coding) {
    case 'gzip':
      return gzipSync(body);
    case 'deflate':
      return deflateSync(body);
    case 'identity':
      return body;
  }
}
