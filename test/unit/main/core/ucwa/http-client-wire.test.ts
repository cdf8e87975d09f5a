import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { FetchLike, Logger } from '../../../../../main/core/ports';
import { type Authenticator, createHttpClient } from '../../../../../main/core/ucwa/http-client';
import type { ResourceRequest } from '../../../../../main/core/ucwa/resource-client';

const CHALLENGE = 'MsRtcOAuth href="https://pool.contoso.com/WebTicket/oauthtoken",grant_type="password"';

function recording(handler: (request: Request) => Response) {
  const seen: Request[] = [];
  const fetch: FetchLike = (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push(request.clone());
    return Promise.resolve(handler(request));
  };
  return { fetch, seen };
}

function logs() {
  const lines: [string, string, unknown][] = [];
  const logger: Logger = { log: (level, message, fields) => void lines.push([level, message, fields]) };
  return { logger, lines };
}

const ok = (): Response => new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('what the client puts on the wire', () => {
  it('asks for JSON unless the request says otherwise', async () => {
    const { fetch, seen } = recording(ok);
    const client = createHttpClient({ fetch, logger: logs().logger });
    await firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/a' }));
    await firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/a', accept: 'multipart/batching' }));
    expect(seen.map((r) => r.headers.get('accept'))).toEqual(['application/json', 'multipart/batching']);
  });

  it('sends a raw body with its own content type', async () => {
    const { fetch, seen } = recording(ok);
    await firstValueFrom(
      createHttpClient({ fetch, logger: logs().logger }).request({ method: 'POST', href: 'https://pool.contoso.com/b', body: '--x--', contentType: 'multipart/batching;boundary=x' }),
    );
    expect(seen[0]!.headers.get('content-type')).toBe('multipart/batching;boundary=x');
    expect(await seen[0]!.text()).toBe('--x--');
  });

  it('never forwards an Authorization header the caller set: only the origin’s own token travels', async () => {
    const { fetch, seen } = recording(ok);
    const auth: Authenticator = {
      authorization: (origin) => (origin === 'https://pool.contoso.com' ? 'Bearer cwt=OWN' : undefined),
      authenticate: () => Promise.resolve(),
    };
    const client = createHttpClient({ fetch, logger: logs().logger, authenticator: auth });
    // The request type only admits conditional headers; the client must hold even when a caller casts past it.
    const headers = { Authorization: 'Bearer cwt=STOLEN' } as unknown as ResourceRequest['headers'];
    await firstValueFrom(client.request({ method: 'GET', href: 'https://other.example/x', headers }));
    await firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/x', headers }));
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual([null, 'Bearer cwt=OWN']);
  });
});

describe('what the client logs', () => {
  it('logs each redirect hop and the final answer without query strings', async () => {
    const { fetch } = recording((r) =>
      r.url.includes('/a') ? new Response(null, { status: 302, headers: { Location: 'https://fe.contoso.com/b?token=secret' } }) : ok(),
    );
    const { logger, lines } = logs();
    await firstValueFrom(createHttpClient({ fetch, logger }).request({ method: 'GET', href: 'https://pool.contoso.com/a?ack=2' }));
    expect(lines).toEqual([
      ['debug', 'redirect', { from: 'https://pool.contoso.com/a', to: 'https://fe.contoso.com/b', status: 302 }],
      ['debug', 'http', { method: 'GET', url: 'https://fe.contoso.com/b', status: 200 }],
    ]);
  });

  it('logs a re-authentication with the host and status only', async () => {
    let calls = 0;
    const { fetch } = recording(() =>
      calls++ === 0 ? new Response('', { status: 401, headers: { 'WWW-Authenticate': CHALLENGE } }) : ok(),
    );
    const { logger, lines } = logs();
    const auth: Authenticator = { authorization: () => undefined, authenticate: () => Promise.resolve() };
    await firstValueFrom(createHttpClient({ fetch, logger, authenticator: auth }).request({ method: 'GET', href: 'https://pool.contoso.com:4443/a?x=1' }));
    expect(lines[0]).toEqual(['info', 'authenticating', { host: 'pool.contoso.com:4443', status: 401 }]);
    expect(lines).toHaveLength(2);
  });

  it('logs the answer of an error status too, before failing', async () => {
    const { fetch } = recording(() => new Response('', { status: 503 }));
    const { logger, lines } = logs();
    await expect(firstValueFrom(createHttpClient({ fetch, logger }).request({ method: 'DELETE', href: 'https://pool.contoso.com/a' }))).rejects.toMatchObject({
      kind: 'http',
      status: 503,
      message: 'DELETE https://pool.contoso.com/a answered 503.',
    });
    expect(lines).toEqual([['debug', 'http', { method: 'DELETE', url: 'https://pool.contoso.com/a', status: 503 }]]);
  });
});
