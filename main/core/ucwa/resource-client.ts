import type { Observable } from 'rxjs';

/**
 * The transport the UCWA streams are written against. Implemented over ky (bearer token hook,
 * one re-authentication on 401) in `http-client.ts`; faked in unit tests.
 *
 * Non-2xx answers error the observable with a `UcwaError` (kind `http`); transport failures with
 * kind `network`. Unsubscribing aborts the request.
 */
export interface ResourceRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL taken from a `_links` href. Never built by hand. */
  readonly href: string;
  /** JSON body (sent with `Content-Type: application/json`). */
  readonly json?: unknown;
  /** Raw body with its own content type (batch). */
  readonly body?: string;
  readonly contentType?: string;
  readonly accept?: string;
  /** Conditional-request headers (`If-Match` on a PUT); nothing that carries a secret. */
  readonly headers?: Readonly<Partial<Record<'If-Match' | 'If-None-Match', string>>>;
  /** Extra query parameters, added with a URL builder (never by string concatenation). */
  readonly query?: Readonly<Record<string, string>>;
  /** Per-request timeout; the event channel sets one above the server's P-GET timeout. */
  readonly timeoutMs?: number;
  /**
   * Read the answer as bytes (a photo), at most `maxBytes` of them; `bytes` then holds the body and
   * `body`/`text` stay empty.
   */
  readonly binary?: { readonly maxBytes: number };
  /**
   * Only the status matters: a 2xx body is read (within the cap) but not decoded or parsed, and
   * `body` is null. Adding members to a presence subscription answers with all of its members.
   */
  readonly bodyUnused?: true;
}

/**
 * A 304 answers a request that sent `If-None-Match` normally (status 304, no body): the caller holds
 * that representation already. Any other non-2xx is an error.
 */
export interface ResourceResponse {
  /** Final URL the answer came from: resolve relative hrefs in `body` against it. */
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON for JSON answers, `null` for empty ones (204). */
  readonly body: unknown;
  /** Raw text for non-JSON answers (multipart batch). */
  readonly text: string;
  /** The body of a `binary` request. */
  readonly bytes?: Uint8Array;
}

export interface ResourceClient {
  request(request: ResourceRequest): Observable<ResourceResponse>;
}
