import { catchError, concatMap, from, map, mergeMap, type Observable, of, toArray } from 'rxjs';
import type { ResourceClient, ResourceResponse } from './resource-client';
import { isUcwaError, UcwaError } from './ucwa-error';
import { batchContentType, BatchFormatError, decodeBatch, encodeBatch } from './batch-codec';

/** The server accepts at most 100 outstanding requests per user across batches (§7). */
export const MAX_BATCH_SIZE = 100;

/** Plain GETs run at most this many at a time when there is no batch link. */
const FALLBACK_CONCURRENCY = 4;

/**
 * GETs many resources, in as few round trips as the server allows: through the application's
 * `batch` href in chunks of at most 100, or as plain GETs when the application has no batch link.
 *
 * Emits once, the answers in the order of `hrefs`. A part's own failure (404 for a contact that just
 * left) is an answer with that status, not an error: the caller decides. The observable errors only
 * when the batch POST itself fails (network, 401 after re-auth, 429…), or its answer cannot be read.
 *
 * @param boundary - injectable so tests are deterministic; any token that cannot occur in a body.
 */
export function batchGet(
  client: ResourceClient,
  batchHref: string | undefined,
  hrefs: readonly string[],
  boundary: () => string = defaultBoundary,
): Observable<readonly ResourceResponse[]> {
  if (hrefs.length === 0) return of([]);
  if (batchHref === undefined) return plainGets(client, hrefs);
  return from(chunk(hrefs, MAX_BATCH_SIZE)).pipe(
    concatMap((slice) => postBatch(client, batchHref, slice, boundary())),
    toArray(),
    map((slices) => slices.flat()),
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

function plainGets(client: ResourceClient, hrefs: readonly string[]): Observable<readonly ResourceResponse[]> {
  return from(hrefs.map((href, index) => ({ href, index }))).pipe(
    mergeMap(
      ({ href, index }) =>
        client.request({ method: 'GET', href }).pipe(
          catchError((error: unknown) => {
            // Per-resource HTTP failures become answers, as they would inside a batch.
            if (isUcwaError(error) && error.kind === 'http' && error.status !== undefined && error.status !== 401) {
              return of<ResourceResponse>({ url: href, status: error.status, headers: {}, body: null, text: '' });
            }
            throw error;
          }),
          map((response) => ({ response, index })),
        ),
      FALLBACK_CONCURRENCY,
    ),
    toArray(),
    map((answers) => answers.sort((a, b) => a.index - b.index).map((answer) => answer.response)),
  );
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
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
