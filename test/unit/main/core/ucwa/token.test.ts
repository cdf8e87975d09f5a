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
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

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

describe('parseTokenResponse edge cases', () => {
  it('defaults the type to Bearer and a missing, zero, negative or non-numeric lifetime to an hour', () => {
    expect(parseTokenResponse({ access_token: 'cwt=A', token_type: 7, expires_in: 60 })).toStrictEqual({ authorization: 'Bearer cwt=A', expiresInSeconds: 60 });
    expect(parseTokenResponse({ access_token: 'cwt=A', token_type: 'MAC' })).toStrictEqual({ authorization: 'MAC cwt=A', expiresInSeconds: 3600 });
    for (const expires_in of [0, -5, 'soon', null, Number.POSITIVE_INFINITY]) {
      expect(parseTokenResponse({ access_token: 'cwt=A', expires_in }).expiresInSeconds).toBe(3600);
    }
    expect(parseTokenResponse({ access_token: 'cwt=A', expires_in: '120' }).expiresInSeconds).toBe(120);
  });

  it('takes an object lifetime that cannot become a number (a hostile {"toString":1}) as no lifetime, not a crash', () => {
    const hostile: unknown = JSON.parse('{"access_token":"cwt=A","expires_in":{"toString":1,"valueOf":1}}');
    expect(parseTokenResponse(hostile).expiresInSeconds).toBe(3600);
    expect(parseTokenResponse({ access_token: 'cwt=A', expires_in: ['90'] }).expiresInSeconds).toBe(3600);
  });

  it('refuses an answer that is not an object or has no usable access_token, as malformed', () => {
    for (const body of [null, 'cwt=A', 42, { access_token: '' }, { access_token: 5 }]) {
      expect(() => parseTokenResponse(body)).toThrow(expect.objectContaining({ kind: 'malformed' }));
    }
    expect(() => parseTokenResponse(null)).toThrow(/not JSON/);
    expect(() => parseTokenResponse('cwt=A')).toThrow(/not JSON/);
    expect(() => parseTokenResponse({})).toThrow(/access_token/);
  });

  it('renews at the fraction given, and strips only a leading sip: in any case', () => {
    expect(renewalDelayMs(1000, 0.5)).toBe(500_000);
    expect(renewalDelayMs(100.001)).toBe(85_000);
    expect(grantUsername('SIP:dana@contoso.com ')).toBe('dana@contoso.com');
    expect(grantUsername('dana.sip:x@contoso.com')).toBe('dana.sip:x@contoso.com');
  });
});

