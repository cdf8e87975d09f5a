import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { FetchLike, Logger } from '../../../../../main/core/ports';
import {
  type Authenticator,
  createHttpClient,
  parseRetryAfter,
  redactUrl,
  withQuery,
} from '../../../../../main/core/ucwa/http-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const CHALLENGE =
  'Bearer trusted_issuers="x", client_id="y", MsRtcOAuth href="/WebTicket/oauthtoken",grant_type="password"';
const silent: Logger = { log: () => undefined };

/** A fetch that answers from a list of handlers and records what it was asked. */
function fakeFetch(handler: (request: Request) => Response | Promise<Response>) {
  const seen: { url: string; method: string; authorization: string | null; body: string }[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push({
      url: request.url,
      method: request.method,
      authorization: request.headers.get('authorization'),
      body: await request.clone().text(),
    });
    return handler(request);
  };
  return { fetch, seen };
}

function fakeAuth(): Authenticator & { calls: string[] } {
  let token: string | undefined;
  const calls: string[] = [];
  return {
    calls,
    authorization: () => token,
    authenticate: async (origin, challenge) => {
      calls.push(`${origin} ${challenge.tokenUrl}`);
      token = `Bearer cwt=T${calls.length}`;
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('createHttpClient', () => {
  it('authenticates on a 401 challenge once, then retries with the bearer token', async () => {
    const auth = fakeAuth();
    const { fetch, seen } = fakeFetch((request) =>
      request.headers.get('authorization') === null
        ? new Response('<html>401</html>', { status: 401, headers: { 'WWW-Authenticate': CHALLENGE } })
        : json(200, { ok: true }),
    );
    const client = createHttpClient({ fetch, logger: silent, authenticator: auth });
    const response = await firstValueFrom(
      client.request({ method: 'POST', href: 'https://pool.contoso.com/ucwa/x', json: { a: 1 } }),
    );
    expect(response.body).toEqual({ ok: true });
    expect(auth.calls).toEqual(['https://pool.contoso.com https://pool.contoso.com/WebTicket/oauthtoken']);
    expect(seen.map((s) => s.authorization)).toEqual([null, 'Bearer cwt=T1']);
    expect(seen[1]?.body).toBe('{"a":1}');
  });

  it('treats a 403 carrying a challenge like a 401, but re-authenticates only once', async () => {
    const auth = fakeAuth();
    const { fetch, seen } = fakeFetch(() => new Response('', { status: 403, headers: { 'WWW-Authenticate': CHALLENGE } }));
    const client = createHttpClient({ fetch, logger: silent, authenticator: auth });
    const error = await firstValueFrom(client.request({ method: 'GET', href: 'https://a.example/r' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UcwaError);
    expect((error as UcwaError).status).toBe(403);
    expect(seen).toHaveLength(2);
    expect(auth.calls).toHaveLength(1);
  });

  it('turns UCWA error bodies into typed errors with subcode and Retry-After, without the query string', async () => {
    const { fetch } = fakeFetch(() =>
      json(503, { code: 'ServiceUnavailable', subcode: 'Throttled', message: 'm' }, { 'Retry-After': '7' }),
    );
    const client = createHttpClient({ fetch, logger: silent });
    const error = (await firstValueFrom(
      client.request({ method: 'GET', href: 'https://a.example/r?secret=s3cr3t' }),
    ).catch((e: unknown) => e)) as UcwaError;
    expect(error.details).toMatchObject({ status: 503, code: 'ServiceUnavailable', subcode: 'Throttled', retryAfter: 7 });
    expect(error.message).not.toContain('s3cr3t');
    expect(error.details.url).toBe('https://a.example/r');
  });

  it('reports unparsable JSON as malformed and transport failures as network errors', async () => {
    const bad = createHttpClient({
      fetch: fakeFetch(() => new Response('{"_links":', { status: 200, headers: { 'Content-Type': 'application/json' } })).fetch,
      logger: silent,
    });
    await expect(firstValueFrom(bad.request({ method: 'GET', href: 'https://a.example/' }))).rejects.toMatchObject({
      kind: 'malformed',
    });
    const down = createHttpClient({
      fetch: () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })),
      logger: silent,
    });
    await expect(firstValueFrom(down.request({ method: 'GET', href: 'https://a.example/' }))).rejects.toMatchObject({
      kind: 'network',
      details: { cause: 'refused' },
    });
  });

  it('gives up after its timeout and aborts when unsubscribed', async () => {
    let aborted = 0;
    const hanging: FetchLike = (input, init) =>
      new Promise((_, reject) => {
        const signal = input instanceof Request ? input.signal : init?.signal;
        signal?.addEventListener('abort', () => {
          aborted += 1;
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    const client = createHttpClient({ fetch: hanging, logger: silent });
    await expect(
      firstValueFrom(client.request({ method: 'GET', href: 'https://a.example/', timeoutMs: 30 })),
    ).rejects.toMatchObject({ kind: 'network', details: { cause: 'timeout' } });
    const subscription = client.request({ method: 'GET', href: 'https://a.example/' }).subscribe();
    await new Promise((resolve) => setTimeout(resolve, 10));
    subscription.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(aborted).toBe(2);
  });

  it('answers 204 with a null body and keeps the final URL for resolving links', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    const response = await firstValueFrom(
      createHttpClient({ fetch, logger: silent }).request({ method: 'POST', href: 'https://a.example/p' }),
    );
    expect(response).toMatchObject({ status: 204, body: null });
    expect(response.url).toBe('https://a.example/p');
  });
});

describe('helpers', () => {
  it('adds query params with a URL builder and keeps existing ones', () => {
    expect(withQuery('https://a/e?ack=3', { timeout: '180' })).toBe('https://a/e?ack=3&timeout=180');
    expect(withQuery('https://a/e?ack=3', undefined)).toBe('https://a/e?ack=3');
  });

  it('parses delta-seconds Retry-After only', () => {
    expect(parseRetryAfter('12')).toBe(12);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('redacts query strings', () => {
    expect(redactUrl('https://h/p?password=x#f')).toBe('https://h/p');
  });
});

describe('whole-request deadline', () => {
  it('fails a response whose body never finishes, on the injected scheduler', async () => {
    let aborted = false;
    const stalling: FetchLike = (input) => {
      const signal = (input as Request).signal;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"_links":'));
          signal.addEventListener('abort', () => {
            aborted = true;
            controller.error(new DOMException('aborted', 'AbortError'));
          });
        },
      });
      return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }));
    };
    const { asyncScheduler } = await import('rxjs');
    const client = createHttpClient({ fetch: stalling, logger: silent, scheduler: asyncScheduler, deadlineSlackMs: 20 });
    const error = await firstValueFrom(client.request({ method: 'GET', href: 'https://a.example/e?ack=1', timeoutMs: 10 })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'network', details: { cause: 'timeout', url: 'https://a.example/e' } });
    expect(aborted).toBe(true);
  });
});

