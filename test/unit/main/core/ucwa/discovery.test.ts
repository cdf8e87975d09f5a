import { firstValueFrom, type Observable, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  discoverApplications,
  discoveryCandidates,
  signInDomain,
} from '../../../../../main/core/ucwa/discovery';
import type { ResourceClient, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { createTrustGate, trustContext, type TrustPolicy } from '../../../../../main/core/ucwa/trust';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

describe('discovery helpers', () => {
  it('takes the domain from a sign-in address and rejects bad ones', () => {
    expect(signInDomain('sip:Dana@Contoso.com')).toBe('contoso.com');
    expect(() => signInDomain('dana')).toThrow(/name@company/);
    expect(() => signInDomain('a@b@c.com')).toThrow();
  });

  it('tries internal then external over HTTPS only, and HTTP after them only when the admin allows it', () => {
    expect(discoveryCandidates('dana@contoso.com')).toEqual([
      'https://lyncdiscoverinternal.contoso.com/',
      'https://lyncdiscover.contoso.com/',
    ]);
    expect(discoveryCandidates('dana@contoso.com', undefined, true)).toEqual([
      'https://lyncdiscoverinternal.contoso.com/',
      'https://lyncdiscover.contoso.com/',
      'http://lyncdiscoverinternal.contoso.com/',
      'http://lyncdiscover.contoso.com/',
    ]);
    expect(discoveryCandidates('dana@contoso.com', 'https://sfb.contoso.com/root')).toEqual(['https://sfb.contoso.com/root']);
    expect(() => discoveryCandidates('dana@contoso.com', 'not a url')).toThrow(/valid URL/);
    expect(() => discoveryCandidates('dana@contoso.com', 'ftp://x/')).toThrow(/https/);
  });
});

function routedClient(routes: Record<string, () => Observable<ResourceResponse>>) {
  const asked: string[] = [];
  const client: ResourceClient = {
    request: ({ href }) => {
      asked.push(href);
      const route = routes[href];
      return route ? route() : throwError(() => new UcwaError('network', 'no route', { cause: 'dns' }));
    },
  };
  return { client, asked };
}
const ok = (url: string, body: unknown) => () => of({ url, status: 200, headers: {}, body, text: '' });

describe('discoverApplications', () => {
  it('falls back to lyncdiscover and follows root → user → applications (hrefs resolved per answer)', async () => {
    const { client, asked } = routedClient({
      'https://lyncdiscover.contoso.com/': ok('https://lyncweb.contoso.com/Autodiscover/AutodiscoverService.svc/root', {
        _links: { user: { href: '/Autodiscover/AutodiscoverService.svc/root/oauth/user' } },
      }),
      'https://lyncweb.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user': ok(
        'https://lyncweb.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user',
        { _links: { applications: { href: 'https://pool2.contoso.com/ucwa/oauth/v1/applications' } } },
      ),
    });
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com'))).resolves.toBe(
      'https://pool2.contoso.com/ucwa/oauth/v1/applications',
    );
    expect(asked[0]).toBe('https://lyncdiscoverinternal.contoso.com/');
  });

  it('follows a user redirect to another pool', async () => {
    const { client } = routedClient({
      'https://x.example/root': ok('https://x.example/root', { _links: { user: { href: '/user' } } }),
      'https://x.example/user': ok('https://x.example/user', { _links: { redirect: { href: 'https://pool9.contoso.com/root' } } }),
      'https://pool9.contoso.com/root': ok('https://pool9.contoso.com/root', { _links: { user: { href: '/u' } } }),
      'https://pool9.contoso.com/u': ok('https://pool9.contoso.com/u', { _links: { applications: { href: '/apps' } } }),
    });
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com', 'https://x.example/root'))).resolves.toBe(
      'https://pool9.contoso.com/apps',
    );
  });

  it('says the domain is unknown when nothing answers, and passes other server errors through', async () => {
    const { client, asked } = routedClient({});
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com'))).rejects.toMatchObject({
      error: { reason: 'unknownDomain' },
    });
    expect(asked).toEqual(['https://lyncdiscoverinternal.contoso.com/', 'https://lyncdiscover.contoso.com/']);
    const failing = routedClient({
      'https://x.example/root': () => throwError(() => new UcwaError('http', '500', { status: 500 })),
    });
    await expect(firstValueFrom(discoverApplications(failing.client, 'd@c.com', 'https://x.example/root'))).rejects.toMatchObject({
      status: 500,
    });
  });

  const gate = (discoveryUrl?: string, policy?: TrustPolicy) =>
    createTrustGate(trustContext('contoso.com', discoveryUrl, policy), undefined, new Map());
  const ROOT = 'https://lyncdiscover.contoso.com/';

  it.each([
    ['a redirect from an https root', { _links: { redirect: { href: 'https://lync.fabrikam.com/root' } } }, 'untrustedHost'],
    ['a redirect to plain http in the domain', { _links: { redirect: { href: 'http://pool.contoso.com/root' } } }, 'insecureConnection'],
    ['a user link', { _links: { user: { href: 'https://lync.fabrikam.com/user' } } }, 'untrustedHost'],
    ['an applications link', { _links: { applications: { href: 'https://lync.fabrikam.com/ucwa/oauth/v1/applications' } } }, 'untrustedHost'],
    ['an applications link over http', { _links: { applications: { href: 'http://pool.contoso.com/apps' } } }, 'insecureConnection'],
  ])('refuses %s to a host it must not trust, without contacting it', async (_name, body, reason) => {
    const { client, asked } = routedClient({
      'https://lyncdiscoverinternal.contoso.com/': ok(ROOT, body),
    });
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com', undefined, gate()))).rejects.toMatchObject({
      error: { reason },
    });
    expect(asked).toEqual(['https://lyncdiscoverinternal.contoso.com/']);
  });

  it('refuses an explicit http discovery URL before any request, unless the admin allows http', async () => {
    const { client, asked } = routedClient({
      'http://lync.contoso.com/root': ok('http://lync.contoso.com/root', { _links: { applications: { href: '/apps' } } }),
    });
    await expect(
      firstValueFrom(discoverApplications(client, 'dana@contoso.com', 'http://lync.contoso.com/root', gate('http://lync.contoso.com/root'))),
    ).rejects.toThrow('http://lync.contoso.com is not encrypted: your password would travel in clear text');
    expect(asked).toEqual([]);
    const lab = gate('http://lync.contoso.com/root', { trustedDomains: [], allowInsecureHttp: true });
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com', 'http://lync.contoso.com/root', lab))).resolves.toBe(
      'http://lync.contoso.com/apps',
    );
  });

  it('follows links to an admin-trusted domain and to the discovery URL host', async () => {
    const { client } = routedClient({
      'https://sfb.hosting.example/root': ok('https://sfb.hosting.example/root', {
        _links: { redirect: { href: 'https://pool.fabrikam.com/root' } },
      }),
      'https://pool.fabrikam.com/root': ok('https://pool.fabrikam.com/root', {
        _links: { applications: { href: 'https://sfb.hosting.example:4443/apps' } },
      }),
    });
    const trusted = gate('https://sfb.hosting.example/root', { trustedDomains: ['fabrikam.com'], allowInsecureHttp: false });
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com', 'https://sfb.hosting.example/root', trusted))).resolves.toBe(
      'https://sfb.hosting.example:4443/apps',
    );
  });
});

