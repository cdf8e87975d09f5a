import { catchError, EMPTY, from, map, mergeMap, type Observable, of, toArray } from 'rxjs';
import type { ResourceClient, ResourceResponse } from './resource-client';
import { isUcwaError, UcwaError } from './ucwa-error';
import { batchContentType, BatchFormatError, decodeBatch, encodeBatch } from './batch-codec';

/** The server accepts at most 100 outstanding requests per user across batches (§7, §8.4); more → 429. */
export const MAX_OUTSTANDING_REQUESTS = 100;

/**
 * Requests per batch POST. Smaller than the limit so several batches are in flight together: the
 * first answers (the rows the user sees) come back after one small batch, not after a 100-part one.
 */
export const BATCH_SIZE = 25;

/** Batch POSTs in flight at once, so that together they never exceed the server's outstanding limit. */
export const BATCH_CONCURRENCY = Math.floor(MAX_OUTSTANDING_REQUESTS / BATCH_SIZE);

/** Plain GETs run at most this many at a time when there is no batch link. */
const FALLBACK_CONCURRENCY = 4;

/** The answers to `hrefs[offset …]`, one batch's worth, in request order. */
export interface BatchSlice {
  readonly offset: number;
  readonly answers: readonly ResourceResponse[];
}

/**
 * GETs many resources, in as few round trips as the server allows: through the application's
 * `batch` href in chunks of {@link BATCH_SIZE}, {@link BATCH_CONCURRENCY} chunks in flight together
 * (never more than the server's 100 outstanding requests), or as plain GETs when the application has
 * no batch link. Chunks are sent in the order of `hrefs`, so what the caller puts first is read first.
 *
 * Emits one slice per chunk as its answer arrives (not necessarily in order). A part's own failure
 * (404 for a contact that just left) is an answer with that status, not an error: the caller decides.
 * The observable errors when a batch POST itself fails (network, 401 after re-auth, 429…), or its
 * answer cannot be read.
 *
 * @param boundary - injectable so tests are deterministic; any token that cannot occur in a body.
 */
export function batchSlices(
  client: ResourceClient,
  batchHref: string | undefined,
  hrefs: readonly string[],
  boundary: () => string = defaultBoundary,
): Observable<BatchSlice> {
  if (hrefs.length === 0) return EMPTY;
  if (batchHref === undefined) return plainGets(client, hrefs);
  return from(chunk(hrefs, BATCH_SIZE)).pipe(
    mergeMap(
      ({ offset, items }) => postBatch(client, batchHref, items, boundary()).pipe(map((answers): BatchSlice => ({ offset, answers }))),
      BATCH_CONCURRENCY,
    ),
  );
}

/**
 * {@link batchSlices}, gathered: emits once, the answers in the order of `hrefs`.
 */
export function batchGet(
  client: ResourceClient,
  batchHref: string | undefined,
  hrefs: readonly string[],
  boundary: () => string = defaultBoundary,
): Observable<readonly ResourceResponse[]> {
  if (hrefs.length === 0) return of([]);
  return batchSlices(client, batchHref, hrefs, boundary).pipe(
    toArray(),
    map((slices) => slices.sort((a, b) => a.offset - b.offset).flatMap((slice) => slice.answers)),
  );
}

function postBatch(
  client: ResourceClient,
  batchHref: string,
  hrefs: readonly string[],
  boundary: string,
): Observable<readonly ResourceResponse[]> {
  const body = encodeBatch(
    hrefs.map((href) => ({ method: 'GET', href })),
    boundary,
  );
  return client
    .request({ method: 'POST', href: batchHref, body, contentType: batchContentType(boundary), accept: 'multipart/batching' })
    .pipe(
      map((response) => {
        const contentType = response.headers['content-type'] ?? '';
        let parts;
        try {
          parts = decodeBatch(response.text, contentType);
        } catch (error) {
          const why = error instanceof BatchFormatError ? error.message : 'unreadable batch answer';
          throw new UcwaError('malformed', why, { status: response.status, url: withoutQuery(batchHref) });
        }
        if (parts.length !== hrefs.length) {
          throw new UcwaError('malformed', `batch answer has ${parts.length} parts for ${hrefs.length} requests`, {
            url: withoutQuery(batchHref),
          });
        }
        return parts.map(
          (part, index): ResourceResponse => ({
            url: hrefs[index]!,
            status: part.status,
            headers: part.headers,
            body: part.body,
            text: part.text,
          }),
        );
      }),
    );
}

function plainGets(client: ResourceClient, hrefs: readonly string[]): Observable<BatchSlice> {
  return from(hrefs.map((href, offset) => ({ href, offset }))).pipe(
    mergeMap(
      ({ href, offset }) =>
        client.request({ method: 'GET', href }).pipe(
          catchError((error: unknown) => {
            // Per-resource HTTP failures become answers, as they would inside a batch.
            if (isUcwaError(error) && error.kind === 'http' && error.status !== undefined && error.status !== 401) {
              return of<ResourceResponse>({ url: href, status: error.status, headers: {}, body: null, text: '' });
            }
            throw error;
          }),
          map((response): BatchSlice => ({ offset, answers: [response] })),
        ),
      FALLBACK_CONCURRENCY,
    ),
  );
}

function chunk<T>(items: readonly T[], size: number): { offset: number; items: T[] }[] {
  const chunks: { offset: number; items: T[] }[] = [];
  for (let offset = 0; offset < items.length; offset += size) chunks.push({ offset, items: items.slice(offset, offset + size) });
  return chunks;
}

function withoutQuery(href: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}`;
}

let boundaryCounter = 0;

/** Unique per call; a boundary only needs to be absent from the bodies, and ours are GETs. */
function defaultBoundary(): string {
  boundaryCounter += 1;
  return `batch_${boundaryCounter.toString(36)}_${Math.random().toString(36).slice(2, 12)}`;
}
