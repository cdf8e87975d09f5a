/**
 * Tiny, strict accessors for untyped JSON in conformance tests: each one throws a readable error
 * when the simulator's answer does not have the documented shape, so a lying simulator fails loudly.
 */

export type JsonObject = Record<string, unknown>;

/** The value as a plain JSON object, or a thrown error naming `what`. */
export function obj(value: unknown, what = 'value'): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not a JSON object: ${JSON.stringify(value)}`);
  }
  return value as JsonObject;
}

/** The value as an array, or a thrown error naming `what`. */
export function arr(value: unknown, what = 'value'): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a JSON array: ${JSON.stringify(value)}`);
  return value;
}

/** The value as a string, or a thrown error naming `what`. */
export function str(value: unknown, what = 'value'): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string: ${JSON.stringify(value)}`);
  return value;
}

/** Walks `path` through nested objects (no arrays); throws naming the first missing step. */
export function dig(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  const walked: string[] = [];
  for (const key of path) {
    const here = obj(current, walked.join('.') || 'root');
    walked.push(key);
    if (!(key in here)) throw new Error(`missing ${walked.join('.')} in ${JSON.stringify(value)}`);
    current = here[key];
  }
  return current;
}

/** The `_links` rel names of a HAL resource (empty when it has none). */
export function linkRels(resource: unknown): string[] {
  const links = obj(resource, 'resource')['_links'];
  return links === undefined ? [] : Object.keys(obj(links, '_links'));
}

/** True when the resource carries a link with this rel. */
export function hasLink(resource: unknown, rel: string): boolean {
  return linkRels(resource).includes(rel);
}

/**
 * Absolute URL of a link, resolved against the URL of the response that carried it
 * (UCWA hrefs may be relative or absolute — ucwa-protocol.md §3.1).
 */
export function link(resource: unknown, rel: string, baseUrl: string): string {
  const entry = obj(dig(resource, '_links', rel), `_links.${rel}`);
  return new URL(str(entry['href'], `_links.${rel}.href`), baseUrl).toString();
}

/** An embedded resource (`_embedded[rel]`), which may be an object or an array. */
export function embedded(resource: unknown, rel: string): unknown {
  return dig(resource, '_embedded', rel);
}

/** Case-insensitive search of a JSON value's text (for `parameters`, whose exact shape is unconfirmed). */
export function mentions(value: unknown, word: string): boolean {
  return JSON.stringify(value ?? null).toLowerCase().includes(word.toLowerCase());
}
