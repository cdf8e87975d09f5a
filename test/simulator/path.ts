/**
 * The request target as IIS reads it (RFC 9112 §3.2): an origin-form path, never an authority.
 * `//ucwa/oauth//v1` is the path `/ucwa/oauth/v1`, not the host `ucwa`.
 */

/** A request target split into its normalised path and its raw query (with `?`, or ''). */
export interface RequestTarget {
  readonly path: string;
  readonly search: string;
}

// RFC 3986 §3.3 pchar: unreserved, sub-delims, ':' and '@' mean the same escaped or not in a path.
const PCHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;

/**
 * Normalises percent-encoding so equivalent paths compare equal (RFC 3986 §6.2.2): escapes of
 * path characters and of UTF-8 text are decoded (so `%41`, `%7e`, `%40` and `A`, `~`, `@` match),
 * escapes that would change the path's structure stay encoded with upper-case hex. Malformed escapes are left as they are. Pure.
 */
export function normalizePercent(path: string): string {
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length === 0) return;
    const decoded = Buffer.from(bytes).toString('utf8');
    // Invalid UTF-8 decodes to U+FFFD: keep such bytes escaped instead of losing them.
    out += decoded.includes('\uFFFD') ? bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('') : decoded;
    bytes.length = 0;
  };
  for (let i = 0; i < path.length; i++) {
    const escape = path[i] === '%' ? /^%[0-9A-Fa-f]{2}/.exec(path.slice(i)) : null;
    if (!escape) {
      flush();
      out += path[i];
      continue;
    }
    const upper = escape[0].toUpperCase();
    i += 2;
    const byte = parseInt(upper.slice(1), 16);
    if (byte < 0x80 && !PCHAR.test(String.fromCharCode(byte))) {
      // '/', '?', '#', '%', space, controls…: decoding them would change the path's structure.
      flush();
      out += upper;
      continue;
    }
    bytes.push(byte);
  }
  flush();
  return out;
}

/**
 * Reads a raw request target (`req.url`): origin-form (`/a//b?x`) or absolute-form
 * (`http://host/a`, as sent through proxies). Repeated slashes collapse, backslashes count as
 * slashes (as IIS treats them), dot segments are resolved, percent-encoding is normalised.
 * The query is returned untouched. Pure.
 */
export function parseTarget(raw: string): RequestTarget {
  let target = raw;
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  if (absolute) target = target.slice(absolute[0].length);
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf('?');
  const rawPath = q >= 0 ? target.slice(0, q) : target;
  const search = q >= 0 ? target.slice(q) : '';
  const segments: string[] = [];
  for (const segment of normalizePercent(rawPath.replace(/\\/g, '/')).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && /\/$/.test(rawPath) ? '/' : '';
  return { path: `/${segments.join('/')}${trailing}`, search: search === '?' ? '' : search };
}

/**
 * The absolute URL handlers see for a request target on `origin`. Built by assignment, never by
 * parsing the target, so a leading `//` can never become an authority.
 */
export function targetUrl(raw: string, origin: string): URL {
  const { path, search } = parseTarget(raw);
  const url = new URL(origin);
  url.pathname = path;
  url.search = search;
  return url;
}