/** A token endpoint whose answers the test gives one by one; records each request. */
function manualEndpoint() {
  const pending: ((response: Response) => void)[] = [];
  const requests: { url: string; accept: string | null; method: string; signal: AbortSignal | undefined }[] = [];
  const fetch: FetchLike = (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const signal = init?.signal ?? request.signal;
    requests.push({ url: request.url, accept: request.headers.get('accept'), method: request.method, signal });
    return new Promise<Response>((resolve, reject) => {
      pending.push(resolve);
      // Like fetch: an abort before the answer rejects.
      signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  };
  return { fetch, requests, answer: (n: number, response: Response) => pending[n]!(response) };
}

const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('createTokenStore answers', () => {
  const storeFor = (fetch: FetchLike, extra: Partial<Parameters<typeof createTokenStore>[0]> = {}) =>
    createTokenStore({ fetch, scheduler: new VirtualTimeScheduler(), logger: silent, credentials: { username: 'u', password: 'p' }, ...extra });
  const failureOf = async (answer: Response | (() => Response), extra: Partial<Parameters<typeof createTokenStore>[0]> = {}) => {
    const { fetch } = tokenEndpoint(() => (typeof answer === 'function' ? answer() : answer));
    const store = storeFor(fetch, extra);
    const error = await store.authenticate(ORIGIN, CHALLENGE, undefined).catch((e: unknown) => e);
    return { error, store };
  };

  it('posts with Accept: application/json to the challenge URL', async () => {
    const { fetch, requests, answer } = manualEndpoint();
    const done = storeFor(fetch).authenticate(ORIGIN, CHALLENGE, undefined);
    await flushPromises();
    answer(0, tokenJson(1));
    await done;
    expect(requests).toMatchObject([{ url: CHALLENGE.tokenUrl, accept: 'application/json', method: 'POST' }]);
  });

  it('an error status is an http UcwaError with status, a URL without query and Retry-After when sent', async () => {
    const challenge = { ...CHALLENGE, tokenUrl: `${CHALLENGE.tokenUrl}?secret=1` };
    const { fetch } = tokenEndpoint(() => jsonAnswer(503, { error: 'busy' }, { 'Retry-After': '30' }));
    const error = await storeFor(fetch).authenticate(ORIGIN, challenge, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UcwaError);
    expect(error).toMatchObject({ kind: 'http' });
    expect((error as UcwaError).details).toStrictEqual({ status: 503, url: CHALLENGE.tokenUrl, retryAfter: 30 });
    expect((error as UcwaError).message).toBe(`The token service at ${CHALLENGE.tokenUrl} answered 503.`);
    const { error: plain } = await failureOf(jsonAnswer(500, {}));
    expect((plain as UcwaError).details).toStrictEqual({ status: 500, url: CHALLENGE.tokenUrl });
  });

  it('a 400 is a typed failure only for the OAuth errors the user can fix; any other 400 is an http error', async () => {
    const reasonOf = async (response: Response) => ((await failureOf(response)).error as SessionFailure).error?.reason;
    expect(await reasonOf(jsonAnswer(400, { error: 'unsupported_grant_type' }))).toBe('grantNotSupported');
    // What the user reads says what to fix.
    expect((await failureOf(jsonAnswer(400, { error: 'unsupported_grant_type' }))).error).toMatchObject({ message: expect.stringMatching(/password sign-in/) });
    expect((await failureOf(jsonAnswer(400, { error: 'invalid_grant' }))).error).toMatchObject({ message: expect.stringMatching(/password is wrong/) });
    const { fetch } = tokenEndpoint((n) => tokenJson(n));
    const windowsOnly = await storeFor(fetch).authenticate(ORIGIN, { ...CHALLENGE, grantTypes: ['urn:microsoft.rtc:windows'] }, undefined).catch((e: unknown) => e);
    expect(windowsOnly).toMatchObject({ error: { reason: 'grantNotSupported' }, message: expect.stringMatching(/Windows/) });
    for (const other of [
      jsonAnswer(400, { error: 'invalid_request' }),
      jsonAnswer(400, {}),
      jsonAnswer(400, null),
      new Response('<html>bad</html>', { status: 400 }),
    ]) {
      const { error } = await failureOf(other);
      expect(error).toMatchObject({ kind: 'http', details: { status: 400 } });
    }
    // The OAuth error of a non-400 answer is not read: the status decides.
    expect(await failureOf(jsonAnswer(401, { error: 'invalid_grant' }))).toMatchObject({ error: { kind: 'http', details: { status: 401 } } });
  });

  it('every 2xx carries the token, and any 3xx is refused (cancelling its body) instead of followed', async () => {
    for (const status of [201, 299]) {
      const { fetch } = tokenEndpoint(() => new Response(JSON.stringify({ access_token: `cwt=S${status}` }), { status }));
      const store = storeFor(fetch);
      await store.authenticate(ORIGIN, CHALLENGE, undefined);
      expect(store.authorization(ORIGIN)).toBe(`Bearer cwt=S${status}`);
    }
    for (const status of [300, 304, 399]) {
      let cancelled = false;
      const body = new ReadableStream({ cancel: () => void (cancelled = true) });
      const { error, store } = await failureOf(new Response(status === 304 ? null : body, { status }));
      expect(error).toMatchObject({ error: { reason: 'untrustedHost' } });
      expect((error as Error).message).toContain('pool.contoso.com');
      if (status !== 304) expect(cancelled).toBe(true);
      expect(store.authorization(ORIGIN)).toBeUndefined();
    }
  });

  it('no answer at all is a network UcwaError, a body over the cap or too deep is malformed', async () => {
    const broken: FetchLike = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    const unreachable = await storeFor(broken).authenticate(ORIGIN, CHALLENGE, undefined).catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ kind: 'network', details: { cause: 'refused' } });
    const { error: large } = await failureOf(() => jsonAnswer(200, { access_token: 'cwt=' + 'x'.repeat(200) }), { maxBodyBytes: 100 });
    expect(large).toMatchObject({ kind: 'malformed', details: { cause: 'tooLarge' } });
    const { error: declared } = await failureOf(
      () => new Response('{}', { status: 200, headers: { 'Content-Length': String(9 * 1024 * 1024) } }),
    );
    expect(declared).toMatchObject({ kind: 'malformed', details: { cause: 'tooLarge' } });
    const { error: deep } = await failureOf(() => new Response('['.repeat(65) + ']'.repeat(65), { status: 200 }));
    expect(deep).toMatchObject({ kind: 'malformed', details: { cause: 'tooDeep' } });
  });

  it('a challenge whose token URL is not a URL is malformed and posts nothing', async () => {
    const { fetch, bodies } = tokenEndpoint((n) => tokenJson(n));
    const error = await storeFor(fetch).authenticate(ORIGIN, { ...CHALLENGE, tokenUrl: 'not a url' }, undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/token URL that is not a URL/) });
    expect(bodies).toEqual([]);
  });
});

