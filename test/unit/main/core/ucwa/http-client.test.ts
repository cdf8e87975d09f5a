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