describe('redirects, followed by the client', () => {
  const redirect = (status: number, location: string): Response => new Response(null, { status, headers: { Location: location } });

  it('admits every hop, sends each origin only its own token, and resolves relative Locations against the hop', async () => {
    const tokens: Record<string, string> = { 'https://a.contoso.com': 'Bearer cwt=A', 'https://b.contoso.com': 'Bearer cwt=B' };
    const auth: Authenticator = { authorization: (origin) => tokens[origin], authenticate: () => Promise.resolve() };
    const { fetch, seen } = fakeFetch((request) => {
      if (request.url === 'https://a.contoso.com/start') return redirect(307, 'https://c.contoso.com/x/one');
      if (request.url === 'https://c.contoso.com/x/one') return redirect(308, 'two');
      if (request.url === 'https://c.contoso.com/x/two') return redirect(302, 'https://b.contoso.com/end');
      return json(200, { _links: {} });
    });
    const admitted: string[] = [];
    const client = createHttpClient({ fetch, logger: silent, authenticator: auth, admit: async (url) => void admitted.push(url) });
    const response = await firstValueFrom(client.request({ method: 'GET', href: 'https://a.contoso.com/start' }));
    expect(admitted).toEqual([
      'https://a.contoso.com/start',
      'https://c.contoso.com/x/one',
      'https://c.contoso.com/x/two',
      'https://b.contoso.com/end',
    ]);
    expect(seen.map((s) => [s.url, s.authorization])).toEqual([
      ['https://a.contoso.com/start', 'Bearer cwt=A'],
      ['https://c.contoso.com/x/one', null],
      ['https://c.contoso.com/x/two', null],
      ['https://b.contoso.com/end', 'Bearer cwt=B'],
    ]);
    expect(response.url).toBe('https://b.contoso.com/end');
  });

  it('keeps method and body on 307/308 and turns POST into GET on 303', async () => {
    const { fetch, seen } = fakeFetch((request) => {
      if (request.url.endsWith('/a')) return redirect(307, '/b');
      if (request.url.endsWith('/b')) return redirect(303, '/c');
      return json(200, {});
    });
    const client = createHttpClient({ fetch, logger: silent });
    await firstValueFrom(client.request({ method: 'POST', href: 'https://pool.contoso.com/a', json: { x: 1 } }));
    expect(seen.map((s) => `${s.method} ${new URL(s.url).pathname} ${s.body}`)).toEqual(['POST /a {"x":1}', 'POST /b {"x":1}', 'GET /c ']);
  });

  it('stops at a refused hop without contacting it', async () => {
    const { fetch, seen } = fakeFetch(() => redirect(307, 'https://evil.example/steal'));
    const refusal = new Error('untrusted');
    const client = createHttpClient({
      fetch,
      logger: silent,
      admit: (url) => (url.startsWith('https://evil.example') ? Promise.reject(refusal) : Promise.resolve()),
    });
    await expect(firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/me/presence' }))).rejects.toBe(refusal);
    expect(seen.map((s) => s.url)).toEqual(['https://pool.contoso.com/me/presence']);
  });

  it('gives up after 10 hops', async () => {
    const { fetch, seen } = fakeFetch((request) => redirect(302, `${request.url}x`));
    const client = createHttpClient({ fetch, logger: silent });
    await expect(firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/r' }))).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringMatching(/more than 10 times/) as unknown,
    });
    expect(seen).toHaveLength(11);
  });

  it('uses the URL it asked for as the base when the response carries none (Electron net.fetch)', async () => {
    const fetch: FetchLike = (input) => {
      const url = input instanceof Request ? input.url : input.toString();
      return Promise.resolve(url.endsWith('/a') ? redirect(301, '/b/') : json(200, { _links: { self: { href: 'c' } } }));
    };
    const client = createHttpClient({ fetch, logger: silent });
    const response = await firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/a' }));
    expect(response.url).toBe('https://pool.contoso.com/b/');
  });
});

