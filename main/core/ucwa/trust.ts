import type { TrustPrompt } from '../ports';
import { SessionFailure } from '../session/session-failure';

/**
 * Where the engine may send requests, and so where the password and tokens may end up. One set of
 * rules for discovery, the token store and the HTTP client:
 * - https only, except loopback (127.0.0.0/8, ::1, `localhost`) and the admin's `allowInsecureHttp`;
 * - a host is trusted when it is in the sign-in address's domain (or a sub-domain), is the host of a
 *   trusted origin (the discovery URL, `lyncdiscover[internal].<domain>`), is in the admin's
 *   `trustedDomains`, or the user approved it for this domain.
 * Everything here is pure; `createTrustGate` adds the one question to the user and its memory.
 */

/** What an administrator can widen (admin policy `trustedDomains`, `allowInsecureHttp`). */
export interface TrustPolicy {
  /** Domains (and their sub-domains) or host names trusted beyond the sign-in domain. */
  readonly trustedDomains: readonly string[];
  /** Labs only: accept plain http to non-loopback hosts. */
  readonly allowInsecureHttp: boolean;
}

export const DEFAULT_TRUST_POLICY: TrustPolicy = { trustedDomains: [], allowInsecureHttp: false };

/** Everything one sign-in's trust decisions depend on. */
export interface TrustContext {
  /** The sign-in address's domain, lower-cased; empty when the address has none. */
  readonly signInDomain: string;
  /** Host names trusted from the start (no port: the same host on another port is the same server). */
  readonly trustedHosts: readonly string[];
  readonly trustedDomains: readonly string[];
  readonly allowInsecureHttp: boolean;
  /** Host names the user approved for `signInDomain`. */
  readonly approvedHosts: readonly string[];
}

/** Why a URL is refused. */
export type TrustProblem = 'invalid' | 'insecure' | 'untrusted';

export type TrustVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: TrustProblem; readonly host: string; readonly origin: string };

/** The policy key an administrator sets to trust more hosts; named in every refusal. */
export const TRUSTED_DOMAINS_KEY = 'trustedDomains';

function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/** Normalizes an allowlist entry: `*.fabrikam.com`, `.fabrikam.com` and `fabrikam.com` mean the same. */
export function normalizeDomain(entry: string): string {
  return normalizeHost(entry).replace(/^\*?\./, '');
}

/** True for 127.0.0.0/8, ::1 and `localhost`: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = normalizeHost(hostname);
  if (host === 'localhost' || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/** True when `host` is `domain` or one of its sub-domains (label-wise, so `evilcontoso.com` is not). */
export function isInDomain(host: string, domain: string): boolean {
  const h = normalizeHost(host);
  const d = normalizeDomain(domain);
  return d.length > 0 && (h === d || h.endsWith(`.${d}`));
}

/** The hosts trusted before any answer: the discovery URL's host and `lyncdiscover[internal].<domain>`. */
export function initialTrustedHosts(signInDomain: string, discoveryUrl?: string): readonly string[] {
  const hosts: string[] = [];
  if (discoveryUrl !== undefined && discoveryUrl.trim() !== '') {
    try {
      hosts.push(normalizeHost(new URL(discoveryUrl.trim()).hostname));
    } catch {
      // An unparsable discovery URL is refused elsewhere; it trusts nothing.
    }
  }
  if (signInDomain !== '') hosts.push(`lyncdiscover.${signInDomain}`, `lyncdiscoverinternal.${signInDomain}`);
  return hosts;
}

/** The trust context of one sign-in. */
export function trustContext(
  signInDomain: string,
  discoveryUrl: string | undefined,
  policy: TrustPolicy = DEFAULT_TRUST_POLICY,
  approvedHosts: readonly string[] = [],
): TrustContext {
  const domain = normalizeDomain(signInDomain);
  return {
    signInDomain: domain,
    trustedHosts: initialTrustedHosts(domain, discoveryUrl),
    trustedDomains: policy.trustedDomains.map(normalizeDomain).filter((d) => d.length > 0),
    allowInsecureHttp: policy.allowInsecureHttp,
    approvedHosts: approvedHosts.map(normalizeHost),
  };
}

/** The https rule alone: https, or http to loopback, or http when the admin allows it. */
export function isSecureEnough(url: URL, allowInsecureHttp: boolean): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (allowInsecureHttp || isLoopbackHost(url.hostname));
}

