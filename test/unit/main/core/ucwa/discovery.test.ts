import { firstValueFrom, type Observable, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  discoverApplications,
  discoveryCandidates,
  isRedirectAllowed,
  signInDomain,
} from '../../../../../main/core/ucwa/discovery';
import type { ResourceClient, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

describe('discovery helpers', () => {
  it('takes the domain from a sign-in address and rejects bad ones', () => {
    expect(signInDomain('sip:Dana@Contoso.com')).toBe('contoso.com');
    expect(() => signInDomain('dana')).toThrow(/name@company/);
    expect(() => signInDomain('a@b@c.com')).toThrow();
  });

  it('tries internal then external, HTTPS first', () => {
    expect(discoveryCandidates('dana@contoso.com')).toEqual([
      'https://lyncdiscoverinternal.contoso.com/',
      'https://lyncdiscover.contoso.com/',
      'http://lyncdiscoverinternal.contoso.com/',
      'http://lyncdiscover.contoso.com/',
    ]);
    expect(discoveryCandidates('dana@contoso.com', 'https://sfb.contoso.com/root')).toEqual(['https://sfb.contoso.com/root']);
    expect(() => discoveryCandidates('dana@contoso.com', 'not a url')).toThrow(/valid URL/);
    expect(() => discoveryCandidates('dana@contoso.com', 'ftp://x/')).toThrow(/https/);
  });

  it('applies the redirect security check', () => {
    expect(isRedirectAllowed('https://lyncdiscover.contoso.com/', 'https://evil.example/', 'contoso.com', [])).toBe(true);
    expect(isRedirectAllowed('http://lyncdiscover.contoso.com/', 'https://web.contoso.com/', 'contoso.com', [])).toBe(true);
    expect(isRedirectAllowed('http://lyncdiscover.contoso.com/', 'https://evil.example/', 'contoso.com', [])).toBe(false);
    expect(isRedirectAllowed('http://127.0.0.1:81/', 'http://127.0.0.1:81/x', 'contoso.com', ['127.0.0.1:81'])).toBe(true);
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
    expect(asked).toHaveLength(4);
    const failing = routedClient({
      'https://x.example/root': () => throwError(() => new UcwaError('http', '500', { status: 500 })),
    });
    await expect(firstValueFrom(discoverApplications(failing.client, 'd@c.com', 'https://x.example/root'))).rejects.toMatchObject({
      status: 500,
    });
  });
});
