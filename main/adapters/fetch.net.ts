import type { FetchLike } from '../core/ports';

/** Electron's `net.fetch` signature, loosely: it takes a URL string or a Request. */
export type NetFetch = (input: string | Request, init?: RequestInit) => Promise<Response>;

/**
 * The engine's fetch over Chromium's network stack: system proxy/PAC, NTLM/Kerberos and the OS
 * certificate store come for free (https://www.electronjs.org/docs/latest/api/net#netfetchinput-init).
 */
export function createNetFetch(netFetch: NetFetch): FetchLike {
  return (input, init) => netFetch(input instanceof URL ? input.href : input, init);
}