describe('createTokenStore lifecycle', () => {
  const setup = (extra: Partial<Parameters<typeof createTokenStore>[0]> = {}) => {
    const scheduler = new VirtualTimeScheduler(undefined, 100_000_000);
    const endpoint = manualEndpoint();
    const logs: { level: string; message: string; fields: unknown }[] = [];
    const store = createTokenStore({
      fetch: endpoint.fetch,
      scheduler,
      logger: { log: (level, message, fields) => logs.push({ level, message, fields }) },
      credentials: { username: 'u', password: 'p' },
      ...extra,
    });
    const signIn = async (n: number, rejected?: string) => {
      const done = store.authenticate(ORIGIN, CHALLENGE, rejected);
      await flushPromises();
      endpoint.answer(n, tokenJson(n + 1, 1000));
      await done;
    };
    return { scheduler, store, logs, signIn, ...endpoint };
  };

  it('the whole-request deadline is the timeout plus 5 s and aborts the request; the default timeout is 30 s', async () => {
    for (const [timeoutMs, deadline] of [[1_000, 6_000], [undefined, 35_000]] as const) {
      const { scheduler, store, requests } = setup(timeoutMs === undefined ? {} : { timeoutMs });
      const outcome = store.authenticate(ORIGIN, CHALLENGE, undefined).then(() => 'ok', (e: unknown) => e);
      await flushPromises();
      scheduler.maxFrames = deadline - 1;
      scheduler.flush();
      await flushPromises();
      expect(requests[0]?.signal?.aborted).toBe(false);
      scheduler.maxFrames = deadline;
      scheduler.flush();
      expect(await outcome).toMatchObject({ kind: 'network', details: { cause: 'timeout' } });
      expect(requests[0]?.signal?.aborted).toBe(true);
    }
  });

  it('an answer cancels its deadline: only the renewal stays scheduled, at renewFraction of the lifetime', async () => {
    const { scheduler, signIn } = setup({ renewFraction: 0.5 });
    await signIn(0);
    expect(scheduler.actions.map((a) => a.delay)).toEqual([500_000]);
  });

  it('a forced renewal (the server refused the current token) replaces the old renewal instead of adding one', async () => {
    const { scheduler, store, signIn, requests } = setup();
    await signIn(0);
    await signIn(1, 'Bearer cwt=T1');
    expect(requests).toHaveLength(2);
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T2');
    expect(scheduler.actions.map((a) => a.delay)).toEqual([850_000]);
  });

  it('concurrent 401s share one request, and a 401 during a renewal waits for it', async () => {
    const { scheduler, store, signIn, requests, answer } = setup();
    await signIn(0);
    scheduler.maxFrames = 850_000;
    scheduler.flush();
    await flushPromises();
    expect(requests).toHaveLength(2);
    let settled = false;
    // The server refused a token that is already replaced, but a renewal is on its way: wait for it.
    const waiting = store.authenticate(ORIGIN, CHALLENGE, 'Bearer cwt=OLD').then(() => (settled = true));
    const second = store.authenticate(ORIGIN, CHALLENGE, 'Bearer cwt=T1');
    await flushPromises();
    expect(settled).toBe(false);
    answer(1, tokenJson(2));
    await Promise.all([waiting, second]);
    expect(requests).toHaveLength(2);
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T2');
  });

  it('a failed renewal is logged with the host and keeps the current token', async () => {
    const { scheduler, store, signIn, answer, logs } = setup();
    await signIn(0);
    scheduler.maxFrames = 850_000;
    scheduler.flush();
    await flushPromises();
    answer(1, jsonAnswer(503, {}));
    await flushPromises();
    await flushPromises();
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T1');
    expect(logs.filter((l) => l.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: expect.stringMatching(/renewal failed/),
        fields: { host: 'pool.contoso.com', error: expect.stringMatching(/answered 503/) },
      },
    ]);
    expect(JSON.stringify(logs)).not.toContain('cwt=T1');
  });

  it('logs the acquisition with host and lifetime, never the token', async () => {
    const { signIn, logs } = setup();
    await signIn(0);
    expect(logs).toEqual([{ level: 'info', message: 'token acquired', fields: { host: 'pool.contoso.com', expiresIn: 1000 } }]);
  });

  it('forget drops one origin\'s token and its renewal; clear drops every renewal and aborts requests in flight', async () => {
    const { scheduler, store, signIn, requests } = setup();
    store.forget('https://never.contoso.com');
    await signIn(0);
    store.forget(ORIGIN);
    expect(store.authorization(ORIGIN)).toBeUndefined();
    expect(scheduler.actions).toEqual([]);
    // The server refuses the forgotten token: a new one is fetched, not assumed.
    await signIn(1, 'Bearer cwt=T1');
    expect(requests).toHaveLength(2);
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T2');
    const pending = store.authenticate(ORIGIN, CHALLENGE, 'Bearer cwt=T2').catch((e: unknown) => e);
    await flushPromises();
    store.clear();
    expect(requests[2]?.signal?.aborted).toBe(true);
    expect(scheduler.actions).toEqual([]);
    expect(store.authorization(ORIGIN)).toBeUndefined();
    await pending;
  });

  it('a request dropped by clear() that fails late leaves the newer request shared', async () => {
    const { store, requests, answer } = setup();
    const stale = store.authenticate(ORIGIN, CHALLENGE, undefined).catch((e: unknown) => e);
    await flushPromises();
    store.clear();
    const fresh = store.authenticate(ORIGIN, CHALLENGE, undefined);
    await flushPromises();
    answer(0, jsonAnswer(500, {}));
    await stale;
    // Still in flight: a third caller shares it instead of posting the password again.
    const third = store.authenticate(ORIGIN, CHALLENGE, undefined);
    await flushPromises();
    expect(requests).toHaveLength(2);
    answer(1, tokenJson(2));
    await Promise.all([fresh, third]);
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T2');
  });

  it('a request dropped by clear() whose answer still comes settles quietly, storing nothing', async () => {
    // A transport that answers although the request was aborted (the answer was already on its way).
    const answers: ((response: Response) => void)[] = [];
    const fetch: FetchLike = () => new Promise<Response>((resolve) => answers.push(resolve));
    const store = createTokenStore({ fetch, scheduler: new VirtualTimeScheduler(), logger: silent, credentials: { username: 'u', password: 'p' } });
    const stale = store.authenticate(ORIGIN, CHALLENGE, undefined);
    await flushPromises();
    store.clear();
    answers[0]!(tokenJson(1));
    await expect(stale).resolves.toBeUndefined();
    expect(store.authorization(ORIGIN)).toBeUndefined();
  });

  it('a renewal refused by the trust rules with a non-Error is logged as unknown', async () => {
    let admits = 0;
    const { scheduler, store, signIn, logs } = setup({ admit: () => (++admits === 1 ? Promise.resolve() : Promise.reject('refused')) });
    await signIn(0);
    scheduler.maxFrames = 850_000;
    scheduler.flush();
    await flushPromises();
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.fields)).toEqual([{ host: 'pool.contoso.com', error: 'unknown' }]);
    expect(store.authorization(ORIGIN)).toBe('Bearer cwt=T1');
  });
});
