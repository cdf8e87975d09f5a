import { firstValueFrom, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { FetchLike, Logger } from '../../../../../main/core/ports';
import {
  type Authenticator,
  BODY_DEADLINE_SLACK_MS,
  createHttpClient,
  jsonDepth,
  networkError,
  parseBoundedJson,
  readBoundedBytes,
  readBoundedText,
} from '../../../../../main/core/ucwa/http-client';

const silent: Logger = { log: () => undefined };

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  readonly ifNoneMatch: string | null;
  readonly authorization: string | null;
}

function recording(handler: (request: Request) => Response) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push({
      method: request.method,
      url: request.url,
      body: await request.clone().text(),
      ifNoneMatch: request.headers.get('if-none-match'),
      authorization: request.headers.get('authorization'),
    });
    return handler(request);
  };
  return { fetch, seen };
}

const redirect = (status: number, location: string): Response => new Response(null, { status, headers: { Location: location } });
const ok = (): Response => new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
const get = (fetch: FetchLike, href: string, extra: Partial<Parameters<ReturnType<typeof createHttpClient>['request']>[0]> = {}) =>
  firstValueFrom(createHttpClient({ fetch, logger: silent }).request({ method: 'GET', href, ...extra }));

describe('redirect hops', () => {
  it('turns a POST into a GET without its body on 301 and 302, as fetch does', async () => {
    for (const status of [301, 302]) {
      const { fetch, seen } = recording((r) => (r.url.endsWith('/a') ? redirect(status, '/b') : ok()));
      await firstValueFrom(createHttpClient({ fetch, logger: silent }).request({ method: 'POST', href: 'https://pool.contoso.com/a', json: { x: 1 } }));
      expect(seen.map((s) => `${s.method} ${new URL(s.url).pathname} ${s.body}`)).toEqual(['POST /a {"x":1}', 'GET /b ']);
    }
  });

  it('keeps a PUT a PUT on 301 and 302 (only POST changes method)', async () => {
    const { fetch, seen } = recording((r) => (r.url.endsWith('/a') ? redirect(302, '/b') : ok()));
    await firstValueFrom(createHttpClient({ fetch, logger: silent }).request({ method: 'PUT', href: 'https://pool.contoso.com/a', json: { x: 1 } }));
    expect(seen.map((s) => `${s.method} ${s.body}`)).toEqual(['PUT {"x":1}', 'PUT {"x":1}']);
  });

  it('keeps conditional headers across a 307 and drops them on a hop that becomes a GET', async () => {
    const { fetch, seen } = recording((r) => (r.url.endsWith('/a') ? redirect(307, '/b') : r.url.endsWith('/b') ? redirect(303, '/c') : ok()));
    await get(fetch, 'https://pool.contoso.com/a', { headers: { 'If-None-Match': '"v1"' } });
    expect(seen.map((s) => s.ifNoneMatch)).toEqual(['"v1"', '"v1"', null]);
  });

  it('answers a redirect status without a Location as what it is, an HTTP error', async () => {
    const { fetch, seen } = recording(() => new Response(null, { status: 302 }));
    await expect(get(fetch, 'https://pool.contoso.com/a')).rejects.toMatchObject({ kind: 'http', details: { status: 302 } });
    expect(seen).toHaveLength(1);
  });

  it('refuses a Location that is not a URL, without contacting anything else', async () => {
    const { fetch, seen } = recording(() => redirect(307, 'https://[bad'));
    await expect(get(fetch, 'https://pool.contoso.com/a?secret=1')).rejects.toMatchObject({
      kind: 'malformed',
      details: { status: 307, url: 'https://pool.contoso.com/a' },
    });
    expect(seen).toHaveLength(1);
  });

  it('follows exactly ten hops', async () => {
    const { fetch, seen } = recording((r) => {
      const hop = Number(new URL(r.url).searchParams.get('hop') ?? '0');
      return hop < 10 ? redirect(302, `/r?hop=${hop + 1}`) : ok();
    });
    const response = await get(fetch, 'https://pool.contoso.com/r');
    expect(response.url).toBe('https://pool.contoso.com/r?hop=10');
    expect(seen).toHaveLength(11);
  });
});

