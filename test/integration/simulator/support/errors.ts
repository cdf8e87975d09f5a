/**
 * Assertions on UCWA error bodies (ucwa-protocol.md §8.1): `{code, subcode?, message}` JSON.
 */
import { expect } from 'vitest';
import type { Reply } from './http';
import { obj } from './json';

/** Asserts status, JSON content type, `code`, a string `message` and (when given) `subcode`; returns the body. */
export function expectUcwaError(reply: Reply, status: number, code: string, subcode?: string): Record<string, unknown> {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.contentType).toMatch(/application\/json/);
  const body = obj(reply.json, 'error body');
  expect(body['code']).toBe(code);
  expect(typeof body['message']).toBe('string');
  if (subcode !== undefined) expect(body['subcode']).toBe(subcode);
  return body;
}
