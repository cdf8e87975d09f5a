import type { FetchLike } from '../core/ports';

/** Electron's `net.fetch` signature, loosely: it takes a URL string or a Request. */
export type NetFetch = (input: string | Request, init?: RequestInit) => Promise<Response>;

/**
 * The engine's fetch over Chromium's network stack: system proxy/PAC, NTLM/Kerberos and the OS
 * certificate store come for free (https://www.electronjs.org/docs/latest/api/net#netfetchinput-init).
 * Redirects are always handed back to the engine (`redirect: 'manual'`), which checks every hop
 * against its trust rules; Chromium must never follow one on its own.
 */
export function createNetFetch(netFetch: NetFetch): FetchLike {
  return (input, init) => {
    if (input instanceof Request) return netFetch(new Request(input, { redirect: 'manual' }), init === undefined ? undefined : { ...init, redirect: 'manual' });
    return netFetch(input instanceof URL ? input.href : input, { ...init, redirect: 'manual' });
  };
}
