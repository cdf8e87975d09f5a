/**
 * Plain `fetch` (Node 20) wrappers that capture everything a conformance assertion needs:
 * status, headers, the final URL (the base for relative hrefs), raw text and parsed JSON.
 */

/** A finished HTTP exchange. `json` is set when the body is non-empty JSON. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly url: string;
  readonly text: string;
  readonly json: unknown;
  readonly contentType: string;
}

export interface SendOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** A value is sent as JSON; a string is sent as-is (set Content-Type yourself). */
  readonly body?: unknown;
  readonly token?: string;
  readonly signal?: AbortSignal;
}

/** Sends one request; never throws for HTTP error statuses (only for network failures). */
export async function send(url: string, options: SendOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (typeof options.body === 'string') {
    body = options.body;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(url, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    redirect: 'manual',
    signal: options.signal,
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let json: unknown = undefined;
  if (text.length > 0 && /json/i.test(contentType)) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, headers: response.headers, url: response.url || url, text, json, contentType };
}

/** Resolves after `ms` real milliseconds (used only to let loopback I/O settle, never to assert speed). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Copy of `url` with the given query parameters set (a URL builder, never string concatenation). */
export function withParams(url: string, params: Record<string, string | number>): string {
  const u = new URL(url);
  for (const [key, value] of Object.entries(params)) u.searchParams.set(key, String(value));
  return u.toString();
}

/** Values of every WWW-Authenticate header (Node's fetch joins repeated headers; split them back). */
export function challenges(headers: Headers): string[] {
  const raw = headers.get('www-authenticate');
  if (raw === null) return [];
  // Each challenge starts with a scheme token followed by a space: split before "Bearer " / "MsRtcOAuth ".
  return raw.split(/,\s*(?=(?:Bearer|MsRtcOAuth|Negotiate|NTLM|Basic)\s)/).map((s) => s.trim());
}

/** Parsed `MsRtcOAuth href="…",grant_type="…"` parameters from a 401 answer, or undefined. */
export function msRtcOAuth(headers: Headers): { href: string; grantTypes: string[] } | undefined {
  const challenge = challenges(headers).find((c) => /^MsRtcOAuth\s/i.test(c));
  if (challenge === undefined) return undefined;
  const href = /href="([^"]*)"/i.exec(challenge)?.[1];
  const grants = /grant_type="([^"]*)"/i.exec(challenge)?.[1];
  if (href === undefined || grants === undefined) return undefined;
  return { href, grantTypes: grants.split(',').map((g) => g.trim()) };
}
