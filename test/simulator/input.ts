import { UcwaError } from './errors';
import type { SimRequest } from './http-types';

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

/**
 * Reads the inputs of a request. A non-empty body must be JSON (415 otherwise); query parameters
 * are inputs too, with the body winning on conflicts. Links and embedded resources are ignored.
 */
export function readInputs(req: SimRequest): InputBag {
  const entries: [string, unknown][] = [];
  for (const [key, value] of req.url.searchParams) entries.push([key, value]);
  if (req.body.trim() !== '') {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (!type.includes('json')) {
      throw new UcwaError(415, 'UnsupportedMediaType', 'The request body must be application/json.');
    }
    for (const [key, value] of Object.entries(parseJsonObject(req.body))) {
      if (key === '_links' || key === '_embedded') continue;
      entries.push([key, value]);
    }
  }
  return new InputBag(entries);
}
