import { firstValueFrom, type Observable, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { batchGet } from '../../../../../main/core/ucwa/batch';
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

  it('splits more than 100 requests into batches of at most 100', async () => {
    const { client, requests } = echoingBatchServer();
    const hrefs = Array.from({ length: 250 }, (_, i) => `${APP}/people/c${i}/presence`);
    const answers = await firstValueFrom(batchGet(client, BATCH, hrefs, boundary));
    const sizes = requests.map((r) => (r.body ?? '').split('msgtype=request').length - 1);
    expect(sizes).toEqual([100, 100, 50]);
    expect(answers).toHaveLength(250);
    expect(answers[249]!.body).toEqual({ path: '/ucwa/oauth/v1/applications/1234/people/c249/presence' });
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
