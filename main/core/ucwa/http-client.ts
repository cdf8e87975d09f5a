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
}

/** Slack after ky's own timeout before the whole-request deadline fires. */
const BODY_DEADLINE_SLACK_MS = 5_000;

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

/**
 * The engine's one HTTP client: ky over the injected fetch (Electron `net.fetch` in the app, so
 * proxies, NTLM and the OS certificate store work), `retry: 0` because RxJS owns retries, a bearer
 * hook per origin, and one re-authentication + retry on 401 (or 403 carrying a challenge, §2.5).
 * Unsubscribing aborts the request.
 */
export function createHttpClient(options: HttpClientOptions): ResourceClient {
  const { authenticator, logger } = options;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 30_000;
  const http: KyInstance = ky.create({
    fetch: options.fetch,
    retry: 0,
    throwHttpErrors: false,
    hooks: {
      beforeRequest: [
        (request) => {
          const authorization = authenticator?.authorization(new URL(request.url).origin);
          if (authorization !== undefined) request.headers.set('Authorization', authorization);
        },
      ],
    },
  });

  async function send(request: ResourceRequest, url: string, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { ...request.headers, Accept: request.accept ?? 'application/json' };
    if (request.body !== undefined && request.contentType !== undefined) headers['Content-Type'] = request.contentType;
    try {
      return await http(url, {
        method: request.method,
        headers,
        ...(request.json !== undefined ? { json: request.json } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
        timeout: request.timeoutMs ?? defaultTimeoutMs,
        signal,
      });
    } catch (error) {
      throw networkError(error, url);
    }
  }

  async function perform(request: ResourceRequest, signal: AbortSignal): Promise<ResourceResponse> {
    const url = withQuery(request.href, request.query);
    const origin = new URL(url).origin;
    let reauthenticated = false;
    for (;;) {
      const sentAuthorization = authenticator?.authorization(origin);
      const response = await send(request, url, signal);
      const finalUrl = response.url || url;
      if (authenticator !== undefined && !reauthenticated && (response.status === 401 || response.status === 403)) {
        const challenge = findMsRtcOAuth(parseWwwAuthenticate(response.headers.get('www-authenticate') ?? ''), finalUrl);
        if (challenge !== undefined) {
          reauthenticated = true;
          await response.body?.cancel().catch(() => undefined);
          logger.log('info', 'authenticating', { host: new URL(finalUrl).host, status: response.status });
          await authenticator.authenticate(new URL(finalUrl).origin, challenge, sentAuthorization);
          continue;
        }
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw networkError(error, url);
      }
      logger.log('debug', 'http', { method: request.method, url: redactUrl(finalUrl), status: response.status });
      if (response.status < 200 || response.status > 299) {
        const { code, subcode } = parseErrorBody(text);
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        const where = redactUrl(finalUrl);
        throw new UcwaError(
          'http',
          `${request.method} ${where} answered ${response.status}${subcode ? ` ${subcode}` : code ? ` ${code}` : ''}.`,
          {
            status: response.status,
            url: where,
            ...(code !== undefined ? { code } : {}),
            ...(subcode !== undefined ? { subcode } : {}),
            ...(retryAfter !== undefined ? { retryAfter } : {}),
          },
        );
      }
      let body: unknown = null;
      if (text.length > 0 && isJsonContentType(response.headers.get('content-type'))) {
        try {
          body = JSON.parse(text);
        } catch {
          throw new UcwaError('malformed', `${redactUrl(finalUrl)} sent JSON that does not parse.`, {
            status: response.status,
            url: redactUrl(finalUrl),
          });
        }
      }
      return { url: finalUrl, status: response.status, headers: headerRecord(response.headers), body, text };
    }
  }

  return {
    request(request: ResourceRequest): Observable<ResourceResponse> {
      const raw = new Observable<ResourceResponse>((subscriber) => {
        const controller = new AbortController();
        let settled = false;
        perform(request, controller.signal).then(
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
      const scheduler = options.scheduler;
      if (scheduler === undefined) return raw;
      const limit = (request.timeoutMs ?? defaultTimeoutMs) + (options.deadlineSlackMs ?? BODY_DEADLINE_SLACK_MS);
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
