import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../../../main/core/ports';
import { SessionFailure } from '../../../../../main/core/session/session-failure';
import {
  createTokenStore,
  grantUsername,
  parseTokenResponse,
  renewalDelayMs,
} from '../../../../../main/core/ucwa/token';

const CHALLENGE = { tokenUrl: 'https://pool.contoso.com/WebTicket/oauthtoken', grantTypes: ['urn:microsoft.rtc:windows', 'password'] };
const ORIGIN = 'https://pool.contoso.com';
const silent = { log: () => undefined };
const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function tokenEndpoint(answer: (n: number) => Response) {
  const bodies: string[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    bodies.push(await request.text());
    return answer(bodies.length);
  };
  return { fetch, bodies };
}

const tokenJson = (n: number, expiresIn = 28_800): Response =>
  new Response(JSON.stringify({ access_token: `cwt=T${n}`, token_type: 'Bearer', expires_in: expiresIn }), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  });

describe('token parsing', () => {
  it('builds the header as token_type + access_token (cwt= stays inside the token)', () => {
    expect(parseTokenResponse({ access_token: 'cwt=AAEB', token_type: 'Bearer', expires_in: 28289 })).toEqual({
      authorization: 'Bearer cwt=AAEB',
      expiresInSeconds: 28289,
    });
    expect(() => parseTokenResponse({ token_type: 'Bearer' })).toThrow();
  });

  it('renews at 85 % of the lifetime, never sooner than 30 s', () => {
    expect(renewalDelayMs(28_800)).toBe(24_480_000);
    expect(renewalDelayMs(10)).toBe(30_000);
  });

  it('strips sip: from the user name', () => {
    expect(grantUsername(' sip:Dana@contoso.com')).toBe('Dana@contoso.com');
  });
});