/** The host rule alone. */
export function isTrustedHost(context: TrustContext, hostname: string): boolean {
  const host = normalizeHost(hostname);
  if (isInDomain(host, context.signInDomain)) return true;
  if (context.trustedHosts.includes(host)) return true;
  if (context.trustedDomains.some((domain) => isInDomain(host, domain))) return true;
  return context.approvedHosts.includes(host);
}

/** Judges one URL: may the engine send a request (and so maybe a token) there? */
export function judgeUrl(context: TrustContext, href: string): TrustVerdict {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { ok: false, problem: 'invalid', host: '', origin: '' };
  }
  const host = normalizeHost(url.hostname);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'invalid', host, origin: url.origin };
  if (!isSecureEnough(url, context.allowInsecureHttp)) return { ok: false, problem: 'insecure', host, origin: url.origin };
  if (!isTrustedHost(context, host)) return { ok: false, problem: 'untrusted', host, origin: url.origin };
  return { ok: true };
}

/** The one sentence a refusal shows, in the sign-in window and headless alike. */
export function refusalMessage(context: TrustContext, verdict: Exclude<TrustVerdict, { ok: true }>): string {
  switch (verdict.problem) {
    case 'invalid':
      return 'The server sent a link that is not an https:// URL.';
    case 'insecure':
      return `${verdict.origin} is not encrypted: your password would travel in clear text. Use https://, or ask your administrator.`;
    case 'untrusted': {
      const from = context.signInDomain === '' ? 'The server' : context.signInDomain;
      return `${from} sends you to ${verdict.host}, which is not part of ${context.signInDomain || 'your domain'}: not continuing. An administrator can allow it with "${TRUSTED_DOMAINS_KEY}" in the admin policy.`;
    }
  }
}

/** The typed failure for a refused URL: `insecureConnection` or `untrustedHost`. */
export function refusal(context: TrustContext, verdict: Exclude<TrustVerdict, { ok: true }>): SessionFailure {
  return SessionFailure.of(verdict.problem === 'untrusted' ? 'untrustedHost' : 'insecureConnection', refusalMessage(context, verdict));
}

/** Admits URLs for one sign-in; rejects with a `SessionFailure` when a URL must not be contacted. */
export interface TrustGate {
  readonly context: TrustContext;
  admit(href: string): Promise<void>;
}

/**
 * The user's answers, keyed by sign-in domain and host. Kept by the engine for its lifetime (in
 * memory: an approval is not written to disk, so it lasts until the app quits).
 */
export type TrustMemory = Map<string, boolean>;

function memoryKey(domain: string, host: string): string {
  return `${domain} ${host}`;
}

/**
 * The gate: the pure rules plus, for a host that is only untrusted (https, valid), one question to
 * the user through `prompt`, asked once per domain and host (concurrent requests share it) and
 * remembered in `memory`. Without a prompt (headless) an untrusted host is refused.
 */
export function createTrustGate(context: TrustContext, prompt: TrustPrompt | undefined, memory: TrustMemory): TrustGate {
  const asking = new Map<string, Promise<boolean>>();
  const approved = (): TrustContext => ({
    ...context,
    approvedHosts: [
      ...context.approvedHosts,
      ...[...memory.entries()].flatMap(([key, yes]) => {
        const [domain, host] = key.split(' ');
        return yes && domain === context.signInDomain && host !== undefined ? [host] : [];
      }),
    ],
  });
  return {
    context,
    async admit(href: string): Promise<void> {
      const current = approved();
      const verdict = judgeUrl(current, href);
      if (verdict.ok) return;
      if (verdict.problem !== 'untrusted' || prompt === undefined || context.signInDomain === '') {
        throw refusal(current, verdict);
      }
      const key = memoryKey(context.signInDomain, verdict.host);
      if (memory.get(key) === false) throw refusal(current, verdict);
      let answer = asking.get(key);
      if (answer === undefined) {
        answer = prompt(context.signInDomain, verdict.host).catch(() => false);
        asking.set(key, answer);
      }
      const yes = await answer;
      memory.set(key, yes);
      asking.delete(key);
      if (!yes) throw refusal(current, verdict);
    },
  };
}

/** A gate with no context yet (before sign-in, after sign-out): only the https rule applies. */
export function httpsOnlyGate(policy: TrustPolicy = DEFAULT_TRUST_POLICY): TrustGate {
  const context = trustContext('', undefined, policy);
  return {
    context,
    admit(href: string): Promise<void> {
      const verdict = judgeUrl(context, href);
      if (verdict.ok || verdict.problem === 'untrusted') return Promise.resolve();
      return Promise.reject(refusal(context, verdict));
    },
  };
}
