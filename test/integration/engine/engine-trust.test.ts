import { asyncScheduler } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type EngineOptions } from '../../../main/core/engine';
import type { Engine } from '../../../main/core/engine-api';
import type { FetchLike, Logger, TrustPrompt } from '../../../main/core/ports';
import type { SessionState } from '../../../shared/models';
import { ROOT_PATH, USER_PATH } from '../../simulator/discovery';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import { DANA, eventually, FAST_ENGINE, first, type LogLine } from './support/engine-harness';
import {
  carriesPassword,
  challenge,
  json,
  type FrontEnd,
  type Listening,
  type Received,
  type Reply,
  startForeignHost,
  startFrontEnd,
  TOKEN_PATH,
} from './support/hostile';

/**
 * The attacks of a hostile front end (the discovery URL's host, proxying the simulator) and a
 * foreign host on 127.0.0.2: each must leave the foreign host without the password and without
 * any token, and end in a typed error the user can read.
 */

interface Rig {
  readonly sim: SimulatorHandle;
  readonly front: FrontEnd;
  readonly foreign: Listening;
  readonly engine: Engine;
  readonly logs: LogLine[];
  readonly prompts: string[];
}

let rig: Rig | undefined;
afterEach(async () => {
  if (rig === undefined) return;
  await rig.engine.dispose();
  await Promise.all([rig.front.close(), rig.foreign.close(), rig.sim.stop()]);
  rig = undefined;
});

function engineFor(fetch: FetchLike, logs: LogLine[], options: EngineOptions = {}, trustPrompt?: TrustPrompt): Engine {
  const logger: Logger = { log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }) };
  return createEngine(
    {
      fetch,
      scheduler: asyncScheduler,
      logger,
      idle: { idleSeconds: () => 0 },
      endpointId: '0b9b8f0e-3f2b-4d7e-9f55-5a7d6c0f1e22',
      userAgent: 'ucwa-presence-tray-tests/0.1.0',
      culture: 'en-US',
      ...(trustPrompt ? { trustPrompt } : {}),
    },
    { ...FAST_ENGINE, initialConnectAttempts: 1, ...options },
  );
}

async function startRig(options: {
  foreign?: (request: Received, origin: string) => Reply | undefined;
  intercept?: (request: Received, front: string, foreign: string) => Reply | undefined;
  rewrite?: (body: string, request: Received, foreign: string) => string;
  prompt?: TrustPrompt;
  engine?: EngineOptions;
}): Promise<Rig> {
  const sim = await startSimulator({ config: { pgetTimeoutMin: 1 } });
  const foreign = await startForeignHost(options.foreign);
  const front = await startFrontEnd(
    sim.origin,
    (request, origin) => options.intercept?.(request, origin, foreign.origin),
    (body, request) => options.rewrite?.(body, request, foreign.origin) ?? body,
  );
  const logs: LogLine[] = [];
  const prompts: string[] = [];
  const prompt: TrustPrompt | undefined = options.prompt
    ? (from, to) => {
        prompts.push(`${from} → ${to}`);
        return options.prompt!(from, to);
      }
    : undefined;
  const engine = engineFor((input, init) => fetch(input, init), logs, options.engine, prompt);
  return { sim, front, foreign, engine, logs, prompts };
}

/** Nothing the foreign host received carries the password or an Authorization header. */
function expectNothingLeaked(received: readonly Received[]): void {
  expect(received.filter((r) => carriesPassword(r, DANA.password))).toEqual([]);
  expect(received.filter((r) => r.authorization !== undefined)).toEqual([]);
}

const errorOf = (session: SessionState) => (session.state === 'error' ? session.error : undefined);

