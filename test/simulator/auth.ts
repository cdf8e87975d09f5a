import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock';
import type { Directory } from './directory';
import { personKey } from './directory';
import { json, type SimResponse } from './http-types';

/** Grant types advertised in the MsRtcOAuth challenge (ucwa-protocol.md §1.3). */
export const ADVERTISED_GRANTS = 'urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password';

/** The two `WWW-Authenticate` header values of the 401 challenge, for a token endpoint URL. */
export function challengeHeaders(tokenUrl: string, domain = 'contoso.com'): [string, string] {
  return [
    `Bearer trusted_issuers="00000002-0000-0ff1-ce00-000000000000@${domain}", client_id="00000004-0000-0ff1-ce00-000000000000"`,
    `MsRtcOAuth href="${tokenUrl}",grant_type="${ADVERTISED_GRANTS}"`,
  ];
}

const CHALLENGE_HTML =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n' +
  '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>401 - Unauthorized: Access is denied due to invalid credentials.</title></head>' +
  '<body><div id="header"><h1>Server Error</h1></div><div id="content"><fieldset><h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>' +
  '<h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3></fieldset></div></body></html>';

/** The 401 response IIS/UCWA sends to an unauthenticated request: HTML body plus both challenges. */
export function challengeResponse(tokenUrl: string): SimResponse {
  return {
    status: 401,
    headers: { 'content-type': 'text/html', 'www-authenticate': challengeHeaders(tokenUrl), 'x-ms-diagnostics': '28032;source="sim";reason="No valid security token."' },
    body: CHALLENGE_HTML,
  };
}

interface TokenRecord {
  readonly user: string;
  readonly expiresAt: number;
  /** Origin the token was issued for (tokens are per host). */
  readonly origin: string;
  revoked: boolean;
}

/** Issued access tokens (`cwt=…`), their owners and expiry on the simulated clock. */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly clock: SimClock) {}

  issue(user: string, origin: string, lifetimeSeconds: number): string {
    const token = `cwt=${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { user: personKey(user), expiresAt: this.clock.now() + lifetimeSeconds * 1000, origin, revoked: false });
    return token;
  }

  /** The user key behind an `Authorization` header, or undefined when missing/invalid/expired. */
  userFor(authorization: string | undefined, origin: string): string | undefined {
    const token = tokenOf(authorization);
    if (!token) return undefined;
    const rec = this.tokens.get(token);
    if (!rec || rec.revoked || rec.origin !== origin) return undefined;
    if (rec.expiresAt <= this.clock.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return rec.user;
  }

  /** Makes the token in this header invalid from now on. */
  revoke(authorization: string | undefined): void {
    const token = tokenOf(authorization);
    const rec = token ? this.tokens.get(token) : undefined;
    if (rec) rec.revoked = true;
  }
}

/** Extracts the token from `Bearer cwt=…` (scheme case-insensitive). */
export function tokenOf(authorization: string | undefined): string | undefined {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
}

/**
 * `POST /WebTicket/oauthtoken` (ucwa-protocol.md §2.2–2.3): form-urlencoded password grant.
 */
export function handleTokenRequest(
  contentType: string | undefined,
  body: string,
  directory: Directory,
  tokens: TokenStore,
  origin: string,
  lifetimeSeconds: number,
): SimResponse {
  const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };
  if (!(contentType ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) {
    return json(400, { error: 'invalid_request' }, noStore);
  }
  const form = new URLSearchParams(body);
  const grant = form.get('grant_type');
  if (grant === null || grant === '') return json(400, { error: 'invalid_request' }, noStore);
  if (grant !== 'password') return json(400, { error: 'unsupported_grant_type' }, noStore);
  const username = form.get('username');
  const password = form.get('password');
  if (!username || password === null) return json(400, { error: 'invalid_request' }, noStore);
  const person = directory.authenticate(username, password);
  if (!person) {
    return json(400, { error: 'invalid_grant' }, { ...noStore, 'x-ms-diagnostics': '28020;source="sim";reason="No valid security token."' });
  }
  const token = tokens.issue(person.uri, origin, lifetimeSeconds);
  return json(200, { access_token: token, expires_in: lifetimeSeconds, ms_rtc_identityscope: 'local', token_type: 'Bearer' }, noStore);
}
