import { UcwaError } from './ucwa-error';

/**
 * Hypermedia helpers: UCWA resources carry `_links` (rel → {href}) and `_embedded` (rel → resource).
 * hrefs may be relative; they are always resolved against the URL of the response that carried
 * them (ucwa-protocol.md §3.1, D:weblinks). Nothing here builds a path by hand.
 */

/** A JSON object we have checked is an object (not an array, not null). */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves `href` against `base`; throws a `malformed` UcwaError when it is not a URL. */
export function resolveHref(href: string, base: string): string {
  try {
    return new URL(href, base).toString();
  } catch {
    throw new UcwaError('malformed', 'The server sent a link that is not a URL.');
  }
}

function hrefOf(value: unknown): string | undefined {
  return isJsonObject(value) && typeof value['href'] === 'string' ? value['href'] : undefined;
}

/**
 * All links of a resource as rel → absolute href. A rel that repeats (arrays, e.g. `contact`)
 * keeps its first href here; use `linkList` for those.
 */
export function links(resource: unknown, base: string): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!isJsonObject(resource)) return out;
  const raw = resource['_links'];
  if (!isJsonObject(raw)) return out;
  for (const [rel, value] of Object.entries(raw)) {
    const href = Array.isArray(value) ? hrefOf(value[0]) : hrefOf(value);
    if (href !== undefined) out[rel] = resolveHref(href, base);
  }
  return out;
}

/**
 * `links`, for the named rels only: the others are not resolved. A contact list carries thousands
 * of links (photo, location, privacy…) that its reader never follows.
 */
export function pickLinks<R extends string>(resource: unknown, rels: readonly R[], base: string): Partial<Record<R, string>> {
  const out: Partial<Record<R, string>> = {};
  if (!isJsonObject(resource)) return out;
  const raw = resource['_links'];
  if (!isJsonObject(raw)) return out;
  for (const rel of rels) {
    if (!Object.hasOwn(raw, rel)) continue;
    const value = raw[rel];
    const href = Array.isArray(value) ? hrefOf(value[0]) : hrefOf(value);
    if (href !== undefined) out[rel] = resolveHref(href, base);
  }
  return out;
}

/** The absolute href of `rel`, or undefined when the link is absent (= capability unavailable). */
export function link(resource: unknown, rel: string, base: string): string | undefined {
  return links(resource, base)[rel];
}

/** Like `link`, but a missing link is a protocol violation (`malformed`). */
export function requireLink(resource: unknown, rel: string, base: string): string {
  const href = link(resource, rel, base);
  if (href === undefined) throw new UcwaError('malformed', `The server's answer has no "${rel}" link.`);
  return href;
}

/** Every href of a rel that may repeat (`contact`, `group`): arrays and single objects alike. */
export function linkList(resource: unknown, rel: string, base: string): readonly string[] {
  if (!isJsonObject(resource)) return [];
  const raw = resource['_links'];
  if (!isJsonObject(raw)) return [];
  const value = raw[rel];
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.flatMap((item) => {
    const href = hrefOf(item);
    return href === undefined ? [] : [resolveHref(href, base)];
  });
}

/** Deeper than any UCWA resource nests; the HTTP client refuses deeper JSON before it gets here. */
export const MAX_LINK_DEPTH = 64;

/**
 * Deep copy of an embedded resource with every `_links` href made absolute (consumers have no base
 * URL). Depth-limited: nesting past `maxDepth` is `malformed` (cause `tooDeep`), never a stack overflow.
 * Built with `Object.fromEntries`: assigning a `__proto__` key that JSON.parse made an own property
 * would set the copy's prototype instead of copying the data.
 */
export function absolutizeLinks(value: unknown, base: string, maxDepth = MAX_LINK_DEPTH): unknown {
  const fix = (entry: unknown): unknown =>
    isJsonObject(entry) && typeof entry['href'] === 'string' ? { ...entry, href: resolveHref(entry['href'], base) } : entry;
  const walk = (item: unknown, depth: number): unknown => {
    if (depth > maxDepth) {
      throw new UcwaError('malformed', `The server's answer is nested deeper than ${maxDepth} levels.`, { cause: 'tooDeep' });
    }
    if (Array.isArray(item)) return item.map((entry) => walk(entry, depth + 1));
    if (!isJsonObject(item)) return item;
    return Object.fromEntries(
      Object.entries(item).map(([key, child]) =>
        key === '_links' && isJsonObject(child)
          ? [key, Object.fromEntries(Object.entries(child).map(([rel, target]) => [rel, Array.isArray(target) ? target.map(fix) : fix(target)]))]
          : [key, walk(child, depth + 1)],
      ),
    );
  };
  return walk(value, 0);
}

/** `_embedded[rel]` of a resource, or undefined. */
export function embedded(resource: unknown, rel: string): unknown {
  if (!isJsonObject(resource)) return undefined;
  const raw = resource['_embedded'];
  return isJsonObject(raw) ? raw[rel] : undefined;
}

/** A string property, or undefined when absent or not a string. */
export function stringProp(resource: unknown, name: string): string | undefined {
  if (!isJsonObject(resource)) return undefined;
  const value = resource[name];
  return typeof value === 'string' ? value : undefined;
}

/** Requires the body to be a JSON object (a 2xx answer that is not one is `malformed`). */
export function requireObject(body: unknown, what: string): JsonObject {
  if (!isJsonObject(body)) throw new UcwaError('malformed', `The server's ${what} is not a JSON object.`);
  return body;
}