describe('a hostile server cannot get the password or a token', () => {
  it('a challenge naming a token URL on a foreign host', async () => {
    rig = await startRig({
      intercept: (r, _front, foreign) =>
        r.path.startsWith(USER_PATH) && r.authorization === undefined ? challenge(`${foreign}${TOKEN_PATH}`) : undefined,
    });
    const signIn = rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl });
    await expect(signIn).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    expectNothingLeaked(rig.foreign.received);
    expect(rig.foreign.received).toEqual([]);
    const error = errorOf(await first(rig.engine.session$, () => true));
    expect(error?.message).toMatch(/127\.0\.0\.2/);
  });

  it('a discovery root whose user link points at a foreign host', async () => {
    rig = await startRig({
      intercept: (r, _front, foreign) =>
        r.path.startsWith(ROOT_PATH) && !r.path.startsWith(USER_PATH) ? json({ _links: { user: { href: `${foreign}${USER_PATH}` } } }) : undefined,
    });
    await expect(rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl })).rejects.toMatchObject({
      error: { reason: 'untrustedHost', message: expect.stringMatching(/127\.0\.0\.2.*"trustedDomains"/) as unknown },
    });
    expect(rig.foreign.received).toEqual([]);
  });

  it("an application whose people links point at a foreign host", async () => {
    rig = await startRig({
      rewrite: (body, r, foreign) =>
        /\/applications(\/\d+)?$/.test(r.path.split('?')[0]!)
          ? body.replace(/"href":"(\/ucwa\/oauth\/v1\/applications\/\d+\/people[^"]*)"/g, `"href":"${foreign}$1"`)
          : body,
    });
    // The contact list is read while makeMeAvailable runs, so its refusal may end the sign-in itself.
    await rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl }, { availability: 'Busy' }).catch(() => undefined);
    await eventually(
      async () => rig!.logs.some((l) => l.level === 'warn' && /^people:/.test(l.message)),
      'the people feature reports the refused link',
    );
    const ended = await first(rig.engine.session$, (s) => s.state === 'error');
    expect(errorOf(ended)?.reason).toBe('untrustedHost');
    expectNothingLeaked(rig.foreign.received);
    expect(rig.foreign.received).toEqual([]);
  });

  it('a 307 from me/presence to a foreign host', async () => {
    let redirected = 0;
    rig = await startRig({
      intercept: (r, _front, foreign) => {
        if (r.method !== 'GET' || !/\/me\/presence$/.test(r.path.split('?')[0]!) || r.authorization === undefined) return undefined;
        redirected += 1;
        return { status: 307, headers: { Location: `${foreign}${r.path}` } };
      },
    });
    await rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl }, { availability: 'Busy' }).catch(() => undefined);
    const session = await first(rig.engine.session$, (s) => s.state === 'error');
    expect(errorOf(session)).toMatchObject({ reason: 'untrustedHost' });
    expect(redirected).toBeGreaterThan(0);
    expectNothingLeaked(rig.foreign.received);
    expect(rig.foreign.received).toEqual([]);
  });

  it('a foreign host answering with a challenge that names the genuine token service', async () => {
    rig = await startRig({
      intercept: (r, _front, foreign) =>
        r.path.startsWith(ROOT_PATH) && !r.path.startsWith(USER_PATH) ? json({ _links: { user: { href: `${foreign}${USER_PATH}` } } }) : undefined,
      foreign: (r) => (r.authorization === undefined ? challenge(`${rig?.front.origin ?? ''}${TOKEN_PATH}`) : json({})),
    });
    await expect(rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl })).rejects.toMatchObject({
      error: { reason: 'untrustedHost' },
    });
    expect(rig.foreign.received).toEqual([]);
  });

  it('even when the user lets sign-in continue on the foreign host, it never gets a token issued elsewhere', async () => {
    rig = await startRig({
      intercept: (r, _front, foreign) =>
        r.path.startsWith(ROOT_PATH) && !r.path.startsWith(USER_PATH) ? json({ _links: { user: { href: `${foreign}${USER_PATH}` } } }) : undefined,
      foreign: (r) => (r.authorization === undefined ? challenge(`${rig?.front.origin ?? ''}${TOKEN_PATH}`) : json({})),
      prompt: () => Promise.resolve(true),
    });
    await expect(rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl })).rejects.toMatchObject({
      error: { reason: 'untrustedHost', message: expect.stringMatching(/different server/) as unknown },
    });
    expect(rig.prompts).toEqual([`contoso.com → 127.0.0.2`]);
    expect(rig.foreign.received.map((r) => r.path)).toEqual([USER_PATH]);
    expectNothingLeaked(rig.foreign.received);
    // Nor did the genuine token service get the password on the foreign host's behalf.
    expect(rig.front.received.filter((r) => r.path.startsWith(TOKEN_PATH))).toEqual([]);
  });

  it('the user says no: refused, and not asked again for the next request', async () => {
    rig = await startRig({
      intercept: (r, _front, foreign) =>
        r.path.startsWith(ROOT_PATH) && !r.path.startsWith(USER_PATH) ? json({ _links: { user: { href: `${foreign}${USER_PATH}` } } }) : undefined,
      prompt: () => Promise.resolve(false),
    });
    await expect(rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl })).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    await expect(rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl })).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    expect(rig.prompts).toHaveLength(1);
    expect(rig.foreign.received).toEqual([]);
  });
});

