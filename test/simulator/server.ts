import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { challengeHeaders, challengeResponse, handleTokenRequest } from './auth';
import { controlApi } from './control-api';
import { ROOT_PATH, TOKEN_PATH, USER_PATH, XFRAME_HTML, XFRAME_PATH, rootResponse, userResponse } from './discovery';
import { wireBody } from './encoding';
import { notFound, UcwaError } from './errors';
import type { ChannelDirective } from './event-channel';
import { FaultStore, type Fault } from './faults';
import { APPLICATIONS_PATH } from './hal';
import { json, type SimRequest, type SimResponse } from './http-types';
import { authorizationFromPhotoCookie } from './photos';
import { targetUrl } from './path';
import { negotiate } from './representation';
import { RequestLog } from './request-log';
import type { SimCore } from './sim-core';
import { ucwaRoute } from './ucwa-routes';

const MAX_BODY_BYTES = 1_048_576;

/** Reacts to each finished request (the CLI prints one line per request). */
export type RequestListener = (entry: { method: string; path: string; status: number }) => void;

/**
 * The HTTP front: reads requests, applies injected faults, routes to discovery, token, UCWA or
 * the control API, writes responses and the request log.
 */
export class SimServer {
  readonly faults = new FaultStore();
  readonly log = new RequestLog();
  readonly server: Server;
  /** ⚙ splitApplicationsHost: a second listener that plays the pool hosting `applications`. */
  readonly appsServer: Server;
  origin = '';
  appsOrigin = '';
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<() => void>();
  private stopping = false;

  constructor(
    readonly core: SimCore,
    private readonly onRequest?: RequestListener,
  ) {
    this.server = this.createListener(() => this.origin);
    this.appsServer = this.createListener(() => this.appsOrigin);
  }

