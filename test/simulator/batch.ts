import { randomUUID } from 'node:crypto';
import { UcwaError } from './errors';
import { json, type SimRequest, type SimResponse } from './http-types';
import { targetUrl } from './path';
import type { SimCore } from './sim-core';

/** One HTTP message inside a `multipart/batching` body. */
export interface BatchPart {
  /** Request line (`GET /path HTTP/1.1`) or status line (`HTTP/1.1 200 OK`). */
  readonly startLine: string;
  /** Inner header names lower-cased. */
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The boundary parameter of a multipart content type, or undefined. Pure. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2];
}

function splitHead(text: string): [string, string] {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? [text.slice(0, m.index), text.slice(m.index + m[0].length)] : [text, ''];
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Parses a `multipart/batching` body (RFC 2046; CRLF or bare LF) into its inner HTTP messages.
 * Throws on a body without any part. Pure.
 */
export function parseBatch(body: string, boundary: string): BatchPart[] {
  const delimiter = `--${boundary}`;
  const chunks = body.split(delimiter);
  const parts: BatchPart[] = [];
  // chunks[0] is the preamble; a chunk starting with `--` is the close delimiter's epilogue.
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const content = chunk.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, '');
    const [, http] = splitHead(content); // part headers (Content-Type: application/http…) are not needed
    const [head, innerBody] = splitHead(http.replace(/^(\r?\n)+/, ''));
    const lines = head.split(/\r?\n/);
    const startLine = (lines.shift() ?? '').trim();
    if (startLine === '') continue;
    const headers = parseHeaders(lines);
    const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
    parts.push({ startLine, headers, body: length !== undefined && Number.isFinite(length) ? innerBody.slice(0, length) : innerBody });
  }
  if (parts.length === 0) throw new Error('no parts in the batch body');
  return parts;
}

/** Serialises inner HTTP messages into a `multipart/batching` body with CRLF line endings. Pure. */
export function serializeBatch(parts: readonly BatchPart[], boundary: string, msgtype: 'request' | 'response'): string {
  let out = '';
  for (const part of parts) {
    out += `--${boundary}\r\nContent-Type: application/http; msgtype=${msgtype}\r\n\r\n${part.startLine}\r\n`;
    for (const [name, value] of Object.entries(part.headers)) out += `${name}: ${value}\r\n`;
    out += `\r\n${part.body}\r\n`;
  }
  return `${out}--${boundary}--\r\n`;
}

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error' };

/** Outstanding batched requests per user, for the 100-request limit. */
const outstanding = new WeakMap<SimCore, Map<string, number>>();

/**
 * `POST <batch>` (ucwa-protocol.md §7): runs each inner request in order and answers with one
 * `msgtype=response` part per request, in request order. Over the limit → 429, nothing executed.
 */
export async function handleBatch(core: SimCore, req: SimRequest, user: string, dispatch: (req: SimRequest, user: string) => Promise<SimResponse>): Promise<SimResponse> {
  const type = req.headers['content-type'] ?? '';
  const boundary = boundaryOf(type);
  if (!/^multipart\/batching/i.test(type) || boundary === undefined) {
    throw new UcwaError(415, 'UnsupportedMediaType', 'A batch must be multipart/batching with a boundary.');
  }
  let parts: BatchPart[];
  try {
    parts = parseBatch(req.body, boundary);
  } catch {
    throw new UcwaError(400, 'DeserializationFailure', 'The batch body could not be parsed.');
  }
  const counts = outstanding.get(core) ?? new Map<string, number>();
  outstanding.set(core, counts);
  const busy = counts.get(user) ?? 0;
  if (busy + parts.length > core.config.batchLimit) {
    return json(429, new UcwaError(429, 'TooManyRequests', 'Too many outstanding requests; retry later with a smaller batch.').body());
  }
  counts.set(user, busy + parts.length);
  const answers: BatchPart[] = [];
  try {
    for (const part of parts) {
      const [method = 'GET', target = '/'] = part.startLine.split(/\s+/);
      let res: SimResponse;
      try {
        // Origin-form targets are paths, never authorities (`//ucwa/…` stays on this server).
        const url = targetUrl(target, target.startsWith('/') ? req.url.origin : new URL(target, req.url).origin);
        const inner: SimRequest = { method: method.toUpperCase(), url, headers: { ...part.headers, authorization: part.headers['authorization'] ?? req.headers['authorization'] }, body: part.body, closed: req.closed, inBatch: true };
        res = url.origin !== req.url.origin ? json(400, new UcwaError(400, 'BadRequest', 'Batched requests must target this server.').body()) : await dispatch(inner, user);
      } catch {
        res = json(400, new UcwaError(400, 'BadRequest', 'The batched request could not be parsed.').body());
      }
      const headers: Record<string, string> = {};
      const body = res.body ?? '';
      for (const [k, v] of Object.entries(res.headers ?? {})) headers[k] = typeof v === 'string' ? v : v.join(', ');
      if (body !== '') headers['content-length'] = String(Buffer.byteLength(body));
      answers.push({ startLine: `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`.trim(), headers, body });
    }
  } finally {
    counts.set(user, (counts.get(user) ?? parts.length) - parts.length);
  }
  const outBoundary = randomUUID();
  return { status: 200, headers: { 'content-type': `multipart/batching; boundary="${outBoundary}"`, 'cache-control': 'no-cache' }, body: serializeBatch(answers, outBoundary, 'response') };
}
