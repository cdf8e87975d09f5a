import { firstValueFrom, mergeMap, type Observable, of, Subject, tap, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { BATCH_CONCURRENCY, BATCH_SIZE, batchGet, MAX_OUTSTANDING_REQUESTS } from '../../../../../main/core/ucwa/batch';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const APP = 'https://pool.contoso.com/ucwa/oauth/v1/applications/1234';
const BATCH = `${APP}/batch`;

/** Answers a batch POST by echoing each inner request path as a JSON body. */
function echoingBatchServer(): { client: ResourceClient; requests: ResourceRequest[] } {
  const requests: ResourceRequest[] = [];
  const client: ResourceClient = {
    request(request): Observable<ResourceResponse> {
      requests.push(request);
      const boundary = /boundary=(\S+)/.exec(request.contentType ?? '')![1]!;
      const paths = [...(request.body ?? '').matchAll(/^GET (\S+) HTTP\/1\.1$/gm)].map((m) => m[1]!);
      const parts = paths.map((path) =>
        path.includes('gone')
          ? `--srv\r\nContent-Type: application/http; msgtype=response\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"code":"NotFound"}\r\n`
          : `--srv\r\nContent-Type: application/http; msgtype=response\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ path })}\r\n`,
      );
      expect(boundary).toMatch(/^b\d+$/);
      return of({
        url: request.href,
        status: 200,
        headers: { 'content-type': 'multipart/batching; boundary="srv"' },
        body: null,
        text: `${parts.join('')}--srv--\r\n`,
      });
    },
  };
  return { client, requests };
}

let n = 0;
const boundary = (): string => `b${++n}`;

describe('batchGet', () => {
  it('sends all GETs in one multipart POST to the batch href and returns answers in request order', async () => {
    const { client, requests } = echoingBatchServer();
    const hrefs = [`${APP}/people/contacts?groupId=1`, `${APP}/people/contacts?groupId=2`, `${APP}/gone`];
    const answers = await firstValueFrom(batchGet(client, BATCH, hrefs, boundary));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', href: BATCH, accept: 'multipart/batching' });
    expect(requests[0]!.contentType).toMatch(/^multipart\/batching;boundary=b\d+$/);
    expect(answers.map((a) => a.url)).toEqual(hrefs);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404]);
    expect(answers[1]!.body).toEqual({ path: '/ucwa/oauth/v1/applications/1234/people/contacts?groupId=2' });
  });

  it('splits many requests into batches of BATCH_SIZE, in request order', async () => {
    const { client, requests } = echoingBatchServer();
    const hrefs = Array.from({ length: 260 }, (_, i) => `${APP}/people/c${i}/presence`);
    const answers = await firstValueFrom(batchGet(client, BATCH, hrefs, boundary));
    const sizes = requests.map((r) => (r.body ?? '').split('msgtype=request').length - 1);
    expect(sizes).toEqual([...Array.from({ length: 10 }, () => BATCH_SIZE), 10]);
    expect(requests[0]!.body).toContain('/people/c0/presence');
    expect(answers).toHaveLength(260);
    expect(answers[259]!.body).toEqual({ path: '/ucwa/oauth/v1/applications/1234/people/c259/presence' });
  });

  it('keeps several batches in flight, never more requests outstanding than the server allows', () => {
    const { client: echo } = echoingBatchServer();
    const held: Subject<ResourceResponse>[] = [];
    let inFlight = 0;
    let most = 0;
    const client: ResourceClient = {
      request(request) {
        const answer = new Subject<ResourceResponse>();
        held.push(answer);
        inFlight += (request.body ?? '').split('msgtype=request').length - 1;
        most = Math.max(most, inFlight);
        return answer.pipe(
          mergeMap(() => echo.request(request)),
          tap(() => (inFlight -= (request.body ?? '').split('msgtype=request').length - 1)),
        );
      },
    };
    const hrefs = Array.from({ length: 300 }, (_, i) => `${APP}/people/c${i}/presence`);
    let done: readonly ResourceResponse[] | undefined;
    batchGet(client, BATCH, hrefs, boundary).subscribe((answers) => (done = answers));
    expect(held).toHaveLength(BATCH_CONCURRENCY); // more than one POST out before any answer
    expect(BATCH_CONCURRENCY).toBeGreaterThan(1);
    // Answer the newest first: answers still come back in request order.
    while (done === undefined) {
      const next = held.pop()!;
      next.next({ url: BATCH, status: 200, headers: {}, body: null, text: '' });
      next.complete();
    }
    expect(most).toBe(MAX_OUTSTANDING_REQUESTS);
    expect(done.map((a) => a.url)).toEqual(hrefs);
  });

  it('makes no request for an empty list', async () => {
    const { client, requests } = echoingBatchServer();
    expect(await firstValueFrom(batchGet(client, BATCH, []))).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('falls back to plain GETs without a batch link, keeping order and turning part failures into answers', async () => {
    const seen: string[] = [];
    const client: ResourceClient = {
      request(request) {
        seen.push(`${request.method} ${request.href}`);
        if (request.href.endsWith('/gone')) {
          return throwError(() => new UcwaError('http', 'not found', { status: 404 }));
        }
        return of({ url: request.href, status: 200, headers: {}, body: { href: request.href }, text: '' });
      },
    };
    const hrefs = [`${APP}/a`, `${APP}/gone`, `${APP}/c`];
    const answers = await firstValueFrom(batchGet(client, undefined, hrefs));
    expect(seen).toEqual(hrefs.map((h) => `GET ${h}`));
    expect(answers.map((a) => [a.url, a.status])).toEqual([[hrefs[0], 200], [hrefs[1], 404], [hrefs[2], 200]]);
  });

  it('errors when the batch POST itself fails or the answer does not match the request count', async () => {
    const failing: ResourceClient = { request: () => throwError(() => new UcwaError('http', 'busy', { status: 429 })) };
    await expect(firstValueFrom(batchGet(failing, BATCH, [`${APP}/a`]))).rejects.toMatchObject({ status: 429 });
    const short: ResourceClient = {
      request: (r) => of({ url: r.href, status: 200, headers: { 'content-type': 'multipart/batching;boundary=s' }, body: null, text: '--s--' }),
    };
    await expect(firstValueFrom(batchGet(short, BATCH, [`${APP}/a`]))).rejects.toMatchObject({ kind: 'malformed' });
  });
});
