import { challengeResponse } from './auth';
import type { SimCore } from './sim-core';
import { json, type SimResponse } from './http-types';

export const ROOT_PATH = '/Autodiscover/AutodiscoverService.svc/root';
export const USER_PATH = `${ROOT_PATH}/oauth/user`;
export const TOKEN_PATH = '/WebTicket/oauthtoken';
export const XFRAME_PATH = '/Autodiscover/XFrame/XFrame.html';

function withQuery(href: string, url: URL, keys: readonly string[]): string {
  const q = new URLSearchParams();
  for (const k of keys) {
    const v = url.searchParams.get(k);
    if (v !== null) q.set(k, v);
  }
  const text = q.toString();
  return text === '' ? href : `${href}?${text}`;
}

/** `GET /` and `GET …/root` (ucwa-protocol.md §1.2); optional ⚙ redirect hop. */
export function rootResponse(core: SimCore, origin: string, url: URL): SimResponse {
  if (core.config.rootRedirect && url.searchParams.get('sim_redirected') === null) {
    const target = new URL(`${origin}${ROOT_PATH}`);
    for (const [k, v] of url.searchParams) target.searchParams.set(k, v);
    target.searchParams.set('sim_redirected', '1');
    return json(200, { _links: { redirect: { href: target.toString() } } });
  }
  return json(200, {
    _links: {
      self: { href: withQuery(`${origin}${ROOT_PATH}`, url, ['originalDomain']) },
      user: { href: withQuery(`${origin}${USER_PATH}`, url, ['originalDomain']) },
      xframe: { href: `${origin}${XFRAME_PATH}` },
    },
  });
}

/**
 * `GET …/root/oauth/user`: 401 challenge without a valid token, else the applications link (§1.3),
 * on `appsOrigin` (another host when ⚙ splitApplicationsHost is on).
 */
export function userResponse(core: SimCore, origin: string, appsOrigin: string, authorization: string | undefined): SimResponse {
  const user = core.tokens.userFor(authorization, origin);
  if (!user) return challengeResponse(`${origin}${TOKEN_PATH}`);
  return json(200, {
    _links: {
      self: { href: `${origin}${ROOT_PATH}/user` },
      applications: { href: `${appsOrigin}/ucwa/oauth/v1/applications` },
      xframe: { href: `${origin}${XFRAME_PATH}` },
    },
  });
}

export const XFRAME_HTML = '<!DOCTYPE html><html><head><title>XFrame</title></head><body></body></html>';
