import { describe, expect, it } from 'vitest';
import { absolutizeLinks, embedded, link, linkList, links, requireLink } from '../../../../../main/core/ucwa/hal';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const BASE = 'https://fe1.contoso.com/ucwa/oauth/v1/applications/105';

describe('hal', () => {
  const resource = {
    _links: {
      self: { href: '/ucwa/oauth/v1/applications/105' },
      events: { href: '/ucwa/oauth/v1/applications/105/events?ack=1' },
      other: { href: 'https://pool2.contoso.com/x' },
      contact: [{ href: 'people/a' }, { href: 'people/b' }],
      broken: { nohref: true },
    },
    _embedded: { me: { name: 'Dana' } },
  };

  it('resolves relative hrefs against the response URL and keeps absolute ones', () => {
    expect(link(resource, 'events', BASE)).toBe('https://fe1.contoso.com/ucwa/oauth/v1/applications/105/events?ack=1');
    expect(link(resource, 'other', BASE)).toBe('https://pool2.contoso.com/x');
    expect(links(resource, BASE)['broken']).toBeUndefined();
  });

  it('lists repeated rels whether array or single', () => {
    expect(linkList(resource, 'contact', `${BASE}/`)).toEqual([
      'https://fe1.contoso.com/ucwa/oauth/v1/applications/105/people/a',
      'https://fe1.contoso.com/ucwa/oauth/v1/applications/105/people/b',
    ]);
    expect(linkList(resource, 'self', BASE)).toHaveLength(1);
    expect(linkList(resource, 'nothing', BASE)).toEqual([]);
  });

  it('reports a missing required link as malformed', () => {
    expect(() => requireLink(resource, 'presence', BASE)).toThrow(UcwaError);
    expect(() => requireLink('not an object', 'self', BASE)).toThrow(/self/);
  });

  it('reads embedded resources', () => {
    expect(embedded(resource, 'me')).toEqual({ name: 'Dana' });
    expect(embedded(resource, 'people')).toBeUndefined();
    expect(embedded(null, 'me')).toBeUndefined();
  });
});

describe('absolutizeLinks', () => {
  it('resolves nested hrefs and stops at its depth limit with a typed error, not a stack overflow', () => {
    expect(absolutizeLinks({ _links: { self: { href: 'a' } }, _embedded: { x: { _links: { self: { href: '/b' } } } } }, 'https://p.contoso.com/u/')).toEqual({
      _links: { self: { href: 'https://p.contoso.com/u/a' } },
      _embedded: { x: { _links: { self: { href: 'https://p.contoso.com/b' } } } },
    });
    let deep: unknown = {};
    for (let i = 0; i < 20_000; i++) deep = { _embedded: { x: deep } };
    expect(() => absolutizeLinks(deep, 'https://p.contoso.com/')).toThrow(expect.objectContaining({ kind: 'malformed', details: { cause: 'tooDeep' } }) as Error);
  });
});