describe('authentication challenges', () => {
  const counting = (): Authenticator & { calls: number } => {
    const auth = { calls: 0, authorization: () => undefined, authenticate: () => ((auth.calls += 1), Promise.resolve()) };
    return auth;
  };

  it('a 401 or 403 without an MsRtcOAuth challenge is an HTTP error, never a token request', async () => {
    for (const status of [401, 403]) {
      const auth = counting();
      const { fetch, seen } = recording(() => new Response('', { status, headers: { 'WWW-Authenticate': 'Negotiate' } }));
      await expect(
        firstValueFrom(createHttpClient({ fetch, logger: silent, authenticator: auth }).request({ method: 'GET', href: 'https://pool.contoso.com/a' })),
      ).rejects.toMatchObject({ kind: 'http', details: { status } });
      expect(auth.calls).toBe(0);
      expect(seen).toHaveLength(1);
    }
  });

  it('a challenge on another status (500) is not a reason to authenticate', async () => {
    const auth = counting();
    const challenge = 'Bearer MsRtcOAuth href="https://pool.contoso.com/WebTicket/oauthtoken",grant_type="password"';
    const { fetch } = recording(() => new Response('', { status: 500, headers: { 'WWW-Authenticate': challenge } }));
    await expect(
      firstValueFrom(createHttpClient({ fetch, logger: silent, authenticator: auth }).request({ method: 'GET', href: 'https://pool.contoso.com/a' })),
    ).rejects.toMatchObject({ kind: 'http', details: { status: 500 } });
    expect(auth.calls).toBe(0);
  });
});

describe('whole-request deadline on the injected scheduler', () => {
  const hanging: FetchLike = (input) =>
    new Promise((_, reject) => {
      const signal = (input as Request).signal;
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });

  it('fires at the request’s timeout plus the default slack, or the client’s default timeout plus slack', async () => {
    expect(BODY_DEADLINE_SLACK_MS).toBe(5_000);
    for (const [options, request, expected] of [
      [{}, { timeoutMs: 1_000 }, 6_000],
      [{ defaultTimeoutMs: 2_000 }, {}, 7_000],
      [{ defaultTimeoutMs: 2_000, deadlineSlackMs: 100 }, {}, 2_100],
    ] as const) {
      const scheduler = new VirtualTimeScheduler();
      const client = createHttpClient({ fetch: hanging, logger: silent, scheduler, ...options });
      let failedAt: number | undefined;
      let error: unknown;
      client.request({ method: 'GET', href: 'https://pool.contoso.com/e?ack=2', ...request }).subscribe({
        error: (e: unknown) => {
          failedAt = scheduler.now();
          error = e;
        },
      });
      scheduler.flush();
      expect(failedAt).toBe(expected);
      expect(error).toMatchObject({ kind: 'network', details: { cause: 'timeout', url: 'https://pool.contoso.com/e' } });
    }
  });
});