describe('bounded input', () => {
  /** A body that never ends: each pull produces another 64 KB chunk of JSON-ish text. */
  function endless(): { response: Response; pulled: () => number } {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`[${'1,'.repeat(32 * 1024 - 1)}`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { response: new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }), pulled: () => pulled };
  }

  it('stops reading a body past the cap and says so (typed malformed, not retried)', async () => {
    const { response, pulled } = endless();
    const client = createHttpClient({ fetch: () => Promise.resolve(response), logger: silent, limits: { maxJsonBytes: 1024 * 1024 } });
    const error = await firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/events?ack=3' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'malformed', details: { cause: 'tooLarge', url: 'https://pool.contoso.com/events' } });
    expect((error as Error).message).toMatch(/more than 1 MB/);
    expect(pulled()).toBeLessThanOrEqual(1024 * 1024 + 2 * 64 * 1024);
  });

  it('refuses a declared Content-Length over the cap without reading, and gives batches their own cap', async () => {
    const big = (type: string) =>
      new Response('x'.repeat(2048), { status: 200, headers: { 'Content-Type': type, 'Content-Length': '2048' } });
    const client = createHttpClient({
      fetch: (input) => Promise.resolve(big(String(input instanceof Request ? input.url : input).includes('batch') ? 'multipart/batching; boundary=b' : 'application/json')),
      logger: silent,
      limits: { maxJsonBytes: 1024, maxBatchBytes: 4096 },
    });
    await expect(firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/app' }))).rejects.toMatchObject({
      details: { cause: 'tooLarge' },
    });
    const batch = await firstValueFrom(client.request({ method: 'POST', href: 'https://pool.contoso.com/batch', body: '', contentType: 'multipart/batching' }));
    expect(batch.text).toHaveLength(2048);
  });

  it('refuses JSON nested deeper than the cap before anything walks it', async () => {
    const deep = `${'{"_embedded":{"x":'.repeat(5000)}{}${'}}'.repeat(5000)}`;
    const client = createHttpClient({ fetch: () => Promise.resolve(new Response(deep, { headers: { 'Content-Type': 'application/json' } })), logger: silent });
    await expect(firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/events' }))).rejects.toMatchObject({
      kind: 'malformed',
      details: { cause: 'tooDeep' },
    });
    // Brackets inside strings do not count.
    const shallow = JSON.stringify({ note: '[[[[[[[[[[{{{{{{{{{{'.repeat(100), quote: 'a\\"[' });
    const ok = createHttpClient({ fetch: () => Promise.resolve(new Response(shallow, { headers: { 'Content-Type': 'application/json' } })), logger: silent, limits: { maxJsonDepth: 1 } });
    expect((await firstValueFrom(ok.request({ method: 'GET', href: 'https://pool.contoso.com/note' }))).body).toEqual(JSON.parse(shallow));
  });
});
