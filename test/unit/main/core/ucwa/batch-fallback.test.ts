import { firstValueFrom, type Observable, of, Subject, throwError, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { batchGet, batchSlices } from '../../../../../main/core/ucwa/batch';
import type { ResourceClient, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const APP = 'https://pool.contoso.com/ucwa/oauth/v1/applications/1234';
const BATCH = `${APP}/batch?secret=1`;

const failingWith = (error: unknown): ResourceClient => ({ request: () => throwError(() => error) });

describe('plain GETs without a batch link', () => {
  it('a 401 (still refused after re-authentication) fails the whole read, it is no per-resource answer', async () => {
    const error = new UcwaError('http', 'no', { status: 401 });
    await expect(firstValueFrom(batchGet(failingWith(error), undefined, [`${APP}/a`]))).rejects.toBe(error);
  });

  it('a network or malformed failure, or an HTTP error without status, fails the read', async () => {
    for (const error of [
      new UcwaError('network', 'down', { cause: 'refused' }),
      new UcwaError('malformed', 'bad', { status: 200 }),
      new UcwaError('http', 'odd'),
      new TypeError('bug'),
    ]) {
      await expect(firstValueFrom(batchGet(failingWith(error), undefined, [`${APP}/a`]))).rejects.toBe(error);
    }
  });

  it('a part failure answers with its status, its URL, no headers and no body', async () => {
    const answers = await firstValueFrom(batchGet(failingWith(new UcwaError('http', 'x', { status: 503 })), undefined, [`${APP}/a`]));
    expect(answers).toEqual([{ url: `${APP}/a`, status: 503, headers: {}, body: null, text: '' }]);
  });

  it('runs at most four GETs at a time, in the order asked', () => {
    const held: { href: string; answer: Subject<ResourceResponse> }[] = [];
    const client: ResourceClient = {
      request(request): Observable<ResourceResponse> {
        const answer = new Subject<ResourceResponse>();
        held.push({ href: request.href, answer });
        return answer;
      },
    };
    const hrefs = Array.from({ length: 6 }, (_, i) => `${APP}/c${i}`);
    const slices: number[] = [];
    batchSlices(client, undefined, hrefs).subscribe((s) => slices.push(s.offset));
    expect(held.map((h) => h.href)).toEqual(hrefs.slice(0, 4));
    const third = held[2]!;
    third.answer.next({ url: third.href, status: 200, headers: {}, body: null, text: '' });
    third.answer.complete();
    expect(slices).toEqual([2]);
    expect(held.map((h) => h.href)).toEqual(hrefs.slice(0, 5));
  });

  it('makes no request and emits nothing for an empty list', async () => {
    let calls = 0;
    const client: ResourceClient = { request: () => (calls++, of({ url: '', status: 200, headers: {}, body: null, text: '' })) };
    expect(await firstValueFrom(batchSlices(client, undefined, []).pipe(toArray()))).toEqual([]);
    expect(await firstValueFrom(batchSlices(client, BATCH, []).pipe(toArray()))).toEqual([]);
    expect(await firstValueFrom(batchGet(client, undefined, []))).toEqual([]);
    expect(calls).toBe(0);
  });
});

describe('a batch answer that cannot be read', () => {
  it('is malformed with the status and the batch URL without its query', async () => {
    const client: ResourceClient = { request: (r) => of({ url: r.href, status: 200, headers: { 'content-type': 'text/html' }, body: null, text: '<html>' }) };
    await expect(firstValueFrom(batchGet(client, BATCH, [`${APP}/a`]))).rejects.toMatchObject({
      kind: 'malformed',
      details: { status: 200, url: `${APP}/batch` },
    });
  });

  it('with a missing content type is malformed too', async () => {
    const client: ResourceClient = { request: (r) => of({ url: r.href, status: 200, headers: {}, body: null, text: '--s--' }) };
    await expect(firstValueFrom(batchGet(client, BATCH, [`${APP}/a`]))).rejects.toMatchObject({ kind: 'malformed', details: { url: `${APP}/batch` } });
  });

  it('with fewer parts than requests names both counts and the URL without its query', async () => {
    const client: ResourceClient = {
      request: (r) => of({ url: r.href, status: 200, headers: { 'content-type': 'multipart/batching;boundary=s' }, body: null, text: '--s--' }),
    };
    await expect(firstValueFrom(batchGet(client, BATCH, [`${APP}/a`, `${APP}/b`]))).rejects.toMatchObject({
      kind: 'malformed',
      message: 'batch answer has 0 parts for 2 requests',
      details: { url: `${APP}/batch` },
    });
  });

  it('each batch POST gets its own boundary by default', async () => {
    const types: string[] = [];
    const client: ResourceClient = {
      request: (r) => {
        types.push(r.contentType ?? '');
        return throwError(() => new UcwaError('network', 'x'));
      },
    };
    await firstValueFrom(batchGet(client, BATCH, [`${APP}/a`])).catch(() => undefined);
    await firstValueFrom(batchGet(client, BATCH, [`${APP}/a`])).catch(() => undefined);
    expect(types).toHaveLength(2);
    expect(types[0]).toMatch(/boundary=batch_\w+/);
    expect(types[0]).not.toBe(types[1]);
  });
});
