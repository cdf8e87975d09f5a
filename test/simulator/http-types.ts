/**
 * Transport-neutral request/response shapes, so the same handlers serve plain HTTP requests and
 * the parts of a `multipart/batching` request.
 */
export interface SimRequest {
  readonly method: string;
  /** Absolute URL as the client addressed it. */
  readonly url: URL;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
  /** Fires when the client goes away before we answer (used to unpark P-GETs). */
  readonly closed: AbortSignal;
  /** Set when this request arrived inside a batch. */
  readonly inBatch?: boolean;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string;
  /** A binary body (e.g. a photo); sent instead of `body` when set. */
  readonly bytes?: Uint8Array;
  /** Destroy the socket instead of answering (fault injection). */
  readonly drop?: boolean;
}

export function json(status: number, value: unknown, headers: Record<string, string | readonly string[]> = {}): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', ...headers },
    body: JSON.stringify(value),
  };
}

export function noContent(): SimResponse {
  return { status: 204, headers: { 'cache-control': 'no-cache' } };
}
