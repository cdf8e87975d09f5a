import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An attacker's kit for the trust tests: a "foreign host" on a second loopback address (Linux routes
 * all of 127/8 to loopback) that records everything it receives, and a front end on 127.0.0.1 that
 * proxies the simulator (rewriting the simulator's origin to its own) unless a scenario answers a
 * request itself.
 */

/** What a server received: enough to tell whether a password or a token leaked. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface Listening {
  readonly origin: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export const TOKEN_PATH = '/WebTicket/oauthtoken';

/** The UCWA challenge naming `tokenUrl`. */
export function challenge(tokenUrl: string): Reply {
  return {
    status: 401,
    headers: {
      'Content-Type': 'text/html',
      'WWW-Authenticate': `Bearer trusted_issuers="", client_id="00000004-0000-0ff1-ce00-000000000000", MsRtcOAuth href="${tokenUrl}",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password"`,
    },
    body: '<html>401</html>',
  };
}

export const json = (body: unknown, status = 200): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body ?? '');
}

/**
 * The foreign host on 127.0.0.2. By default it behaves like a UCWA pool of its own: 401 naming its
 * own token service without a token, a token for any password, `{}` with one.
 */
export async function startForeignHost(answer?: (request: Received, origin: string) => Reply | undefined): Promise<Listening> {
  const received: Received[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const request: Received = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        authorization: req.headers.authorization,
        body,
      };
      received.push(request);
      const custom = answer?.(request, origin);
      if (custom !== undefined) return send(res, custom);
      if (request.path.startsWith(TOKEN_PATH)) {
        return send(res, json({ access_token: 'cwt=FOREIGN', token_type: 'Bearer', expires_in: 28_800 }));
      }
      return send(res, request.authorization === undefined ? challenge(`${origin}${TOKEN_PATH}`) : json({}));
    });
  });
  origin = await listen(server, '127.0.0.2');
  return { origin, received, close: closer(server) };
}

export interface FrontEnd extends Listening {
  /** `${origin}/Autodiscover/AutodiscoverService.svc/root` */
  readonly rootUrl: string;
}

/**
 * A front end on 127.0.0.1 in front of the simulator at `simOrigin`: `intercept` may answer a request
 * itself; otherwise it is proxied with the simulator's origin rewritten to the front end's in bodies
 * and headers, and `rewrite` may edit the proxied body.
 */
export async function startFrontEnd(
  simOrigin: string,
  intercept: (request: Received, origin: string) => Reply | undefined,
  rewrite: (body: string, request: Received) => string = (body) => body,
): Promise<FrontEnd> {
  const received: Received[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const request: Received = { method: req.method ?? 'GET', path: req.url ?? '/', authorization: req.headers.authorization, body };
      received.push(request);
      const custom = intercept(request, origin);
      if (custom !== undefined) return send(res, custom);
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept', 'x-ms-requires-min-resource-version']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const upstream = await fetch(`${simOrigin}${request.path}`, {
        method: request.method,
        headers,
        ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body }),
        redirect: 'manual',
      });
      const text = rewrite((await upstream.text()).split(simOrigin).join(origin), request);
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        // fetch already decoded the body: its length and encoding no longer apply.
        if (['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) return;
        out[name] = value.split(simOrigin).join(origin);
      });
      send(res, { status: upstream.status, headers: out, body: text });
    })().catch(() => res.destroy());
  });
  origin = await listen(server, '127.0.0.1');
  return { origin, rootUrl: `${origin}/Autodiscover/AutodiscoverService.svc/root`, received, close: closer(server) };
}

/** True when a request body carries the password grant (a leaked password). */
export function carriesPassword(request: Received, password: string): boolean {
  return new URLSearchParams(request.body).get('password') === password || request.body.includes(encodeURIComponent(password));
}
