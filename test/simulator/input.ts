import { UcwaError } from './errors';
import type { SimRequest } from './http-types';
import { parseXml, xmlInputs, XmlSyntaxError } from './xml';

/**
 * The inputs of a UCWA POST: JSON body properties and query parameters, looked up
 * case-insensitively (the real server binds `UserAgent` and `userAgent` alike, §3.1, §8.5).
 */
export class InputBag {
  private readonly values = new Map<string, unknown>();

  constructor(entries: Iterable<[string, unknown]>) {
    for (const [key, value] of entries) this.values.set(key.toLowerCase(), value);
  }

  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }

  get(name: string): unknown {
    return this.values.get(name.toLowerCase());
  }

  /** A string input, or undefined when absent; 400 when present with another type. */
  string(name: string): string | undefined {
    const value = this.get(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new UcwaError(400, 'ParameterValidationFailure', `Parameter ${name} must be a string.`, [{ name, reason: 'type' }]);
    return value;
  }

  /** A number input (query values are strings, so numeric strings count). */
  number(name: string): number | undefined {
    const value = this.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (!Number.isFinite(n)) throw new UcwaError(400, 'ParameterValidationFailure', `Parameter ${name} must be a number.`, [{ name, reason: 'type' }]);
    return n;
  }

  /** A string-array input; a single string counts as a one-element array. */
  strings(name: string): string[] | undefined {
    const value = this.get(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
    throw new UcwaError(400, 'ParameterValidationFailure', `Parameter ${name} must be an array of strings.`, [{ name, reason: 'type' }]);
  }

  get size(): number {
    return this.values.size;
  }
}

/** Parses a JSON body into an object; 400 DeserializationFailure if it is not one. */
export function parseJsonObject(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new UcwaError(400, 'DeserializationFailure', 'The request body could not be deserialized.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UcwaError(400, 'DeserializationFailure', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** How a request body is written, read from its media type (parameters, case and quotes ignored). */
export type BodyFormat = 'json' | 'xml' | 'unsupported';

/**
 * `application/json; charset=utf-8`, `Application/JSON`, `application/vnd.microsoft.com.ucwa+json`
 * → json; `application/xml`, `text/xml`, `…+xml` → xml. Without a Content-Type the body itself
 * decides (`{` → json, `<` → xml), as lenient servers do for clients that forget the header. Pure.
 */
export function bodyFormat(contentType: string | undefined, body: string): BodyFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '') {
    const first = body.trimStart()[0];
    return first === '{' ? 'json' : first === '<' ? 'xml' : 'unsupported';
  }
  if (/^application\/(?:[\w.-]+\+)?json$/.test(type)) return 'json';
  if (/^(?:application|text)\/(?:[\w.-]+\+)?xml$/.test(type)) return 'xml';
  return 'unsupported';
}

/** Parses a UCWA XML body (`<resource><property name>…`) into its inputs; 400 DeserializationFailure if malformed. */
export function parseXmlObject(body: string): Record<string, unknown> {
  try {
    return xmlInputs(parseXml(body));
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new UcwaError(400, 'DeserializationFailure', 'The request body could not be deserialized.');
    throw e;
  }
}

/**
 * Reads the inputs of a request. A non-empty body must be JSON or XML (415 otherwise); query
 * parameters are inputs too, with the body winning on conflicts. Links and embedded resources are ignored.
 */
export function readInputs(req: SimRequest): InputBag {
  const entries: [string, unknown][] = [];
  for (const [key, value] of req.url.searchParams) entries.push([key, value]);
  if (req.body.trim() !== '') {
    const format = bodyFormat(req.headers['content-type'], req.body);
    if (format === 'unsupported') {
      throw new UcwaError(415, 'UnsupportedMediaType', 'The request body must be application/json or application/xml.');
    }
    const values = format === 'json' ? parseJsonObject(req.body) : parseXmlObject(req.body);
    for (const [key, value] of Object.entries(values)) {
      if (key === '_links' || key === '_embedded') continue;
      entries.push([key, value]);
    }
  }
  return new InputBag(entries);
}
