import ky, { type KyInstance } from 'ky';
import { Observable, type SchedulerLike, throwError, timeout } from 'rxjs';
import type { FetchLike, Logger } from '../ports';
import type { ResourceClient, ResourceRequest, ResourceResponse } from './resource-client';
import { UcwaError } from './ucwa-error';
import { findMsRtcOAuth, parseWwwAuthenticate, type OAuthChallenge } from './www-authenticate';

/**
 * The bearer side of authentication, as the HTTP client sees it (implemented by `token.ts`).
 * Tokens are scoped per host (ucwa-protocol.md §2.4), so everything is keyed by URL origin.
 */
export interface Authenticator {
  /** `Authorization` header value for `origin`, when we hold a token for it. */
  authorization(origin: string): string | undefined;
  /**
   * Gets a fresh token for `origin` from the challenge the server just sent. `rejected` is the header
   * the server refused (lets concurrent 401s share one token request).
   */
  authenticate(origin: string, challenge: OAuthChallenge, rejected: string | undefined): Promise<void>;
}

export interface HttpClientOptions {
  readonly fetch: FetchLike;
  readonly logger: Logger;
  readonly authenticator?: Authenticator;
  /** Timeout for requests that do not set their own (ms). */
  readonly defaultTimeoutMs?: number;
  /**
   * When given, a whole-request deadline (headers AND body) runs on this scheduler: ky's timeout
   * only covers the wait for headers, and a server that stalls mid-body must not hang the loop.
   */
  readonly scheduler?: SchedulerLike;
  /** Slack after ky's own timeout before that deadline fires (default 5 s). */
  readonly deadlineSlackMs?: number;
  /**
   * Called before every request and every redirect hop; rejects when the URL must not be contacted
   * (trust rules, https only). Absent: everything is admitted (unit tests of other concerns).
   */
  readonly admit?: (url: string) => Promise<void>;
  /** What a server can make us hold: body and JSON nesting caps. */
  readonly limits?: Partial<BodyLimits>;
}

/** Caps on what one answer may make the client hold. */
export interface BodyLimits {
  /** Largest JSON (or other non-batch) body, in bytes. */
  readonly maxJsonBytes: number;
  /** Largest `multipart/batching` body, in bytes. */
  readonly maxBatchBytes: number;
  /** Deepest JSON nesting (objects and arrays). */
  readonly maxJsonDepth: number;
}

/** UCWA answers are kilobytes; a contact list of thousands is a few MB; a batch holds many answers. */
export const DEFAULT_BODY_LIMITS: BodyLimits = {
  maxJsonBytes: 8 * 1024 * 1024,
  maxBatchBytes: 32 * 1024 * 1024,
  maxJsonDepth: 64,
};

/** Slack after ky's own timeout before the whole-request deadline fires. */
export const BODY_DEADLINE_SLACK_MS = 5_000;

/** Redirect hops followed for one request before giving up. */
export const MAX_REDIRECTS = 10;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Reads a body as a stream and gives up (cancelling the download) as soon as it passes `maxBytes`,
 * so a server cannot make us hold more than that. Over the cap is a `malformed` error with cause
 * `tooLarge`.
 */
