/**
 * Assertions on raw UCWA answers: JSON resources, §8.1 error bodies and empty successes, each
 * checking the framing a client relies on as well as the status.
 */
import { expect } from 'vitest';
import { obj } from '../support/json';
import { decodedJson, header, type RawConnection, type RawResponse } from './raw-client';

/** A JSON answer: status, JSON content type, a Content-Length matching the bytes, keep-alive kept; its body. */
export function expectJson(res: RawResponse, status: number): Record<string, unknown> {
  expect(res.status, res.body.toString('utf8')).toBe(status);
  expect(header(res, 'content-type')).toBe('application/json; charset=utf-8');
  expect(Number(header(res, 'content-length'))).toBe(res.body.length);
  expect(header(res, 'connection')?.toLowerCase()).not.toBe('close');
  return obj(decodedJson(res));
}

/** A UCWA error answer (§8.1): status, JSON, `code`, a string `message` and (when given) `subcode`. */
export function expectError(res: RawResponse, status: number, code: string, subcode?: string): Record<string, unknown> {
  const body = expectJson(res, status);
  expect(body['code']).toBe(code);
  expect(typeof body['message']).toBe('string');
  if (subcode !== undefined) expect(body['subcode']).toBe(subcode);
  return body;
}

/** An empty success: 204 with no body and nothing after it on the connection. */
export function expectNoContent(res: RawResponse, conn: RawConnection): void {
  expect(res.status, res.body.toString('utf8')).toBe(204);
  expect(res.body.length).toBe(0);
  expect(header(res, 'content-type')).toBeUndefined();
  expect(conn.pending.length).toBe(0);
}

/** Whether a resource links `rel`. */
export const hasLink = (resource: Record<string, unknown>, rel: string): boolean => rel in obj(resource['_links'] ?? {});
