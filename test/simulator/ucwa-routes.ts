import { handleBatch } from './batch';
import { validationFailure, methodNotAllowed, notFound, UcwaError } from './errors';
import type { ChannelDirective } from './event-channel';
import { APPLICATIONS_PATH } from './hal';
import { json, noContent, type SimRequest, type SimResponse } from './http-types';
import { readInputs } from './input';
import { meRoutes } from './me-routes';
import { peopleRoutes } from './people-routes';
import type { Application } from './application';
import { photoCookie, photoResponse } from './photos';
import { applicationResource, ONLINE_MEETING_RELS, onlineMeetingsResource } from './resources';
import type { SimCore } from './sim-core';

/** Dispatches one authenticated UCWA request to its handler; `dispatch` lets batch parts re-enter. */
export type UcwaDispatch = (req: SimRequest, user: string) => Promise<SimResponse>;

/**
 * Everything under `/ucwa/oauth/v1/applications` for an authenticated `user`
 * (paths matched case-insensitively, as IIS does).
 */
export async function ucwaRoute(core: SimCore, req: SimRequest, user: string, directive: ChannelDirective | undefined, dispatch: UcwaDispatch): Promise<SimResponse> {
  const path = req.url.pathname.replace(/\/+$/, '');
  const lower = path.toLowerCase();
  if (lower === APPLICATIONS_PATH) return applicationsCollection(core, req, user);
  const rest = lower.slice(APPLICATIONS_PATH.length + 1);
  const slash = rest.indexOf('/');
  const id = slash < 0 ? rest : rest.slice(0, slash);
  const below = slash < 0 ? '' : rest.slice(slash + 1);
  const app = core.application(id, user);
  const person = core.directory.person(app.user)!;

  const management = core.config.contactListManagement;
  switch (below) {
    case '':
      if (req.method === 'GET') return json(200, applicationResource(app, person, management), photoCookieHeader(req, app));
      if (req.method === 'DELETE') {
        core.terminate(app, 'deleted');
        return noContent();
      }
      throw methodNotAllowed();
    case 'events':
      if (req.method !== 'GET') throw methodNotAllowed();
      if (req.inBatch) throw new UcwaError(400, 'BadRequest', 'The event channel cannot be used inside a batch.');
      return app.channel.handle(req.url, req.closed, directive);
    case 'batch':
      if (req.method !== 'POST') throw methodNotAllowed();
      if (req.inBatch) throw new UcwaError(400, 'BadRequest', 'A batch cannot contain another batch.');
      return handleBatch(core, req, user, dispatch);
    case 'policies':
      if (req.method !== 'GET') throw methodNotAllowed();
      return json(200, { _links: { self: { href: app.hrefs.policies } }, _embedded: { policy: [] }, rel: 'policies' });
    case 'onlinemeetings':
      if (req.method !== 'GET') throw methodNotAllowed();
      return json(200, onlineMeetingsResource(app));
    case 'communication/conversations':
      // The simulator holds no conversations: the collection a client lists at sign-in is empty.
      if (req.method !== 'GET') throw methodNotAllowed();
      return json(200, { _links: { self: { href: `${app.hrefs.communication}/conversations` } }, _embedded: { conversation: [] }, rel: 'conversations' });
    default:
      break;
  }
  const meeting = ONLINE_MEETING_RELS.find((rel) => below === `onlinemeetings/${rel.toLowerCase()}`);
  if (meeting !== undefined) {
    if (req.method !== 'GET') throw methodNotAllowed();
    return json(200, { _links: { self: { href: `${app.hrefs.onlineMeetings}/${meeting}` } }, rel: meeting });
  }
  if (below.startsWith('photos/')) {
    if (req.inBatch) throw new UcwaError(400, 'BadRequest', 'Photos cannot be fetched inside a batch.');
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed();
    return photoResponse(core.directory.person(decodeURIComponent(below.slice('photos/'.length))), req.headers['if-none-match']);
  }
  const handled = meRoutes(core, app, req, LEGACY_PATHS[below] ?? below) ?? peopleRoutes(core, app, req, below);
  if (handled) return handled;
  throw notFound();
}

function applicationsCollection(core: SimCore, req: SimRequest, user: string): SimResponse {
  if (req.method !== 'POST') throw methodNotAllowed();
  const inputs = readInputs(req);
  const fields = {
    userAgent: required(inputs.string('userAgent'), 'userAgent'),
    endpointId: required(inputs.string('endpointId'), 'endpointId'),
    culture: required(inputs.string('culture'), 'culture'),
    instanceId: inputs.string('instanceId'),
  };
  if (fields.instanceId !== undefined && fields.instanceId.length > 100) throw validationFailure('instanceId', 'at most 100 characters');
  const { app, created } = core.createApplication(user, fields);
  const body = applicationResource(app, core.directory.person(app.user)!, core.config.contactListManagement);
  return json(created ? 201 : 200, body, { location: app.hrefs.self, ...photoCookieHeader(req, app) });
}

/**
 * Paths older builds and the reference pages use for the same resources
 * (`/reportMyActivity` on the application, `/communication/makeMeAvailable`, §4.1).
 */
const LEGACY_PATHS: Readonly<Record<string, string>> = {
  reportmyactivity: 'me/reportmyactivity',
  'communication/makemeavailable': 'me/makemeavailable',
};

/** The `cwt_ucwa` cookie POST and GET application set for the photos path (§2.4, seed 000). */
function photoCookieHeader(req: SimRequest, app: Application): Record<string, string> {
  const cookie = photoCookie(req.headers['authorization'], `${app.hrefs.self}/photos`);
  return cookie === undefined ? {} : { 'set-cookie': cookie };
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw validationFailure(name, 'required');
  if (value.length > 100) throw validationFailure(name, 'at most 100 characters');
  return value;
}
