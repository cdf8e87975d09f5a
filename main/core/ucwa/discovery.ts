import { catchError, defer, from, map, Observable, switchMap, throwError } from 'rxjs';
import { SessionFailure } from '../session/session-failure';
import { link } from './hal';
import type { ResourceClient } from './resource-client';
import type { TrustGate } from './trust';
import { isUcwaError } from './ucwa-error';

/**
 * Autodiscovery (ucwa-protocol.md §1): from a sign-in address to the `applications` href.
 * Root → `user` (401 challenge → token, handled by the HTTP client per host, so a host change
 * re-authenticates by itself) → `applications`, following `redirect`. Every link followed or
 * handed on (redirect, user, applications) is admitted by the trust gate first, whatever scheme
 * the answer came over.
 */

/** The domain part of a sign-in address (`sip:dana@contoso.com` → `contoso.com`). */
export function signInDomain(address: string): string {
  const bare = address.trim().replace(/^sip:/i, '');
  const parts = bare.split('@');
  const domain = parts[1]?.toLowerCase() ?? '';
  if (parts.length !== 2 || (parts[0] ?? '').length === 0 || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
    throw SessionFailure.of('badAddress', 'Type your sign-in address as name@company.com.');
  }
  return domain;
}

/**
 * The discovery URLs to try, in order: the explicit one alone, or lyncdiscoverinternal then
 * lyncdiscover over HTTPS; the same over HTTP only when an administrator allows plain http (a
 * password must never be one redirect away from clear text).
 */
export function discoveryCandidates(address: string, explicitUrl?: string, allowInsecureHttp = false): readonly string[] {
  if (explicitUrl !== undefined && explicitUrl.trim().length > 0) {
    let url: URL;
    try {
      url = new URL(explicitUrl.trim());
    } catch {
      throw SessionFailure.of('badDiscoveryUrl', 'The discovery URL is not a valid URL (expected https://…).');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw SessionFailure.of('badDiscoveryUrl', 'The discovery URL must start with https://.');
    }
    return [url.toString()];
  }
  const domain = signInDomain(address);
  const secure = [`https://lyncdiscoverinternal.${domain}/`, `https://lyncdiscover.${domain}/`];
  return allowInsecureHttp ? [...secure, `http://lyncdiscoverinternal.${domain}/`, `http://lyncdiscover.${domain}/`] : secure;
}

/** An attempt counts as failed (try the next candidate) on no answer or 404 (D:rooturl). */
function candidateFailed(error: unknown): boolean {
  return isUcwaError(error) && (error.kind === 'network' || error.status === 404);
}

const MAX_HOPS = 8;

/** Admits everything: for callers that check elsewhere (unit tests of the link walk). */
const OPEN_GATE: Pick<TrustGate, 'admit'> = { admit: () => Promise.resolve() };

/** Emits `href` once the gate admits it; the gate's refusal (a typed SessionFailure) otherwise. */
function admitted(gate: Pick<TrustGate, 'admit'>, href: string): Observable<string> {
  return from(gate.admit(href)).pipe(map(() => href));
}

/** Follows root/user/redirect links from `href` until an `applications` link shows up. */
export function followToApplications(
  client: ResourceClient,
  href: string,
  gate: Pick<TrustGate, 'admit'> = OPEN_GATE,
  hops = 0,
): Observable<string> {
  if (hops > MAX_HOPS) {
    return throwError(() => SessionFailure.of('malformedReply', 'Discovery went round in circles; ask your administrator.'));
  }
  return admitted(gate, href).pipe(
    switchMap(() => client.request({ method: 'GET', href })),
    switchMap((response) => {
      const applications = link(response.body, 'applications', response.url);
      if (applications !== undefined) return admitted(gate, applications);
      const redirect = link(response.body, 'redirect', response.url);
      if (redirect !== undefined) return followToApplications(client, redirect, gate, hops + 1);
      const user = link(response.body, 'user', response.url);
      if (user !== undefined && user !== response.url) {
        return followToApplications(client, user, gate, hops + 1);
      }
      return throwError(() =>
        SessionFailure.of('malformedReply', 'The discovery answer has no user or applications link; check the discovery URL.'),
      );
    }),
  );
}

/**
 * Emits the `applications` href for `address`, trying each candidate in turn. Problems the user
 * must fix become `SessionFailure`s (bad address, unknown domain, certificate, unreachable URL).
 */
export function discoverApplications(
  client: ResourceClient,
  address: string,
  explicitUrl?: string,
  gate: Pick<TrustGate, 'admit'> & { readonly context?: TrustGate['context'] } = OPEN_GATE,
): Observable<string> {
  return defer(() => {
    const candidates = discoveryCandidates(address, explicitUrl, gate.context?.allowInsecureHttp ?? false);
    const attempt = (index: number, lastError: unknown): Observable<string> => {
      const candidate = candidates[index];
      if (candidate === undefined) return throwError(() => exhausted(lastError, explicitUrl !== undefined));
      return followToApplications(client, candidate, gate).pipe(
        catchError((error: unknown) => (candidateFailed(error) ? attempt(index + 1, error) : throwError(() => error))),
      );
    };
    return attempt(0, undefined);
  });
}

function exhausted(lastError: unknown, explicit: boolean): SessionFailure {
  if (isUcwaError(lastError) && lastError.details.cause === 'certificate') {
    return SessionFailure.of(
      'certificate',
      "The server's certificate is not trusted; install your company's root certificate or ask your administrator.",
    );
  }
  if (explicit) {
    return SessionFailure.of('serverUnreachable', 'The discovery URL could not be reached; check it and your network.');
  }
  return SessionFailure.of(
    'unknownDomain',
    'No Skype for Business server was found for this address; check it or enter a discovery URL.',
  );
}