export async function readBoundedBytes(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const where = redactUrl(url);
  const tooLarge = (): UcwaError =>
    new UcwaError('malformed', `${where} sent more than ${formatBytes(maxBytes)}; not reading it.`, {
      status: response.status,
      url: where,
      cause: 'tooLarge',
    });
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** `readBoundedBytes`, decoded as UTF-8. */
export async function readBoundedText(response: Response, maxBytes: number, url: string): Promise<string> {
  return new TextDecoder().decode(await readBoundedBytes(response, maxBytes, url));
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}

/**
 * The deepest nesting of objects and arrays in a JSON text, counted without parsing (one pass,
 * no recursion), so a hostile document is refused before anything walks it recursively.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** `JSON.parse` with the nesting cap; too deep is `malformed` with cause `tooDeep`. */
export function parseBoundedJson(text: string, maxDepth: number, url: string, status?: number): unknown {
  const where = redactUrl(url);
  if (jsonDepth(text) > maxDepth) {
    throw new UcwaError('malformed', `${where} sent JSON nested deeper than ${maxDepth} levels.`, {
      url: where,
      cause: 'tooDeep',
      ...(status !== undefined ? { status } : {}),
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UcwaError('malformed', `${where} sent JSON that does not parse.`, {
      url: where,
      ...(status !== undefined ? { status } : {}),
    });
  }
}

/** URL without query string or fragment: the only form of a URL that goes into errors and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

/** Adds query parameters with a URL builder, keeping those the href already carries (e.g. `ack`). */
export function withQuery(href: string, query: Readonly<Record<string, string>> | undefined): string {
  if (query === undefined) return href;
  const url = new URL(href);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

/** Seconds from a `Retry-After` header (delta-seconds form; HTTP dates are ignored: no clock in core). */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** Parses a UCWA error body `{code, subcode, message}`; HTML or garbage yields nothing. */
export function parseErrorBody(text: string): { code?: string; subcode?: string } {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return {};
    const record = body as Record<string, unknown>;
    return {
      ...(typeof record['code'] === 'string' ? { code: record['code'] } : {}),
      ...(typeof record['subcode'] === 'string' ? { subcode: record['subcode'] } : {}),
    };
  } catch {
    return {};
  }
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

function isJsonContentType(contentType: string | null): boolean {
  return contentType !== null && /(^|\/|\+)json\b/i.test(contentType.split(';')[0] ?? '');
}

/** Maps a transport failure (no HTTP answer) to a `network` UcwaError without leaking the URL's query. */
export function networkError(error: unknown, url: string): UcwaError {
  const name = error instanceof Error ? error.name : '';
  const where = redactUrl(url);
  if (name === 'TimeoutError') {
    return new UcwaError('network', `No answer from ${where} in time.`, { url: where, cause: 'timeout' });
  }
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'string'
      ? (cause as { code: string }).code
      : '';
  const kind: 'certificate' | 'dns' | 'refused' | 'other' = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)
    ? 'certificate'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'dns'
      : code === 'ECONNREFUSED'
        ? 'refused'
        : 'other';
  return new UcwaError('network', `Could not reach ${where}${code ? ` (${code})` : ''}.`, { url: where, cause: kind });
}

/** What every request of one client shares. */
interface ClientContext {
  readonly http: KyInstance;
  readonly logger: Logger;
  readonly authenticator: Authenticator | undefined;
  readonly admit: (url: string) => Promise<void>;
  readonly defaultTimeoutMs: number;
  readonly limits: BodyLimits;
}

function clientContext(options: HttpClientOptions): ClientContext {
  const { authenticator } = options;
  const http = ky.create({
    fetch: options.fetch,
    retry: 0,
    throwHttpErrors: false,
    redirect: 'manual',
    hooks: {
      beforeRequest: [
        (request) => {
          // Per hop and per exact origin: a token never travels to another origin, redirect or not.
          request.headers.delete('Authorization');
          const authorization = authenticator?.authorization(new URL(request.url).origin);
          if (authorization !== undefined) request.headers.set('Authorization', authorization);
        },
      ],
    },
  });
  return {
    http,
    logger: options.logger,
    authenticator,
    admit: options.admit ?? (() => Promise.resolve()),
    defaultTimeoutMs: options.defaultTimeoutMs ?? 30_000,
    limits: { ...DEFAULT_BODY_LIMITS, ...options.limits },
  };
}

/** One hop: `request` sent to `url` as `method`, with its body and conditional headers or without. */
async function send(
  context: ClientContext,
  request: ResourceRequest,
  url: string,
  method: string,
  withBody: boolean,
  signal: AbortSignal,
): Promise<Response> {
  // Conditional headers belong to the request as sent; a hop that turns it into a GET drops them.
  const headers: Record<string, string> = { ...(withBody ? request.headers : {}), Accept: request.accept ?? 'application/json' };
  if (withBody && request.body !== undefined && request.contentType !== undefined) headers['Content-Type'] = request.contentType;
  try {
    return await context.http(url, {
      method,
      headers,
      ...(withBody && request.json !== undefined ? { json: request.json } : {}),
      ...(withBody && request.body !== undefined ? { body: request.body } : {}),
      timeout: request.timeoutMs ?? context.defaultTimeoutMs,
      signal,
    });
  } catch (error) {
    throw networkError(error, url);
  }
}

/** The absolute URL a redirect's `Location` names; not a URL is `malformed`. */
function redirectTarget(location: string, current: string, status: number): string {
  try {
    return new URL(location, current).toString();
  } catch {
    throw new UcwaError('malformed', `${redactUrl(current)} redirected to something that is not a URL.`, {
      status,
      url: redactUrl(current),
    });
  }
}

/** Fetch's rules: 303 (and 301/302 after POST) continue as a GET without the body. */
function turnsIntoGet(status: number, method: string): boolean {
  return status === 303 || ((status === 301 || status === 302) && method === 'POST');
}

/** Sends `request` to `url`, following redirects hop by hop; returns the last answer and its URL. */
async function sendFollowing(
  context: ClientContext,
  request: ResourceRequest,
  url: string,
  signal: AbortSignal,
): Promise<{ response: Response; url: string; sentAuthorization: string | undefined }> {
  let current = url;
  let method = request.method;
  let withBody = true;
  for (let hop = 0; ; hop++) {
    await context.admit(current);
    const sentAuthorization = context.authenticator?.authorization(new URL(current).origin);
    const response = await send(context, request, current, method, withBody, signal);
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return { response, url: current, sentAuthorization };
    await response.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS) {
      throw new UcwaError('malformed', `${redactUrl(url)} redirected more than ${MAX_REDIRECTS} times.`, {
        status: response.status,
        url: redactUrl(url),
      });
    }
    const next = redirectTarget(location, current, response.status);
    if (turnsIntoGet(response.status, method)) {
      method = 'GET';
      withBody = false;
    }
    context.logger.log('debug', 'redirect', { from: redactUrl(current), to: redactUrl(next), status: response.status });
    current = next;
  }
}

/** The `http` UcwaError for an answer outside 2xx, with what its error body and headers say. */
function httpError(method: string, response: Response, url: string, text: string): UcwaError {
  const { code, subcode } = parseErrorBody(text);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const where = redactUrl(url);
  return new UcwaError('http', `${method} ${where} answered ${response.status}${subcode ? ` ${subcode}` : code ? ` ${code}` : ''}.`, {
    status: response.status,
    url: where,
    ...(code !== undefined ? { code } : {}),
    ...(subcode !== undefined ? { subcode } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

/**
 * Re-authenticates once when the answer is a 401 (or 403) carrying an MsRtcOAuth challenge;
 * true when it did, so the request is to be sent again.
 */
async function reauthenticated(
  context: ClientContext,
  answer: { response: Response; url: string; sentAuthorization: string | undefined },
): Promise<boolean> {
  const { response, url } = answer;
  if (context.authenticator === undefined || (response.status !== 401 && response.status !== 403)) return false;
  const challenge = findMsRtcOAuth(parseWwwAuthenticate(response.headers.get('www-authenticate') ?? ''), url);
  if (challenge === undefined) return false;
  await response.body?.cancel().catch(() => undefined);
  context.logger.log('info', 'authenticating', { host: new URL(url).host, status: response.status });
  await context.authenticator.authenticate(new URL(url).origin, challenge, answer.sentAuthorization);
  return true;
}

async function perform(context: ClientContext, request: ResourceRequest, signal: AbortSignal): Promise<ResourceResponse> {
  const url = withQuery(request.href, request.query);
  let answer = await sendFollowing(context, request, url, signal);
  if (await reauthenticated(context, answer)) answer = await sendFollowing(context, request, url, signal);
  const { response, url: finalUrl } = answer;
  const contentType = response.headers.get('content-type');
  const cap =
    request.binary?.maxBytes ?? (/^multipart\//i.test(contentType ?? '') ? context.limits.maxBatchBytes : context.limits.maxJsonBytes);
  let raw: Uint8Array;
  try {
    raw = await readBoundedBytes(response, cap, finalUrl);
  } catch (error) {
    if (error instanceof UcwaError) throw error;
    throw networkError(error, url);
  }
  context.logger.log('debug', 'http', { method: request.method, url: redactUrl(finalUrl), status: response.status });
  // The caller asked "only if it changed": 304 is its answer, not a failure.
  const notModified = response.status === 304 && request.headers?.['If-None-Match'] !== undefined;
  if (notModified) return { url: finalUrl, status: 304, headers: headerRecord(response.headers), body: null, text: '' };
  if (request.binary !== undefined && response.status >= 200 && response.status <= 299) {
    return { url: finalUrl, status: response.status, headers: headerRecord(response.headers), body: null, text: '', bytes: raw };
  }
  if (request.bodyUnused === true && response.status >= 200 && response.status <= 299) {
    return { url: finalUrl, status: response.status, headers: headerRecord(response.headers), body: null, text: '' };
  }
  const text = new TextDecoder().decode(raw);
  if (response.status < 200 || response.status > 299) throw httpError(request.method, response, finalUrl, text);
  const body: unknown =
    text.length > 0 && isJsonContentType(contentType)
      ? parseBoundedJson(text, context.limits.maxJsonDepth, finalUrl, response.status)
      : null;
  return { url: finalUrl, status: response.status, headers: headerRecord(response.headers), body, text };
}

/** `perform` as an Observable: one answer then complete; unsubscribing before it aborts the request. */
function abortable(run: (signal: AbortSignal) => Promise<ResourceResponse>): Observable<ResourceResponse> {
  return new Observable<ResourceResponse>((subscriber) => {
    const controller = new AbortController();
    let settled = false;
    run(controller.signal).then(
      (response) => {
        settled = true;
        subscriber.next(response);
        subscriber.complete();
      },
      (error: unknown) => {
        settled = true;
        subscriber.error(error);
      },
    );
    return () => {
      if (!settled) controller.abort();
    };
  });
}

/**
 * The engine's one HTTP client: ky over the injected fetch (Electron `net.fetch` in the app, so
 * proxies, NTLM and the OS certificate store work), `retry: 0` because RxJS owns retries, a bearer
 * hook per exact origin, and one re-authentication + retry on 401 (or 403 carrying a challenge, §2.5).
 * Redirects are followed here, not by fetch: every hop is admitted by the trust rules and gets
 * only its own origin's token. Bodies are read with a cap. Unsubscribing aborts the request.
 */
export function createHttpClient(options: HttpClientOptions): ResourceClient {
  const context = clientContext(options);
  return {
    request(request: ResourceRequest): Observable<ResourceResponse> {
      const raw = abortable((signal) => perform(context, request, signal));
      const scheduler = options.scheduler;
      if (scheduler === undefined) return raw;
      const limit = (request.timeoutMs ?? context.defaultTimeoutMs) + (options.deadlineSlackMs ?? BODY_DEADLINE_SLACK_MS);
      return raw.pipe(
        timeout({
          first: limit,
          scheduler,
          // Unsubscribing from `raw` (which timeout does) aborts the fetch.
          with: () => throwError(() => networkError(Object.assign(new Error('deadline'), { name: 'TimeoutError' }), request.href)),
        }),
      );
    },
  };
}