describe('sign-in address and candidates, edge cases', () => {
  it('accepts a trimmed address with any sip: case and a multi-label domain', () => {
    expect(signInDomain('  SIP:dana@Mail.EU.Contoso.com ')).toBe('mail.eu.contoso.com');
    expect(signInDomain('dana@my-pool2.contoso.co')).toBe('my-pool2.contoso.co');
  });

  it.each(['@contoso.com', 'dana@', 'dana@contoso', 'dana@con toso.com', 'dana@contoso.com/x', 'dana@.contoso.com', 'dana@contoso..com', 'dana@contoso.com.', 'dana@x_y.com', 'dana@contoso.com@fabrikam.com', ''])(
    'refuses %j as a badAddress failure',
    (address) => {
      expect(() => signInDomain(address)).toThrow(expect.objectContaining({ error: expect.objectContaining({ reason: 'badAddress' }) }));
    },
  );

  it('an empty or blank discovery URL means none; a given one is trimmed and normalised; bad ones are badDiscoveryUrl', () => {
    const derived = ['https://lyncdiscoverinternal.contoso.com/', 'https://lyncdiscover.contoso.com/'];
    expect(discoveryCandidates('dana@contoso.com', '')).toEqual(derived);
    expect(discoveryCandidates('dana@contoso.com', '   ')).toEqual(derived);
    expect(discoveryCandidates('dana@contoso.com', ' https://SFB.contoso.com ')).toEqual(['https://sfb.contoso.com/']);
    expect(discoveryCandidates('dana@contoso.com', 'http://lab.contoso.com/root')).toEqual(['http://lab.contoso.com/root']);
    for (const bad of ['not a url', 'ftp://x/', 'file:///etc/passwd']) {
      expect(() => discoveryCandidates('dana@contoso.com', bad)).toThrow(
        expect.objectContaining({ error: expect.objectContaining({ reason: 'badDiscoveryUrl' }) }),
      );
    }
  });
});