describe('createTokenStore', () => {
  it('posts a form-encoded password grant to the advertised URL and keeps tokens per host', async () => {
    const { fetch, bodies } = tokenEndpoint((n) => tokenJson(n));
    const store = createTokenStore({
      fetch,
      scheduler: new VirtualTimeScheduler(),
      logger: silent,
      credentials: { username: 'dana@contoso.com', password: 'p&ss word' },
    });
    await store.authenticate(ORIGIN, CHALLENGE, undefined);
    expect(new URLSearchParams(bodies[0])).toEqual(
      new URLSearchParams({ grant_type: 'password', username: 'dana@contoso.com', password: 'p&ss word' }),
    );
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T1');
    expect(store.authorization('https://other.contoso.com')).toBeUndefined();
    // A stale 401 (someone already renewed) does not fetch again.
    await store.authenticate(ORIGIN, CHALLENGE, 'Bearer cwt=OLD');
    expect(bodies).toHaveLength(1);
  });

  it('renews before expiry on the injected scheduler', async () => {
    const scheduler = new VirtualTimeScheduler(undefined, 10_000_000);
    const { fetch, bodies } = tokenEndpoint((n) => tokenJson(n, 100));
    const store = createTokenStore({ fetch, scheduler, logger: silent, credentials: { username: 'u', password: 'p' } });
    await store.authenticate(ORIGIN, CHALLENGE, undefined);
    expect(scheduler.actions.map((a) => a.delay)).toEqual([85_000]);
    // Up to the renewal only: further on lies the renewal request's own deadline.
    scheduler.maxFrames = 85_000;
    scheduler.flush();
    await flushPromises();
    expect(bodies).toHaveLength(2);
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T2');
    store.clear();
    expect(store.authorization(ORIGIN)).toBeUndefined();
  });

  it('a wrong password is a typed SessionFailure and a missing password grant too', async () => {
    const { fetch } = tokenEndpoint(
      () => new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400, headers: { 'Content-Type': 'application/json' } }),
    );
    const store = createTokenStore({
      fetch,
      scheduler: new VirtualTimeScheduler(),
      logger: silent,
      credentials: { username: 'u', password: 'hunter2' },
    });
    const wrong = await store.authenticate(ORIGIN, CHALLENGE, undefined).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(SessionFailure);
    expect((wrong as SessionFailure).error.reason).toBe('wrongPassword');
    expect((wrong as SessionFailure).message).not.toContain('hunter2');
    const windowsOnly = await store
      .authenticate(ORIGIN, { ...CHALLENGE, grantTypes: ['urn:microsoft.rtc:windows'] }, undefined)
      .catch((e: unknown) => e);
    expect((windowsOnly as SessionFailure).error.reason).toBe('grantNotSupported');
  });

  it('never posts the password for a challenge naming another origin, nor stores a token for the challenger', async () => {
    const { fetch, bodies } = tokenEndpoint((n) => tokenJson(n));
    const store = createTokenStore({ fetch, scheduler: new VirtualTimeScheduler(), logger: silent, credentials: { username: 'u', password: 'p' } });
    const foreign = await store.authenticate('https://evil.example', CHALLENGE, undefined).catch((e: unknown) => e);
    expect(foreign).toMatchObject({ error: { reason: 'untrustedHost' } });
    expect((foreign as Error).message).toMatch(/evil\.example.*pool\.contoso\.com/);
    expect(bodies).toEqual([]);
    expect(store.authorization('https://evil.example')).toBeUndefined();
    // Same host, other port or scheme: another origin too.
    await expect(store.authenticate('https://pool.contoso.com:444', CHALLENGE, undefined)).rejects.toMatchObject({
      error: { reason: 'untrustedHost' },
    });
    expect(bodies).toEqual([]);
  });

  it('asks the trust rules before posting the password', async () => {
    const { fetch, bodies } = tokenEndpoint((n) => tokenJson(n));
    const admitted: string[] = [];
    const store = createTokenStore({
      fetch,
      scheduler: new VirtualTimeScheduler(),
      logger: silent,
      credentials: { username: 'u', password: 'p' },
      admit: (url) => {
        admitted.push(url);
        return Promise.reject(SessionFailure.of('insecureConnection', 'not encrypted'));
      },
    });
    await expect(store.authenticate(ORIGIN, CHALLENGE, undefined)).rejects.toMatchObject({ error: { reason: 'insecureConnection' } });
    expect(admitted).toEqual([CHALLENGE.tokenUrl]);
    expect(bodies).toEqual([]);
  });

  it('does not follow a redirect from the token service (it would carry the password)', async () => {
    const { fetch, bodies } = tokenEndpoint(() => new Response(null, { status: 307, headers: { Location: 'https://evil.example/take' } }));
    const store = createTokenStore({ fetch, scheduler: new VirtualTimeScheduler(), logger: silent, credentials: { username: 'u', password: 'p' } });
    await expect(store.authenticate(ORIGIN, CHALLENGE, undefined)).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    expect(bodies).toHaveLength(1);
  });

  it('gives up on a token answer that stalls mid-body at its deadline, and the next 401 asks again', async () => {
    const scheduler = new VirtualTimeScheduler(undefined, 10_000_000);
    let calls = 0;
    const fetch: FetchLike = async (_input, init) => {
      calls += 1;
      if (calls > 1) return tokenJson(calls);
      // Headers at once, then a body that never ends (until aborted).
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"access_token":'));
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const store = createTokenStore({ fetch, scheduler, logger: silent, credentials: { username: 'u', password: 'p' }, timeoutMs: 1_000 });
    const first = store.authenticate(ORIGIN, CHALLENGE, undefined).catch((e: unknown) => e);
    await flushPromises();
    scheduler.flush();
    expect(await first).toMatchObject({ kind: 'network', details: { cause: 'timeout' } });
    await store.authenticate(ORIGIN, CHALLENGE, undefined);
    expect(calls).toBe(2);
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T2');
  });

  it('clear() drops a pending token request: the next sign-in asks again and the late answer is not kept', async () => {
    const answers: ((response: Response) => void)[] = [];
    const fetch: FetchLike = () => new Promise<Response>((resolve) => answers.push(resolve));
    const store = createTokenStore({ fetch, scheduler: new VirtualTimeScheduler(), logger: silent, credentials: { username: 'u', password: 'p' } });
    const stale = store.authenticate(ORIGIN, CHALLENGE, undefined).catch((e: unknown) => e);
    await flushPromises();
    store.clear();
    const fresh = store.authenticate(ORIGIN, CHALLENGE, undefined);
    await flushPromises();
    expect(answers).toHaveLength(2);
    answers[1]!(tokenJson(2));
    await fresh;
    answers[0]!(tokenJson(1));
    await stale;
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T2');
  });
});
