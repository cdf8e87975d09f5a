import { APPLICATIONS_PATH } from './hal';
import type { SimRequest, SimResponse } from './http-types';
import { eventsToXml, resourceToXml } from './xml';

/** The XML media types UCWA serves (PayloadFormat: the generic one and the precise one). */
export const XML_TYPES = ['application/xml', 'application/vnd.microsoft.com.ucwa+xml'] as const;
const JSON_TYPES = ['application/json', 'application/vnd.microsoft.com.ucwa+json'] as const;

interface MediaRange {
  readonly type: string;
  readonly q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!type.includes('/')) continue;
    let q = 1;
    for (const param of params) {
      const m = /^q\s*=\s*([0-9.]+)$/.exec(param);
      if (m?.[1] !== undefined && Number.isFinite(Number(m[1]))) q = Math.min(1, Number(m[1]));
    }
    ranges.push({ type, q });
  }
  return ranges;
}

/** q of a media type under the most specific matching range (RFC 9110 §12.5.1), 0 if none. */
function qualityOf(ranges: readonly MediaRange[], type: string): number {
  const [major] = type.split('/');
  const exact = ranges.filter((r) => r.type === type);
  if (exact.length > 0) return Math.max(...exact.map((r) => r.q));
  const sub = ranges.filter((r) => r.type === `${major}/*`);
  if (sub.length > 0) return Math.max(...sub.map((r) => r.q));
  return ranges.find((r) => r.type === '*/*')?.q ?? 0;
}

/**
 * The XML media type to answer with, or undefined for JSON. XML only when the client ranks an
 * XML type strictly above every JSON type: no `Accept`, `*\/*` or a tie keeps JSON (what every
 * UCWA client expects by default). The type answered is the XML type the client named. Pure.
 */
export function preferredXmlType(accept: string | undefined): (typeof XML_TYPES)[number] | undefined {
  if (accept === undefined || accept.trim() === '') return undefined;
  const ranges = parseAccept(accept);
  const json = Math.max(...JSON_TYPES.map((t) => qualityOf(ranges, t)));
  const scored = XML_TYPES.map((type) => ({ type, q: qualityOf(ranges, type), named: ranges.some((r) => r.type === type) }));
  const best = scored.reduce((a, b) => (b.q > a.q || (b.q === a.q && b.named && !a.named) ? b : a));
  return best.q > json ? best.type : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Content negotiation for UCWA resources and event pages, applied once on the way out so the
 * handlers keep building JSON: when `Accept` prefers XML, a successful JSON answer under
 * `applications` is re-expressed as XML. Errors stay JSON (their XML form is not documented),
 * as do discovery and the token endpoint, which are not UCWA resources.
 */
export function negotiate(req: SimRequest, out: SimResponse): SimResponse {
  const type = preferredXmlType(req.headers['accept']);
  if (type === undefined || out.body === undefined || out.status >= 300) return out;
  const contentType = out.headers?.['content-type'];
  if (typeof contentType !== 'string' || !/^application\/json/i.test(contentType)) return out;
  const path = req.url.pathname.toLowerCase();
  if (!path.startsWith(`${APPLICATIONS_PATH}/`) && path !== APPLICATIONS_PATH) return out;
  let value: unknown;
  try {
    value = JSON.parse(out.body);
  } catch {
    return out; // a deliberately malformed answer (fault injection) stays as it is
  }
  if (!isObject(value)) return out;
  const events = req.method === 'GET' && /\/events\/?$/.test(path);
  const body = events ? eventsToXml(value) : resourceToXml(value);
  // Seed 002 answers `Content-Type: application/xml`, without a charset (the declaration has it).
  return { ...out, headers: { ...out.headers, 'content-type': type }, body };
}
