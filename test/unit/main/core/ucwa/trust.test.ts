import { describe, expect, it } from 'vitest';
import { SessionFailure } from '../../../../../main/core/session/session-failure';
import {
  createTrustGate,
  isInDomain,
  isLoopbackHost,
  judgeUrl,
  refusal,
  trustContext,
  type TrustMemory,
} from '../../../../../main/core/ucwa/trust';

const contoso = trustContext('contoso.com', undefined);
const explicit = trustContext('contoso.com', 'https://sfb.hosting.example/Autodiscover/AutodiscoverService.svc/root');
const local = trustContext('contoso.com', 'http://127.0.0.1:8181/Autodiscover/AutodiscoverService.svc/root');
const partner = trustContext('contoso.com', undefined, { trustedDomains: ['*.fabrikam.com'], allowInsecureHttp: false });
const lab = trustContext('contoso.com', undefined, { trustedDomains: [], allowInsecureHttp: true });

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['127.255.255.254', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['127.0.0', false],
    ['127.0.0.1.nip.io', false],
    ['localhost.contoso.com', false],
    ['10.0.0.1', false],
    ['lync.contoso.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('isInDomain', () => {
  it.each([
    ['contoso.com', 'contoso.com', true],
    ['lync.contoso.com', 'contoso.com', true],
    ['a.b.contoso.com', 'contoso.com', true],
    ['LYNC.Contoso.COM', 'contoso.com', true],
    ['evilcontoso.com', 'contoso.com', false],
    ['contoso.com.evil.example', 'contoso.com', false],
    ['lync.fabrikam.com', '*.fabrikam.com', true],
    ['fabrikam.com', '.fabrikam.com', true],
    ['anything', '', false],
  ])('%s in %s → %s', (host, domain, expected) => {
    expect(isInDomain(host, domain)).toBe(expected);
  });
});

describe('judgeUrl', () => {
  it.each([
    // https, sign-in domain and its sub-domains
    [contoso, 'https://lyncweb.contoso.com/WebTicket/oauthtoken', 'ok'],
    [contoso, 'https://contoso.com/x', 'ok'],
    [contoso, 'https://pool2.eu.contoso.com:4443/ucwa', 'ok'],
    [contoso, 'https://lync.fabrikam.com/root', 'untrusted'],
    [contoso, 'https://evilcontoso.com/root', 'untrusted'],
    [contoso, 'https://contoso.com.evil.example/root', 'untrusted'],
    // plain http is refused outside loopback, before the host is even considered
    [contoso, 'http://lync.contoso.com/root', 'insecure'],
    [contoso, 'http://lyncdiscover.contoso.com/', 'insecure'],
    [contoso, 'http://lync.fabrikam.com/', 'insecure'],
    [contoso, 'ftp://lync.contoso.com/', 'invalid'],
    [contoso, 'not a url', 'invalid'],
    // the discovery URL's host is trusted, on any port, and nothing else on loopback is
    [explicit, 'https://sfb.hosting.example/Autodiscover/AutodiscoverService.svc/root/oauth/user', 'ok'],
    [explicit, 'https://sfb.hosting.example:8443/ucwa', 'ok'],
    [explicit, 'https://other.hosting.example/ucwa', 'untrusted'],
    [local, 'http://127.0.0.1:40000/ucwa/oauth/v1/applications', 'ok'],
    [local, 'http://127.0.0.2:40000/WebTicket/oauthtoken', 'untrusted'],
    [local, 'http://localhost:40000/ucwa', 'untrusted'],
    [contoso, 'http://127.0.0.1:40000/ucwa', 'untrusted'],
    // admin allowlist and switch
    [partner, 'https://lync.fabrikam.com/root', 'ok'],
    [partner, 'https://fabrikam.com/root', 'ok'],
    [partner, 'http://lync.fabrikam.com/root', 'insecure'],
    [partner, 'https://lync.fabrikam.org/root', 'untrusted'],
    [lab, 'http://lync.contoso.com/root', 'ok'],
    [lab, 'http://lync.fabrikam.com/root', 'untrusted'],
    // lyncdiscover names of the sign-in domain are in it anyway
    [trustContext('contoso.com', undefined), 'https://lyncdiscoverinternal.contoso.com/', 'ok'],
  ])('%#: %s', (context, url, expected) => {
    const verdict = judgeUrl(context, url);
    expect(verdict.ok ? 'ok' : verdict.problem).toBe(expected);
  });

  it('user approvals count for the host only', () => {
    const approved = trustContext('contoso.com', undefined, undefined, ['lync.fabrikam.com']);
    expect(judgeUrl(approved, 'https://lync.fabrikam.com/root').ok).toBe(true);
    expect(judgeUrl(approved, 'https://other.fabrikam.com/root').ok).toBe(false);
    expect(judgeUrl(approved, 'http://lync.fabrikam.com/root').ok).toBe(false);
  });
});

