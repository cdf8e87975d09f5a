import { describe, expect, it } from 'vitest';
import {
  absolutizeLinks,
  embedded,
  isJsonObject,
  link,
  linkList,
  links,
  requireLink,
  requireObject,
  resolveHref,
  stringProp,
} from '../../../../../main/core/ucwa/hal';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const BASE = 'https://fe1.contoso.com/ucwa/oauth/v1/applications/105';

describe('hal, what does not fit the shape', () => {
  it('an array or null is not a JSON object; an object is', () => {
    expect(isJsonObject([])).toBe(false);
    expect(isJsonObject(null)).toBe(false);
    expect(isJsonObject('x')).toBe(false);
    expect(isJsonObject({})).toBe(true);
  });

  it('a link that is not a URL is malformed, never followed', () => {
    expect(() => resolveHref('http://[bad', BASE)).toThrow(expect.objectContaining({ kind: 'malformed' }) as Error);
    expect(() => links({ _links: { self: { href: 'http://[bad' } } }, BASE)).toThrow(UcwaError);
    expect(resolveHref('x', `${BASE}/`)).toBe(`${BASE}/x`);
  });

  it('links: no _links, _links not an object, an href that is not a string, an array rel keeps its first href', () => {
    expect(links(null, BASE)).toEqual({});
    expect(links({}, BASE)).toEqual({});
    expect(links({ _links: [{ href: '/x' }] }, BASE)).toEqual({});
    expect(links({ _links: { self: { href: 7 } } }, BASE)).toEqual({});
    expect(links({ _links: { self: 'not an object' } }, BASE)).toEqual({});
    expect(links({ _links: { contact: [{ href: '/a' }, { href: '/b' }] } }, BASE)).toEqual({ contact: 'https://fe1.contoso.com/a' });
  });

  it('requireLink answers the absolute href and names the missing rel', () => {
    expect(requireLink({ _links: { self: { href: '/s' } } }, 'self', BASE)).toBe('https://fe1.contoso.com/s');
    expect(() => requireLink({}, 'events', BASE)).toThrow(expect.objectContaining({ kind: 'malformed', message: expect.stringContaining('"events"') }) as Error);
    expect(link({}, 'self', BASE)).toBeUndefined();
  });

  it('linkList: not an object, no _links, _links an array, items without hrefs', () => {
    expect(linkList('x', 'contact', BASE)).toEqual([]);
    expect(linkList({}, 'contact', BASE)).toEqual([]);
    expect(linkList({ _links: [] }, 'contact', BASE)).toEqual([]);
    expect(linkList({ _links: { contact: [{ href: '/a' }, { nohref: 1 }, { href: '/b' }] } }, 'contact', BASE)).toEqual([
      'https://fe1.contoso.com/a',
      'https://fe1.contoso.com/b',
    ]);
    expect(linkList({ _links: { contact: { href: '/only' } } }, 'contact', BASE)).toEqual(['https://fe1.contoso.com/only']);
  });

  it('embedded: _embedded missing or not an object yields nothing', () => {
    expect(embedded({}, 'me')).toBeUndefined();
    expect(embedded({ _embedded: [{ me: 1 }] }, 'me')).toBeUndefined();
    expect(embedded({ _embedded: 'me' }, 'me')).toBeUndefined();
  });

  it('stringProp answers strings only', () => {
    expect(stringProp({ name: 'Dana' }, 'name')).toBe('Dana');
    expect(stringProp({ name: 3 }, 'name')).toBeUndefined();
    expect(stringProp(null, 'name')).toBeUndefined();
    expect(stringProp([], 'length')).toBeUndefined();
  });

  it('requireObject refuses an array, null or a string, naming what was expected', () => {
    expect(requireObject({ a: 1 }, 'application')).toEqual({ a: 1 });
    for (const body of [[], null, 'x']) {
      expect(() => requireObject(body, 'application')).toThrow(expect.objectContaining({ kind: 'malformed', message: expect.stringContaining('application') }) as Error);
    }
  });
});

describe('absolutizeLinks, edges', () => {
  const base = 'https://p.contoso.com/u/';

  it('resolves hrefs in link arrays and inside arrays of resources, leaves other values and link entries alone', () => {
    expect(
      absolutizeLinks(
        {
          _links: { contact: [{ href: 'a' }, { href: 'b' }], odd: { title: 'no href' }, num: 3 },
          list: [{ _links: { self: { href: '/c' } } }, 4, 'text', null],
          href: 'not-a-link-here',
        },
        base,
      ),
    ).toEqual({
      _links: { contact: [{ href: 'https://p.contoso.com/u/a' }, { href: 'https://p.contoso.com/u/b' }], odd: { title: 'no href' }, num: 3 },
      list: [{ _links: { self: { href: 'https://p.contoso.com/c' } } }, 4, 'text', null],
      href: 'not-a-link-here',
    });
  });

  it('a _links that is not an object is walked as data', () => {
    expect(absolutizeLinks({ _links: [{ href: 'a' }] }, base)).toEqual({ _links: [{ href: 'a' }] });
  });

  it('allows exactly maxDepth levels and refuses one more', () => {
    const nested = (levels: number): unknown => {
      let v: unknown = 'leaf';
      for (let i = 0; i < levels; i++) v = { x: v };
      return v;
    };
    expect(() => absolutizeLinks(nested(3), base, 3)).not.toThrow();
    expect(() => absolutizeLinks(nested(4), base, 3)).toThrow(expect.objectContaining({ message: expect.stringContaining('3 levels') }) as Error);
    expect(() => absolutizeLinks([[['x']]], base, 2)).toThrow(UcwaError);
    expect(() => absolutizeLinks([['x']], base, 2)).not.toThrow();
  });

  it('copies a __proto__ key as data, never as the prototype', () => {
    const copy = absolutizeLinks(JSON.parse('{"__proto__":{"polluted":true},"a":1}'), base) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
  });
});