describe('networkError', () => {
  const failure = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

  it('names the cause the user can act on, and the code, never the query string', () => {
    expect(networkError(failure('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'https://a.example/p?x=1')).toMatchObject({
      details: { cause: 'certificate', url: 'https://a.example/p' },
      message: 'Could not reach https://a.example/p (UNABLE_TO_VERIFY_LEAF_SIGNATURE).',
    });
    expect(networkError(failure('ERR_TLS_CERT_ALTNAME_INVALID'), 'https://a.example/').details.cause).toBe('certificate');
    expect(networkError(failure('SELF_SIGNED_CERT_IN_CHAIN'), 'https://a.example/').details.cause).toBe('certificate');
    expect(networkError(failure('ENOTFOUND'), 'https://a.example/').details.cause).toBe('dns');
    expect(networkError(failure('EAI_AGAIN'), 'https://a.example/').details.cause).toBe('dns');
    expect(networkError(failure('ECONNREFUSED'), 'https://a.example/').details.cause).toBe('refused');
    expect(networkError(failure('ECONNRESET'), 'https://a.example/').details.cause).toBe('other');
    expect(networkError(new TypeError('fetch failed'), 'https://a.example/')).toMatchObject({
      kind: 'network',
      message: 'Could not reach https://a.example/.',
      details: { cause: 'other' },
    });
    expect(networkError('not an error', 'https://a.example/').details.cause).toBe('other');
    expect(networkError(Object.assign(new Error('t'), { name: 'TimeoutError' }), 'https://a.example/q?s=1')).toMatchObject({
      message: 'No answer from https://a.example/q in time.',
      details: { cause: 'timeout', url: 'https://a.example/q' },
    });
  });
});

describe('answer bodies', () => {
  const answering = (contentType: string, text: string): FetchLike => () => Promise.resolve(new Response(text, { status: 200, headers: { 'Content-Type': contentType } }));

  it('parses JSON only when the content type says JSON', async () => {
    expect((await get(answering('application/vnd.microsoft.com.ucwa+json; charset=utf-8', '{"a":1}'), 'https://p.contoso.com/')).body).toEqual({ a: 1 });
    expect((await get(answering('application/json', '{"a":1}'), 'https://p.contoso.com/')).body).toEqual({ a: 1 });
    const html = await get(answering('text/html', '{"a":1}'), 'https://p.contoso.com/');
    expect(html.body).toBeNull();
    expect(html.text).toBe('{"a":1}');
    expect((await get(answering('application/jsonp', '{"a":1}'), 'https://p.contoso.com/')).body).toBeNull();
  });

  it('names the UCWA code in the error when there is no subcode, and the subcode when there is', async () => {
    const failing = (body: unknown): FetchLike => () =>
      Promise.resolve(new Response(JSON.stringify(body), { status: 409, headers: { 'Content-Type': 'application/json' } }));
    await expect(get(failing({ code: 'Conflict' }), 'https://p.contoso.com/x')).rejects.toMatchObject({
      message: 'GET https://p.contoso.com/x answered 409 Conflict.',
      details: { code: 'Conflict' },
    });
    await expect(get(failing({ code: 'Conflict', subcode: 'AlreadyExists' }), 'https://p.contoso.com/x')).rejects.toMatchObject({
      message: 'GET https://p.contoso.com/x answered 409 AlreadyExists.',
      details: { code: 'Conflict', subcode: 'AlreadyExists' },
    });
    await expect(get(failing([1]), 'https://p.contoso.com/x')).rejects.toMatchObject({ message: 'GET https://p.contoso.com/x answered 409.' });
  });
});

describe('body caps, at their edges', () => {
  const chunked = (parts: readonly string[], headers: Record<string, string> = {}): Response => {
    const encoder = new TextEncoder();
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = parts[next++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(encoder.encode(chunk));
      },
    });
    return new Response(body, { status: 200, headers });
  };

  it('reads a body of exactly the cap, joining its chunks in order', async () => {
    const text = await readBoundedText(chunked(['ab', 'cd', 'ef']), 6, 'https://p.contoso.com/x');
    expect(text).toBe('abcdef');
    expect(await readBoundedText(chunked(['abc']), 3, 'https://p.contoso.com/x')).toBe('abc');
    expect(await readBoundedBytes(new Response(null, { status: 204 }), 0, 'https://p.contoso.com/x')).toEqual(new Uint8Array(0));
  });

  it('refuses one byte over the cap, streamed or declared, naming the URL without its query', async () => {
    await expect(readBoundedText(chunked(['ab', 'cd', 'efg']), 6, 'https://p.contoso.com/x?t=1')).rejects.toMatchObject({
      kind: 'malformed',
      message: 'https://p.contoso.com/x sent more than 6 bytes; not reading it.',
      details: { status: 200, url: 'https://p.contoso.com/x', cause: 'tooLarge' },
    });
    await expect(readBoundedText(chunked(['ab'], { 'Content-Length': '7' }), 6, 'https://p.contoso.com/x')).rejects.toMatchObject({
      details: { cause: 'tooLarge' },
    });
    expect(await readBoundedText(chunked(['abcdef'], { 'Content-Length': '6' }), 6, 'https://p.contoso.com/x')).toBe('abcdef');
  });

  it('gives a multipart answer the batch cap, whatever the case of its type', async () => {
    const client = createHttpClient({
      fetch: () => Promise.resolve(new Response('x'.repeat(2048), { status: 200, headers: { 'Content-Type': 'Multipart/Batching; boundary=b' } })),
      logger: silent,
      limits: { maxJsonBytes: 1024, maxBatchBytes: 4096 },
    });
    const answer = await firstValueFrom(client.request({ method: 'POST', href: 'https://pool.contoso.com/batch', body: '', contentType: 'multipart/batching' }));
    expect(answer.text).toHaveLength(2048);
  });

  it('counts nesting outside strings only, and allows exactly the cap', () => {
    expect(jsonDepth('[[{}]]')).toBe(3);
    expect(jsonDepth('{"a":"[[[\\"{{{"}')).toBe(1);
    expect(jsonDepth('[1],[2],[[3]]')).toBe(2);
    expect(parseBoundedJson('[[1]]', 2, 'https://p.contoso.com/x')).toEqual([[1]]);
    expect(() => parseBoundedJson('[[[1]]]', 2, 'https://p.contoso.com/x?s=1', 200)).toThrow(
      expect.objectContaining({
        kind: 'malformed',
        message: 'https://p.contoso.com/x sent JSON nested deeper than 2 levels.',
        details: { url: 'https://p.contoso.com/x', cause: 'tooDeep', status: 200 },
      }) as Error,
    );
    expect(() => parseBoundedJson('{', 2, 'https://p.contoso.com/x')).toThrow(
      expect.objectContaining({ kind: 'malformed', details: { url: 'https://p.contoso.com/x' } }) as Error,
    );
  });
});