describe('refusal', () => {
  it('says why http is refused and names the URL', () => {
    const verdict = judgeUrl(contoso, 'http://lync.contoso.com/Autodiscover?secret=1');
    if (verdict.ok) throw new Error('expected a refusal');
    const failure = refusal(contoso, verdict);
    expect(failure.error.reason).toBe('insecureConnection');
    expect(failure.message).toMatch(/^http:\/\/lync\.contoso\.com is not encrypted: your password would travel in clear text/);
    expect(failure.message).not.toContain('secret');
  });

  it('names the foreign host and the policy key', () => {
    const verdict = judgeUrl(contoso, 'https://lync.fabrikam.com/root');
    if (verdict.ok) throw new Error('expected a refusal');
    const failure = refusal(contoso, verdict);
    expect(failure.error.reason).toBe('untrustedHost');
    expect(failure.message).toContain('lync.fabrikam.com');
    expect(failure.message).toContain('"trustedDomains"');
    expect(failure.message).not.toMatch(/\n/);
  });
});

describe('createTrustGate', () => {
  it('asks once per domain and host, shares a pending question and remembers the answer', async () => {
    const asked: string[] = [];
    let answer: (yes: boolean) => void = () => undefined;
    const memory: TrustMemory = new Map();
    const gate = createTrustGate(contoso, (from, to) => {
      asked.push(`${from}→${to}`);
      return new Promise((resolve) => (answer = resolve));
    }, memory);
    const first = gate.admit('https://lync.fabrikam.com/root');
    const second = gate.admit('https://lync.fabrikam.com/user');
    await Promise.resolve();
    answer(true);
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    await gate.admit('https://lync.fabrikam.com/apps');
    // A new gate for the same domain (next sign-in) reuses the memory.
    await createTrustGate(contoso, () => Promise.reject(new Error('must not ask')), memory).admit('https://lync.fabrikam.com/x');
    expect(asked).toEqual(['contoso.com→lync.fabrikam.com']);
  });

  it('remembers a no, and refuses without asking again', async () => {
    let asks = 0;
    const gate = createTrustGate(contoso, () => {
      asks += 1;
      return Promise.resolve(false);
    }, new Map());
    await expect(gate.admit('https://lync.fabrikam.com/root')).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    await expect(gate.admit('https://lync.fabrikam.com/root')).rejects.toBeInstanceOf(SessionFailure);
    expect(asks).toBe(1);
  });

  it('never asks about http or invalid URLs, and refuses untrusted hosts without a prompt (headless)', async () => {
    let asks = 0;
    const prompt = (): Promise<boolean> => {
      asks += 1;
      return Promise.resolve(true);
    };
    const gate = createTrustGate(contoso, prompt, new Map());
    await expect(gate.admit('http://lync.fabrikam.com/root')).rejects.toMatchObject({ error: { reason: 'insecureConnection' } });
    await expect(gate.admit('javascript:alert(1)')).rejects.toMatchObject({ error: { reason: 'insecureConnection' } });
    expect(asks).toBe(0);
    const headless = createTrustGate(contoso, undefined, new Map());
    await expect(headless.admit('https://lync.fabrikam.com/root')).rejects.toThrow(/lync\.fabrikam\.com.*trustedDomains/);
    await expect(headless.admit('https://lync.contoso.com/root')).resolves.toBeUndefined();
  });

  it('a failing prompt counts as no', async () => {
    const gate = createTrustGate(contoso, () => Promise.reject(new Error('window closed')), new Map());
    await expect(gate.admit('https://lync.fabrikam.com/root')).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
  });
});
