import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { challengeResponse, handleTokenRequest } from './auth';
import { controlApi } from './control-api';
import { ROOT_PATH, TOKEN_PATH, USER_PATH, XFRAME_HTML, XFRAME_PATH, rootResponse, userResponse } from './discovery';
import { notFound, UcwaError } from './errors';
import type { ChannelDirective } from './event-channel';
import { FaultStore, type Fault } from './faults';
import { APPLICATIONS_PATH } from './hal';
import { json, type SimRequest, type SimResponse } from './http-types';
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
  origin = '';
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<() => void>();
  private stopping = false;

  constructor(
    readonly core: SimCore,
    private readonly onRequest?: RequestListener,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
    // P-GETs are held up to 30 minutes: never let Node time the request out first.
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 60_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        this.origin = `http://127.0.0.1:${bound}`;
        resolve(bound);
      });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.core.stop();
    for (const release of this.hung) release();
    this.hung.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', this.origin);
    } catch {
      url = new URL('/', this.origin);
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      this.write(res, json(413, new UcwaError(413, 'EntityTooLarge', 'The request body is too large.').body()));
      return;
    }
    if (url.pathname.toLowerCase().startsWith('/_sim/')) {
      let out: SimResponse;
      try {
        out = controlApi({ core: this.core, faults: this.faults, log: this.log }, method, url, body);
      } catch (e) {
        out = json(500, { error: e instanceof Error ? e.message : 'control API failure' });
      }
      this.write(res, out);
      return;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const simReq: SimRequest = { method, url, headers, body, closed: controller.signal };

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
    this.write(res, out);
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
        return json(fault.status, error.body(), fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) });
      }
      case 'drop':
        return { status: 0, drop: true };
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
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

  private async route(req: SimRequest, directive: ChannelDirective | undefined): Promise<SimResponse> {
    const lower = req.url.pathname.toLowerCase().replace(/\/+$/, '') || '/';
    if (lower === '/' || lower === ROOT_PATH.toLowerCase()) {
      if (req.method !== 'GET') throw new UcwaError(405, 'MethodNotAllowed', 'Only GET is allowed here.');
      return rootResponse(this.core, this.origin, req.url);
    }
    if (lower === USER_PATH.toLowerCase() || lower === `${ROOT_PATH}/user`.toLowerCase()) {
      if (req.method !== 'GET') throw new UcwaError(405, 'MethodNotAllowed', 'Only GET is allowed here.');
      return userResponse(this.core, this.origin, req.headers['authorization']);
    }
    if (lower === XFRAME_PATH.toLowerCase()) return { status: 200, headers: { 'content-type': 'text/html' }, body: XFRAME_HTML };
    if (lower === TOKEN_PATH.toLowerCase()) {
      if (req.method !== 'POST') throw new UcwaError(405, 'MethodNotAllowed', 'Only POST is allowed here.');
      return handleTokenRequest(req.headers['content-type'], req.body, this.core.directory, this.core.tokens, this.origin, this.core.config.tokenLifetimeSeconds);
    }
    if (lower === APPLICATIONS_PATH.toLowerCase() || lower.startsWith(`${APPLICATIONS_PATH.toLowerCase()}/`)) {
      return this.ucwa(req, directive);
    }
    throw notFound();
  }

  private ucwa(req: SimRequest, directive: ChannelDirective | undefined): Promise<SimResponse> {
    const user = this.core.tokens.userFor(req.headers['authorization'], this.origin);
    if (!user) return Promise.resolve(challengeResponse(`${this.origin}${TOKEN_PATH}`));
    const dispatch = async (inner: SimRequest, owner: string): Promise<SimResponse> => {
      try {
        const innerUser = this.core.tokens.userFor(inner.headers['authorization'], this.origin);
        if (innerUser !== owner) return challengeResponse(`${this.origin}${TOKEN_PATH}`);
        const lower = inner.url.pathname.toLowerCase();
        if (!lower.startsWith(APPLICATIONS_PATH.toLowerCase())) throw notFound();
        return await ucwaRoute(this.core, inner, owner, undefined, dispatch);
      } catch (e) {
        if (e instanceof UcwaError) return json(e.status, e.body());
        throw e;
      }
    };
    return ucwaRoute(this.core, req, user, directive, dispatch);
  }

  private write(res: ServerResponse, out: SimResponse): void {
    if (out.drop || this.stopping) {
      res.socket?.destroy();
      return;
    }
    if (res.writableEnded || res.destroyed) return;
    res.statusCode = out.status;
    for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value as string | string[]);
    if (out.body !== undefined && out.status !== 204 && out.status !== 304) {
      res.setHeader('content-length', Buffer.byteLength(out.body));
      res.end(out.body);
    } else {
      res.end();
    }
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