  private createListener(origin: () => string): Server {
    const server = createServer((req, res) => {
      // A handler bug must cost one request, never the whole simulator.
      this.handle(req, res, origin()).catch(() => res.destroy());
    });
    server.keepAliveTimeout = 5_000;
    // P-GETs are held up to 30 minutes: never let Node time the request out first.
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  async listen(port: number): Promise<number> {
    const bound = await listenOn(this.server, port);
    this.origin = `http://127.0.0.1:${bound}`;
    this.appsOrigin = `http://127.0.0.1:${await listenOn(this.appsServer, 0)}`;
    return bound;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.core.stop();
    for (const release of this.hung) release();
    this.hung.clear();
    const closed = [this.server, this.appsServer].map(
      (server) => new Promise<void>((resolve) => server.close(() => resolve())),
    );
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(closed);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const method = (req.method ?? 'GET').toUpperCase();
    // HEAD runs the GET handler; Node then sends the headers without the body.
    const routedMethod = method === 'HEAD' ? 'GET' : method;
    const url = targetUrl(req.url ?? '/', origin);
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      this.write(req, res, json(413, new UcwaError(413, 'EntityTooLarge', 'The request body is too large.').body()));
      return;
    }
    if (url.pathname.toLowerCase().startsWith('/_sim/')) {
      let out: SimResponse;
      try {
        out = controlApi({ core: this.core, faults: this.faults, log: this.log }, routedMethod, url, body);
      } catch (e) {
        out = json(500, { error: e instanceof Error ? e.message : 'control API failure' });
      }
      this.write(req, res, out);
      return;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const simReq: SimRequest = { method: routedMethod, url, headers, body, closed: controller.signal };

    let out: SimResponse;
    try {
      out = await this.withFaults(simReq);
    } catch (e) {
      out = e instanceof UcwaError ? json(e.status, e.body()) : json(500, new UcwaError(500, 'ServiceFailure', 'An internal error occurred.').body());
    }
    if (controller.signal.aborted && !out.drop) {
      // The client left: nothing to write, but the round trip still counts.
      this.record(method, url, 0);
      return;
    }
    this.record(method, url, out.drop ? 0 : out.status);
    this.write(req, res, out.drop ? out : negotiate(simReq, out));
  }

  private record(method: string, url: URL, status: number): void {
    this.log.record(method, url, status, this.core.clock.now());
    this.onRequest?.({ method, path: url.pathname, status });
  }

  private async withFaults(req: SimRequest): Promise<SimResponse> {
    const path = req.url.pathname;
    const isEvents = req.method === 'GET' && /\/events\/?$/i.test(path);
    const fault: Fault | undefined = this.faults.take(req.method, path, isEvents);
    let directive: ChannelDirective | undefined;
    switch (fault?.type) {
      case undefined:
        break;
      case 'status': {
        const error = new UcwaError(fault.status, fault.subcode, fault.message ?? 'Injected failure.', undefined, fault.code);
        const headers: Record<string, string | readonly string[]> = {};
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        // e.g. Online's 403 InvalidToken, which carries the challenge too (§2.5).
        if (fault.challenge) headers['www-authenticate'] = challengeHeaders(`${req.url.origin}${TOKEN_PATH}`);
        return json(fault.status, error.body(), headers);
      }
      case 'drop':
        // `afterMs`: the connection dies while the request is outstanding (e.g. a parked P-GET).
        if (fault.afterMs !== undefined) await this.wait(fault.afterMs, req.closed);
        return { status: 0, drop: true };
      case 'delay':
        await this.wait(fault.ms, req.closed);
        break;
      case 'hang':
        return new Promise<SimResponse>((resolve) => {
          const release = (): void => {
            this.hung.delete(release);
            resolve({ status: 0, drop: true });
          };
          this.hung.add(release);
          req.closed.addEventListener('abort', release);
        });
      case 'malformedJson':
        return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"_links":{"self":{"href":"/ucwa/oauth/v1/appl' };
      case 'resync':
      case 'resume':
        directive = fault.type;
        break;
      case 'invalidateToken':
        this.core.tokens.revoke(req.headers['authorization']);
        break;
    }
    return this.route(req, directive);
  }

  /** Real-time wait that ends early when the client leaves or the simulator stops. */
  private wait(ms: number, closed: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.hung.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.hung.add(done);
      closed.addEventListener('abort', done);
    });
  }

  private async route(req: SimRequest, directive: ChannelDirective | undefined): Promise<SimResponse> {
    const lower = req.url.pathname.toLowerCase().replace(/\/+$/, '') || '/';
    if (lower === '/' || lower === ROOT_PATH.toLowerCase()) {
      if (req.method !== 'GET') throw new UcwaError(405, 'MethodNotAllowed', 'Only GET is allowed here.');
      return rootResponse(this.core, req.url.origin, req.url);
    }
    if (lower === USER_PATH.toLowerCase() || lower === `${ROOT_PATH}/user`.toLowerCase()) {
      if (req.method !== 'GET') throw new UcwaError(405, 'MethodNotAllowed', 'Only GET is allowed here.');
      const apps = this.core.config.splitApplicationsHost ? this.appsOrigin : req.url.origin;
      return userResponse(this.core, req.url.origin, apps, req.headers['authorization']);
    }
    if (lower === XFRAME_PATH.toLowerCase()) return { status: 200, headers: { 'content-type': 'text/html' }, body: XFRAME_HTML };
    if (lower === TOKEN_PATH.toLowerCase()) {
      if (req.method !== 'POST') throw new UcwaError(405, 'MethodNotAllowed', 'Only POST is allowed here.');
      return handleTokenRequest(req.headers['content-type'], req.body, this.core.directory, this.core.tokens, req.url.origin, this.core.config.tokenLifetimeSeconds);
    }
    if (lower === APPLICATIONS_PATH.toLowerCase() || lower.startsWith(`${APPLICATIONS_PATH.toLowerCase()}/`)) {
      return this.ucwa(req, directive);
    }
    throw notFound();
  }

  private ucwa(req: SimRequest, directive: ChannelDirective | undefined): Promise<SimResponse> {
    const origin = req.url.origin;
    const authorization = req.headers['authorization'] ?? authorizationFromPhotoCookie(req.url.pathname, req.headers['cookie']);
    const user = this.core.tokens.userFor(authorization, origin);
    if (!user) return Promise.resolve(challengeResponse(`${origin}${TOKEN_PATH}`));
    const dispatch = async (inner: SimRequest, owner: string): Promise<SimResponse> => {
      try {
        const innerUser = this.core.tokens.userFor(inner.headers['authorization'], origin);
        if (innerUser !== owner) return challengeResponse(`${origin}${TOKEN_PATH}`);
        const lower = inner.url.pathname.toLowerCase();
        if (!lower.startsWith(APPLICATIONS_PATH.toLowerCase())) throw notFound();
        return negotiate(inner, await ucwaRoute(this.core, inner, owner, undefined, dispatch));
      } catch (e) {
        if (e instanceof UcwaError) return json(e.status, e.body());
        throw e;
      }
    };
    return ucwaRoute(this.core, req, user, directive, dispatch);
  }

  /**
   * Writes an answer as IIS would: text bodies compressed with the coding `Accept-Encoding`
   * prefers (with `Content-Encoding` and `Vary: Accept-Encoding`), identity otherwise; an exact
   * `Content-Length` (HEAD gets the same headers as GET, without the body).
   */
  private write(req: IncomingMessage, res: ServerResponse, out: SimResponse): void {
    if (out.drop || this.stopping) {
      res.socket?.destroy();
      return;
    }
    if (res.writableEnded || res.destroyed) return;
    res.statusCode = out.status;
    for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value as string | string[]);
    const accept = req.headers['accept-encoding'];
    const wire = wireBody(out, Array.isArray(accept) ? accept.join(', ') : accept);
    for (const [name, value] of Object.entries(wire.headers)) res.setHeader(name, value);
    res.end(wire.payload);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
