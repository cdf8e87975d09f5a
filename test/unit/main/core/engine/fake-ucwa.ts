import { VirtualTimeScheduler } from 'rxjs';
import type { EngineDeps, FetchLike } from '../../../../../main/core/ports';

/** What a unit test's engine needs besides its `fetch`: virtual time, a silent logger, no idle time. */
export function unitEngineDeps(fetch: FetchLike): EngineDeps {
  return {
    fetch,
    scheduler: new VirtualTimeScheduler(),
    logger: { log: () => undefined },
    idle: { idleSeconds: () => 0 },
    endpointId: 'e-1',
    userAgent: 'test/1',
    culture: 'en-US',
  };
}

/** The pool the fake server answers for; the sign-in address is in its domain, so it is trusted. */
export const POOL = 'https://pool.contoso.com';
export const ROOT = `${POOL}/autodiscover/root`;
const APPS = '/ucwa/oauth/v1/applications';
export const APP_PATH = `${APPS}/1`;
const CHALLENGE = `Bearer trusted_issuers="", client_id="00000004-0000-0ff1-ce00-000000000000", MsRtcOAuth href="${POOL}/WebTicket/oauthtoken",grant_type="password"`;

/** One request the fake server saw: `METHOD path?query` and its JSON body, if any. */
export interface SeenRequest {
  readonly key: string;
  readonly body: unknown;
}

/**
 * A UCWA server in memory, behind a `fetch`: discovery, a password token, one application, my
 * presence and note, a people root with a search link. The P-GET never answers (it is parked until
 * aborted), so the session stays online without any timer. No socket is opened.
 */
export function fakeUcwa() {
  const seen: SeenRequest[] = [];
  const server = { availability: 'Online', note: '' };
  const json = (body: unknown, status = 200): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const link = (href: string) => ({ href });
  const application = (available: boolean) => ({
    _links: { self: link(APP_PATH), events: link(`${APP_PATH}/events?ack=1`) },
    _embedded: {
      me: {
        _links: available
          ? { presence: link(`${APP_PATH}/me/presence`), note: link(`${APP_PATH}/me/note`) }
          : { makeMeAvailable: link(`${APP_PATH}/me/makeMeAvailable`) },
      },
      people: { _links: { self: link(`${APP_PATH}/people`) } },
    },
  });
  let available = false;

  const answer = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
    const body: unknown = text === '' ? undefined : text.startsWith('{') ? JSON.parse(text) : text;
    const key = `${request.method} ${url.pathname}${url.search}`;
    seen.push({ key, body });
    const route = `${request.method} ${url.pathname}`;
    const authorized = request.headers.get('Authorization') === 'Bearer cwt=T';
    if (route === 'GET /autodiscover/root') return json({ _links: { user: link('/autodiscover/user') } });
    if (route === 'POST /WebTicket/oauthtoken') return json({ access_token: 'cwt=T', token_type: 'Bearer', expires_in: 28_800 });
    if (!authorized) return new Response('', { status: 401, headers: { 'WWW-Authenticate': CHALLENGE } });
    switch (route) {
      case 'GET /autodiscover/user':
        return json({ _links: { applications: link(APPS) } });
      case `POST ${APPS}`:
        return json(application(false), 201);
      case `POST ${APP_PATH}/me/makeMeAvailable`: {
        available = true;
        const signInAs = (body as { signInAs?: string }).signInAs;
        if (signInAs !== undefined) server.availability = signInAs;
        return new Response(null, { status: 204 });
      }
      case `GET ${APP_PATH}`:
        return json(application(available));
      case `GET ${APP_PATH}/events`:
        return parked(request.signal);
      case `GET ${APP_PATH}/me/presence`:
        return json({ availability: server.availability });
      case `POST ${APP_PATH}/me/presence`:
        server.availability = (body as { availability?: string }).availability ?? 'Online';
        return new Response(null, { status: 204 });
      case `GET ${APP_PATH}/me/note`:
        return json({ message: server.note });
      case `POST ${APP_PATH}/me/note`:
        server.note = (body as { message: string }).message;
        return new Response(null, { status: 204 });
      case `GET ${APP_PATH}/people`:
        return json({ _links: { self: link(`${APP_PATH}/people`), search: link(`${APP_PATH}/people/search`) } });
      case `GET ${APP_PATH}/people/search`:
        return json({ _links: { self: link(`${APP_PATH}/people/search`) }, _embedded: { contact: [] } });
      case `DELETE ${APP_PATH}`:
        return new Response(null, { status: 204 });
      default:
        return json({ code: 'NotFound' }, 404);
    }
  };
  const fetch: FetchLike = (input, init) => answer(input instanceof Request ? input : new Request(input, init));
  return {
    fetch,
    /** What the server shows for me; a test may change it (another endpoint, a server restart). */
    server,
    /** Every request seen, as `METHOD path?query`. */
    keys: () => seen.map((r) => r.key),
    /** Requests seen from `from` on (an index into `keys()`). */
    since: (from: number) => seen.slice(from),
    count: () => seen.length,
  };
}

/** An answer that never comes: rejects only when the request is aborted. */
function parked(signal: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted')), { once: true });
  });
}

/** Lets every queued promise and I/O callback run (every fake answer is immediate); no timer. */
export async function settle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
