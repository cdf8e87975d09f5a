/**
 * Sign-in and navigation for the raw conformance tests, over {@link RawConnection} only: discovery
 * root → user (401 challenge) → password grant → application, each href read from the previous
 * answer, as a client that never saw this simulator would.
 */
import { obj, str } from '../support/json';
import type { SimConfig } from '../../../simulator/index';
import { DANA, Sim } from '../support/sim';
import { decodedJson, header, lengthOf, RawConnection, requestBytes, type RawResponse } from './raw-client';

/** What a signed-in raw client holds: a port, a host header value, a bearer token and its application. */
export interface RawSession {
  readonly port: number;
  readonly host: string;
  readonly authorization: string;
  /** The application resource as created (JSON). */
  readonly app: Record<string, unknown>;
  /** The user resource's `applications` href (request-line form), for a second POST. */
  readonly applicationsPath: string;
}

/** The body {@link rawSignIn} creates its application with (its EndpointId names the endpoint). */
export const APPLICATION_BODY = JSON.stringify({ UserAgent: 'RawConformance/1.0', EndpointId: 'b2c1a9e0-3f55-4d0c-9b8e-5e0f6a7d1c42', Culture: 'en-US' });

/** A link's href in a JSON resource. */
export function href(resource: unknown, rel: string): string {
  return str(obj(obj(obj(resource, 'resource')['_links'], '_links')[rel], rel)['href'], `${rel}.href`);
}

/** An embedded resource of a JSON resource. */
export function embeddedOf(resource: unknown, rel: string): Record<string, unknown> {
  return obj(obj(obj(resource, 'resource')['_embedded'], '_embedded')[rel], rel);
}

/** The path (and query) of an absolute or relative href: what goes on the request line. */
export function pathOf(url: string): string {
  const u = new URL(url, 'http://placeholder');
  return `${u.pathname}${u.search}`;
}

/** Sends one request on a fresh connection and closes it. */
export async function once(port: number, bytes: Buffer, options: { head?: boolean } = {}): Promise<RawResponse> {
  const conn = await RawConnection.open(port);
  try {
    return await conn.exchange(bytes, options);
  } finally {
    conn.close();
  }
}

/** Discovery, password grant and application creation over raw sockets. */
export async function rawSignIn(port: number): Promise<RawSession> {
  const host = `127.0.0.1:${port}`;
  const conn = await RawConnection.open(port);
  try {
    const root = await conn.exchange(requestBytes('GET', '/Autodiscover/AutodiscoverService.svc/root', [['Host', host], ['Accept', 'application/json']]));
    const userPath = pathOf(href(decodedJson(root), 'user'));
    const challenge = await conn.exchange(requestBytes('GET', userPath, [['Host', host], ['Accept', 'application/json']]));
    const m = /MsRtcOAuth href="([^"]+)"/.exec(header(challenge, 'www-authenticate') ?? '');
    if (challenge.status !== 401 || !m?.[1]) throw new Error(`user → ${challenge.status} without MsRtcOAuth`);
    const form = new URLSearchParams({ grant_type: 'password', username: DANA.user, password: DANA.password }).toString();
    const tokenReply = await conn.exchange(
      requestBytes('POST', pathOf(m[1]), [['Host', host], ['Content-Type', 'application/x-www-form-urlencoded;charset=UTF-8'], ['Content-Length', lengthOf(form)]], form),
    );
    const token = obj(decodedJson(tokenReply), 'token');
    const authorization = `${str(token['token_type'], 'token_type')} ${str(token['access_token'], 'access_token')}`;
    const user = await conn.exchange(requestBytes('GET', userPath, [['Host', host], ['Accept', 'application/json'], ['Authorization', authorization]]));
    const body = APPLICATION_BODY;
    const applicationsPath = pathOf(href(decodedJson(user), 'applications'));
    const created = await conn.exchange(
      requestBytes('POST', applicationsPath, [
        ['Host', host],
        ['Accept', 'application/json'],
        ['Content-Type', 'application/json'],
        ['Authorization', authorization],
        ['Content-Length', lengthOf(body)],
      ], body),
    );
    if (created.status !== 201) throw new Error(`create application → ${created.status}`);
    return { port, host, authorization, app: obj(decodedJson(created), 'application'), applicationsPath };
  } finally {
    conn.close();
  }
}

/**
 * A signed-in request as a third-party client writes it: Host, `Accept: application/json`, the
 * bearer token; a JSON body with `Content-Type: application/json`, or none at all
 * (`Content-Length: 0`, no Content-Type) when `body` is undefined and the method is not GET.
 */
export function ucwaRequest(s: RawSession, method: string, path: string, body?: string, extra: readonly (readonly [string, string])[] = []): Buffer {
  const framing: (readonly [string, string])[] =
    method === 'GET' ? [] : [...(body === undefined ? [] : ([['Content-Type', 'application/json']] as const)), ['Content-Length', lengthOf(body ?? '')]];
  return requestBytes(method, path, [['Host', s.host], ['Accept', 'application/json'], ['Authorization', s.authorization], ...extra, ...framing], body ?? '');
}

/** A simulator, a signed-in raw session on it, and one keep-alive connection for the test to use. */
export interface RawFixture {
  readonly sim: Sim;
  readonly session: RawSession;
  readonly conn: RawConnection;
  close(): Promise<void>;
}

/** Starts a simulator, signs in over raw sockets and opens a connection; `close()` undoes all three. */
export async function openRawFixture(config: Partial<SimConfig> = {}): Promise<RawFixture> {
  const sim = await Sim.start(config);
  const session = await rawSignIn(sim.handle.port);
  const conn = await RawConnection.open(session.port);
  return {
    sim,
    session,
    conn,
    close: async () => {
      conn.close();
      await sim.stop();
    },
  };
}