describe('discoverApplications, the link walk and its failures', () => {
  const network = (cause: 'dns' | 'certificate') => () => throwError(() => new UcwaError('network', cause, { cause }));
  const status = (code: number) => () => throwError(() => new UcwaError('http', String(code), { status: code }));

  it('an address problem is an error of the stream, not a throw at the call', async () => {
    const { client, asked } = routedClient({});
    const discovery = discoverApplications(client, 'not an address');
    await expect(firstValueFrom(discovery)).rejects.toMatchObject({ error: { reason: 'badAddress' } });
    expect(asked).toEqual([]);
  });

  it('a 404 moves on to the next candidate; with the admin allowing http, the http ones come last', async () => {
    const { client, asked } = routedClient({
      'https://lyncdiscoverinternal.contoso.com/': status(404),
      'http://lyncdiscover.contoso.com/': ok('http://lyncdiscover.contoso.com/', { _links: { applications: { href: '/apps' } } }),
    });
    const lab = createTrustGate(trustContext('contoso.com', undefined, { trustedDomains: [], allowInsecureHttp: true }), undefined, new Map());
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com', undefined, lab))).resolves.toBe(
      'http://lyncdiscover.contoso.com/apps',
    );
    expect(asked).toEqual([
      'https://lyncdiscoverinternal.contoso.com/',
      'https://lyncdiscover.contoso.com/',
      'http://lyncdiscoverinternal.contoso.com/',
      'http://lyncdiscover.contoso.com/',
    ]);
  });

  it('an error other than no answer or 404 stops at the first candidate', async () => {
    const { client, asked } = routedClient({ 'https://lyncdiscoverinternal.contoso.com/': status(403) });
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com'))).rejects.toMatchObject({ details: { status: 403 } });
    expect(asked).toEqual(['https://lyncdiscoverinternal.contoso.com/']);
  });

  it('names what went wrong when every candidate failed: the certificate, the explicit URL, or the domain', async () => {
    const certificate = routedClient({
      'https://lyncdiscoverinternal.contoso.com/': network('dns'),
      'https://lyncdiscover.contoso.com/': network('certificate'),
    });
    await expect(firstValueFrom(discoverApplications(certificate.client, 'dana@contoso.com'))).rejects.toMatchObject({
      error: { reason: 'certificate', message: expect.stringMatching(/certificate is not trusted/) },
    });
    // Only the last failure counts: a certificate problem on the internal name alone is not the answer.
    const notLast = routedClient({ 'https://lyncdiscoverinternal.contoso.com/': network('certificate') });
    await expect(firstValueFrom(discoverApplications(notLast.client, 'dana@contoso.com'))).rejects.toMatchObject({
      error: { reason: 'unknownDomain', message: expect.stringMatching(/No Skype for Business server was found/) },
    });
    const explicit = routedClient({});
    await expect(firstValueFrom(discoverApplications(explicit.client, 'dana@contoso.com', 'https://sfb.contoso.com/root'))).rejects.toMatchObject(
      { error: { reason: 'serverUnreachable', message: expect.stringMatching(/discovery URL could not be reached/) } },
    );
    const gone = routedClient({ 'https://sfb.contoso.com/root': status(404) });
    await expect(firstValueFrom(discoverApplications(gone.client, 'dana@contoso.com', 'https://sfb.contoso.com/root'))).rejects.toMatchObject({
      error: { reason: 'serverUnreachable' },
    });
  });

  it('prefers applications over redirect over user, asks with GET, and never follows a user link to itself', async () => {
    const methods: string[] = [];
    const everything = { applications: { href: '/apps' }, redirect: { href: '/elsewhere' }, user: { href: '/user' } };
    const client: ResourceClient = {
      request: ({ method }) => {
        methods.push(method);
        return of({ url: 'https://lyncdiscoverinternal.contoso.com/', status: 200, headers: {}, body: { _links: everything }, text: '' });
      },
    };
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com'))).resolves.toBe('https://lyncdiscoverinternal.contoso.com/apps');
    expect(methods).toEqual(['GET']);
    const { applications: _a, ...redirectAndUser } = everything;
    const second = routedClient({
      'https://lyncdiscoverinternal.contoso.com/': ok('https://lyncdiscoverinternal.contoso.com/', { _links: redirectAndUser }),
      'https://lyncdiscoverinternal.contoso.com/elsewhere': ok('https://lyncdiscoverinternal.contoso.com/elsewhere', {
        _links: { applications: { href: '/via-redirect' } },
      }),
    });
    await expect(firstValueFrom(discoverApplications(second.client, 'dana@contoso.com'))).resolves.toBe(
      'https://lyncdiscoverinternal.contoso.com/via-redirect',
    );
    const self = routedClient({
      'https://lyncdiscoverinternal.contoso.com/user': ok('https://lyncdiscoverinternal.contoso.com/user', { _links: { user: { href: '/user' } } }),
    });
    await expect(firstValueFrom(discoverApplications(self.client, 'dana@contoso.com', 'https://lyncdiscoverinternal.contoso.com/user'))).rejects.toMatchObject({
      error: { reason: 'malformedReply', message: expect.stringMatching(/no user or applications link/) },
    });
    expect(self.asked).toEqual(['https://lyncdiscoverinternal.contoso.com/user']);
  });

  it('gives up on a redirect loop after the first answer and 8 more hops', async () => {
    let hops = 0;
    const client: ResourceClient = {
      request: ({ href }) => {
        hops += 1;
        return of({ url: href, status: 200, headers: {}, body: { _links: { redirect: { href: `/r${hops}` } } }, text: '' });
      },
    };
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com', 'https://sfb.contoso.com/root'))).rejects.toMatchObject({
      error: { reason: 'malformedReply', message: expect.stringMatching(/round in circles/) },
    });
    expect(hops).toBe(9);
  });

  it('gives up on user links that go round between two answers, as on redirects', async () => {
    let asked = 0;
    const client: ResourceClient = {
      request: ({ href }) => {
        asked += 1;
        const other = href.endsWith('/a') ? '/b' : '/a';
        return of({ url: href, status: 200, headers: {}, body: { _links: { user: { href: other } } }, text: '' });
      },
    };
    await expect(firstValueFrom(discoverApplications(client, 'dana@contoso.com', 'https://sfb.contoso.com/a'))).rejects.toMatchObject({
      error: { reason: 'malformedReply' },
    });
    expect(asked).toBe(9);
  });
});
