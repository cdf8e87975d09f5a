import { isSessionFailure } from '../session/session-failure';
import { isUcwaError } from './ucwa-error';

/**
 * What to do about a failure, decided BEFORE any retry (DESIGN.md §3):
 * - `reauth`: the token is no longer accepted → fetch a new one, then retry.
 * - `recreate`: the application is gone (404 ApplicationNotFound / 410 InactiveApplicationExpired) →
 *   POST applications again and restore presence, note and subscriptions.
 * - `rediscover`: drop the cached applications href (403, 502, repeated connection failures: D:rooturl).
 * - `fatal`: the user must act (wrong password, app limit, user agent blocked) or the server sent
 *   more than we accept to hold; never retried.
 * - `transient`: back off and retry the same thing.
 * - `bug`: not a failure we typed at a boundary (a TypeError, a RangeError…): a programming error.
 *   Retrying cannot fix it, so it is logged with its stack and ends the session in `error`.
 */
export type ErrorClass = 'reauth' | 'recreate' | 'rediscover' | 'fatal' | 'transient' | 'bug';

const FATAL_GONE_SUBCODES = new Set(['TooManyApplications', 'UserAgentNotAllowed', 'CannotRedirect']);

export function classifyError(error: unknown): ErrorClass {
  if (isSessionFailure(error)) return 'fatal';
  if (!isUcwaError(error)) return 'bug';
  // The server answers the same request (the same ack) with the same oversized or too-deep body:
  // retrying would download it again and again.
  if (error.kind === 'malformed' && (error.details.cause === 'tooLarge' || error.details.cause === 'tooDeep')) return 'fatal';
  if (error.kind === 'network' || error.kind === 'malformed') return 'transient';
  const status = error.status ?? 0;
  const subcode = error.subcode;
  if (status === 401) return 'reauth';
  if (status === 404) return 'recreate';
  if (status === 410) return subcode !== undefined && FATAL_GONE_SUBCODES.has(subcode) ? 'fatal' : 'recreate';
  if (status === 403 || status === 502) return 'rediscover';
  return 'transient';
}

/**
 * True when only the user or an administrator can fix a failed read of the user's own resources
 * (403: the account lacks the right; or a fatal error). Retrying these would never end.
 */
export function needsUser(error: unknown): boolean {
  return classifyError(error) === 'fatal' || (isUcwaError(error) && error.status === 403);
}

/** True for a 409 `PGetReplaced`: another P-GET with our ack took over (§5.3 rule 2). */
export function isPGetReplaced(error: unknown): boolean {
  return isUcwaError(error) && error.status === 409 && error.subcode === 'PGetReplaced';
}

/** True for 409 `AlreadyExists` from makeMeAvailable: we are already available, which is fine. */
export function isAlreadyExists(error: unknown): boolean {
  return isUcwaError(error) && error.status === 409 && error.subcode === 'AlreadyExists';
}
