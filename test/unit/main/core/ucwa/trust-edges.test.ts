import { describe, expect, it } from 'vitest';
import {
  createTrustGate,
  httpsOnlyGate,
  initialTrustedHosts,
  isSecureEnough,
  judgeUrl,
  normalizeDomain,
  refusal,
  trustContext,
  type TrustMemory,
} from '../../../../../main/core/ucwa/trust';

const contoso = trustContext('contoso.com', undefined);
const verdictOf = (context: ReturnType<typeof trustContext>, url: string): string => {
  const verdict = judgeUrl(context, url);
  return verdict.ok ? 'ok' : verdict.problem;
};

describe('host names as a server may write them', () => {
  it('a trailing dot, upper case or an allowlist wildcard name the same host', () => {
    expect(verdictOf(contoso, 'https://LYNC.contoso.com./root')).toBe('ok');
    expect(normalizeDomain(' *.Fabrikam.COM. ')).toBe('fabrikam.com');
    expect(normalizeDomain('.fabrikam.com')).toBe('fabrikam.com');
    const partner = trustContext('Contoso.COM', undefined, { trustedDomains: ['  ', 'FABRIKAM.com.'], allowInsecureHttp: false });
    expect(partner.signInDomain).toBe('contoso.com');
    expect(partner.trustedDomains).toEqual(['fabrikam.com']);
    expect(verdictOf(partner, 'https://pool.fabrikam.com/x')).toBe('ok');
    expect(verdictOf(partner, 'https://evilfabrikam.com/x')).toBe('untrusted');
  });

  it('an empty allowlist entry trusts nothing', () => {
    const blank = trustContext('contoso.com', undefined, { trustedDomains: ['', ' . '], allowInsecureHttp: false });
    expect(blank.trustedDomains).toEqual([]);
    expect(verdictOf(blank, 'https://lync.fabrikam.com/')).toBe('untrusted');
  });

  it('an IPv6 loopback discovery URL is trusted over http, by its bare address', () => {
    const v6 = trustContext('contoso.com', 'http://[::1]:8080/root');
    expect(v6.trustedHosts[0]).toBe('::1');
    expect(verdictOf(v6, 'http://[::1]:9090/ucwa')).toBe('ok');
  });
});

describe('initialTrustedHosts', () => {
  it('trusts the discovery URL’s host (trimmed) and the lyncdiscover names of the domain', () => {
    expect(initialTrustedHosts('contoso.com', '  https://SFB.hosting.example/root  ')).toEqual([
      'sfb.hosting.example',
      'lyncdiscover.contoso.com',
      'lyncdiscoverinternal.contoso.com',
    ]);
  });

  it('trusts nothing from a blank or unparsable discovery URL, and no lyncdiscover name without a domain', () => {
    expect(initialTrustedHosts('contoso.com', '   ')).toEqual(['lyncdiscover.contoso.com', 'lyncdiscoverinternal.contoso.com']);
    expect(initialTrustedHosts('contoso.com', 'not a url')).toEqual(['lyncdiscover.contoso.com', 'lyncdiscoverinternal.contoso.com']);
    expect(initialTrustedHosts('', undefined)).toEqual([]);
    expect(initialTrustedHosts('', 'https://sfb.hosting.example/')).toEqual(['sfb.hosting.example']);
  });
});

describe('isSecureEnough', () => {
  it('https always; http only to loopback or when the admin allows it; nothing else', () => {
    expect(isSecureEnough(new URL('https://a.example/'), false)).toBe(true);
    expect(isSecureEnough(new URL('http://127.0.0.1/'), false)).toBe(true);
    expect(isSecureEnough(new URL('http://a.example/'), false)).toBe(false);
    expect(isSecureEnough(new URL('http://a.example/'), true)).toBe(true);
    expect(isSecureEnough(new URL('ws://a.example/'), true)).toBe(false);
    expect(isSecureEnough(new URL('file:///etc/passwd'), true)).toBe(false);
  });
});