describe('legitimate topologies still sign in', () => {
  it('a 307 within the trusted host (another port) re-authenticates there; the token stays with its origin', async () => {
    let simOrigin = '';
    rig = await startRig({
      intercept: (r) =>
        r.method === 'GET' && /\/me\/presence$/.test(r.path.split('?')[0]!) && r.authorization !== undefined
          ? { status: 307, headers: { Location: `${simOrigin}${r.path}` } }
          : undefined,
    });
    simOrigin = rig.sim.origin;
    await rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl }, { availability: 'Busy' });
    expect((await first(rig.engine.presence$, (p) => p.availability === 'Busy')).availability).toBe('Busy');
    expect((await first(rig.engine.session$, () => true)).state).toBe('online');
  });
});

describe('plain http', () => {
  /** An in-memory server for host names that are not loopback: nothing leaves the process. */
  function memoryFetch(answer: (url: URL, init: RequestInit | undefined) => Response | undefined) {
    const asked: string[] = [];
    const fetch: FetchLike = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      asked.push(url.toString());
      const response = answer(url, init);
      if (response !== undefined) return response;
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    };
    return { fetch, asked };
  }

  it('refuses an http discovery URL on a real host name, before sending anything', async () => {
    const { fetch, asked } = memoryFetch(() => new Response(JSON.stringify({ _links: {} }), { headers: { 'Content-Type': 'application/json' } }));
    const logs: LogLine[] = [];
    const engine = engineFor(fetch, logs);
    try {
      const outcome = await engine.signIn({ ...DANA, discoveryUrl: 'http://lync.contoso.com/Autodiscover/AutodiscoverService.svc/root' }).catch((e: unknown) => e);
      expect(outcome).toMatchObject({
        error: { reason: 'insecureConnection', message: expect.stringMatching(/^http:\/\/lync\.contoso\.com is not encrypted: your password would travel in clear text/) as unknown },
      });
      expect(asked).toEqual([]);
    } finally {
      await engine.dispose();
    }
  });

  it('auto-discovery tries https only; the admin switch allows http', async () => {
    const root = (url: URL) =>
      url.protocol === 'http:' && url.hostname === 'lyncdiscover.contoso.com'
        ? new Response(JSON.stringify({ _links: { user: { href: '/user' } } }), { headers: { 'Content-Type': 'application/json' } })
        : undefined;
    const secure = memoryFetch(root);
    const engine = engineFor(secure.fetch, []);
    try {
      await expect(engine.signIn(DANA)).rejects.toMatchObject({ error: { reason: 'unknownDomain' } });
      expect(secure.asked.every((u) => u.startsWith('https://'))).toBe(true);
      expect(secure.asked.length).toBeGreaterThan(0);
    } finally {
      await engine.dispose();
    }
    const lab = memoryFetch(root);
    const labEngine = engineFor(lab.fetch, [], { trust: { allowInsecureHttp: true } });
    try {
      await labEngine.signIn(DANA).catch(() => undefined);
      expect(lab.asked).toContain('http://lyncdiscover.contoso.com/');
    } finally {
      await labEngine.dispose();
    }
  });
});

describe('a server cannot make the client hold or walk unbounded answers', () => {
  const isEvents = (r: Received) => r.method === 'GET' && /\/events$/.test(r.path.split('?')[0]!) && r.authorization !== undefined;
  /** A P-GET answer with `embedded` (JSON text) as one event's resource. */
  const page = (embedded: string, pad = ''): Reply => {
    const shell = JSON.stringify({
      _links: { self: { href: 'events?ack=1' }, next: { href: 'events?ack=2' } },
      pad,
      sender: [{ rel: 'me', href: 'me', events: [{ link: { rel: 'presence', href: 'me/presence' }, type: 'updated', _embedded: { presence: 'EMBEDDED' } }] }],
    });
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: shell.replace('"EMBEDDED"', embedded) };
  };

  it.each([
    ['nested 5,000 deep', () => page(`${'{"_embedded":{"x":'.repeat(5000)}{}${'}}'.repeat(5000)}`)],
    ['larger than the JSON cap', () => page('{"availability":"Busy"}', 'x'.repeat(1024 * 1024))],
  ])('an event page %s ends the session with a typed error instead of being fetched again and again', async (_name, hostile) => {
    let served = 0;
    rig = await startRig({
      engine: { limits: { maxJsonBytes: 256 * 1024 } },
      intercept: (r) => {
        if (!isEvents(r)) return undefined;
        served += 1;
        return hostile();
      },
    });
    await rig.engine.signIn({ ...DANA, discoveryUrl: rig.front.rootUrl }, { availability: 'Busy' }).catch(() => undefined);
    const session = await first(rig.engine.session$, (s) => s.state === 'error');
    expect(errorOf(session)).toMatchObject({ reason: 'malformedReply' });
    expect(served).toBe(1);
  });
});