describe('refusals name where they come from', () => {
  it('an invalid link says so; an untrusted host without a sign-in domain says "the server"', () => {
    const invalid = judgeUrl(contoso, 'ftp://lync.contoso.com/');
    if (invalid.ok) throw new Error('expected a refusal');
    expect(invalid).toMatchObject({ host: 'lync.contoso.com', origin: 'ftp://lync.contoso.com' });
    expect(refusal(contoso, invalid)).toMatchObject({ error: { reason: 'insecureConnection' }, message: 'The server sent a link that is not an https:// URL.' });
    const unparsable = judgeUrl(contoso, '::');
    expect(unparsable).toEqual({ ok: false, problem: 'invalid', host: '', origin: '' });
    const none = trustContext('', undefined);
    const foreign = judgeUrl(none, 'https://lync.fabrikam.com/');
    if (foreign.ok) throw new Error('expected a refusal');
    expect(refusal(none, foreign).message).toBe(
      'The server sends you to lync.fabrikam.com, which is not part of your domain: not continuing. An administrator can allow it with "trustedDomains" in the admin policy.',
    );
    const named = judgeUrl(contoso, 'https://lync.fabrikam.com/');
    if (named.ok) throw new Error('expected a refusal');
    expect(refusal(contoso, named).message).toBe(
      'contoso.com sends you to lync.fabrikam.com, which is not part of contoso.com: not continuing. An administrator can allow it with "trustedDomains" in the admin policy.',
    );
  });
});

describe('the gate and its memory', () => {
  it('an approval counts for the domain it was given in, not for another sign-in domain', async () => {
    const memory: TrustMemory = new Map([['contoso.com lync.fabrikam.com', true]]);
    await expect(createTrustGate(contoso, undefined, memory).admit('https://lync.fabrikam.com/')).resolves.toBeUndefined();
    const other = trustContext('northwind.com', undefined);
    await expect(createTrustGate(other, undefined, memory).admit('https://lync.fabrikam.com/')).rejects.toMatchObject({
      error: { reason: 'untrustedHost' },
    });
  });

  it('a remembered no does not trust the host, and a malformed memory key trusts nothing', async () => {
    const memory: TrustMemory = new Map([
      ['contoso.com lync.fabrikam.com', false],
      ['contoso.com', true],
    ]);
    let asks = 0;
    const gate = createTrustGate(contoso, () => ((asks += 1), Promise.resolve(true)), memory);
    await expect(gate.admit('https://lync.fabrikam.com/')).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    expect(asks).toBe(0);
  });

  it('without a sign-in domain it never asks: an untrusted host is refused', async () => {
    let asks = 0;
    const gate = createTrustGate(trustContext('', undefined), () => ((asks += 1), Promise.resolve(true)), new Map());
    await expect(gate.admit('https://lync.fabrikam.com/')).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    expect(asks).toBe(0);
  });

  it('remembers a yes in the memory it was given, keyed by domain and host', async () => {
    const memory = new Map<string, boolean>();
    await createTrustGate(contoso, () => Promise.resolve(true), memory).admit('https://Lync.Fabrikam.com/');
    expect([...memory]).toEqual([['contoso.com lync.fabrikam.com', true]]);
  });

  it('asks again after a question was answered no in another gate only if memory forgot it', async () => {
    const memory = new Map<string, boolean>();
    const asked: string[] = [];
    const gate = createTrustGate(contoso, (from, to) => (asked.push(`${from} ${to}`), Promise.resolve(false)), memory);
    await expect(gate.admit('https://lync.fabrikam.com/')).rejects.toBeDefined();
    memory.clear();
    await expect(gate.admit('https://lync.fabrikam.com/')).rejects.toBeDefined();
    expect(asked).toEqual(['contoso.com lync.fabrikam.com', 'contoso.com lync.fabrikam.com']);
  });
});

describe('a prompt that fails', () => {
  it('counts as a no that is remembered: the user is not asked again', async () => {
    let asks = 0;
    const memory = new Map<string, boolean>();
    const gate = createTrustGate(contoso, () => ((asks += 1), Promise.reject(new Error('window closed'))), memory);
    await expect(gate.admit('https://lync.fabrikam.com/')).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    await expect(gate.admit('https://lync.fabrikam.com/')).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    expect(asks).toBe(1);
    expect(memory.get('contoso.com lync.fabrikam.com')).toBe(false);
  });
});

describe('httpsOnlyGate', () => {
  it('between sign-ins: lets any https host through, refuses http and invalid links', async () => {
    const gate = httpsOnlyGate();
    await expect(gate.admit('https://anything.example/')).resolves.toBeUndefined();
    await expect(gate.admit('http://anything.example/')).rejects.toMatchObject({ error: { reason: 'insecureConnection' } });
    await expect(gate.admit('not a url')).rejects.toMatchObject({ error: { reason: 'insecureConnection' } });
    await expect(httpsOnlyGate({ trustedDomains: [], allowInsecureHttp: true }).admit('http://anything.example/')).resolves.toBeUndefined();
  });
});
