import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedded, link, linkList, links, pickLinks, requireLink, requireObject, resolveHref, stringProp } from '../../main/core/ucwa/hal';
import { UcwaError } from '../../main/core/ucwa/ucwa-error';
import { baseUrl, body, href, rel, RUNS } from './support/arbitraries';
import { isAbsoluteUrl, typedOutcome } from './support/typed-outcome';

// The engine looks rels up by fixed names; a name Object.prototype has ('constructor') would find the
// prototype's member, so lookups use names it does not have. Inputs still carry such keys.
const lookupRel = rel.filter((name) => !(name in Object.prototype));

const malformed = (outcome: { error: Error } | object): void => {
  if ('error' in outcome) expect(outcome.error).toMatchObject({ kind: 'malformed' });
};

describe('HAL helpers on any input', () => {
  it('resolveHref: an absolute URL, or a malformed UcwaError', () => {
    fc.assert(
      fc.property(href, baseUrl, (value, base) => {
        const outcome = typedOutcome(() => resolveHref(value, base), [UcwaError]);
        if ('value' in outcome) expect(isAbsoluteUrl(outcome.value)).toBe(true);
        malformed(outcome);
      }),
      RUNS,
    );
  });

  it('pickLinks: for the rels named, what links gives, where links gives anything', () => {
    fc.assert(
      fc.property(body, fc.array(lookupRel, { maxLength: 4 }), baseUrl, (resource, names, base) => {
        const all = typedOutcome(() => links(resource, base), [UcwaError]);
        const picked = typedOutcome(() => pickLinks(resource, names, base), [UcwaError]);
        malformed(picked);
        if (!('value' in all)) return;
        const expected = Object.fromEntries(names.flatMap((name) => (Object.hasOwn(all.value, name) ? [[name, all.value[name]]] : [])));
        expect(picked).toEqual({ value: expected });
      }),
      RUNS,
    );
  });

  it('links / link / linkList: only absolute hrefs, each one from the resource, or a malformed UcwaError', () => {
    fc.assert(
      fc.property(body, lookupRel, baseUrl, (resource, name, base) => {
        const all = typedOutcome(() => links(resource, base), [UcwaError]);
        malformed(all);
        if ('value' in all) {
          for (const value of Object.values(all.value)) expect(isAbsoluteUrl(value)).toBe(true);
          const one = link(resource, name, base);
          expect(one).toBe(Object.hasOwn(all.value, name) ? all.value[name] : undefined);
        }
        const list = typedOutcome(() => linkList(resource, name, base), [UcwaError]);
        malformed(list);
        if ('value' in list) for (const value of list.value) expect(isAbsoluteUrl(value)).toBe(true);
      }),
      RUNS,
    );
  });

  it('requireLink: the link, or a malformed UcwaError naming the rel', () => {
    fc.assert(
      fc.property(body, lookupRel, baseUrl, (resource, name, base) => {
        const outcome = typedOutcome(() => requireLink(resource, name, base), [UcwaError]);
        if ('value' in outcome) expect(isAbsoluteUrl(outcome.value)).toBe(true);
        else expect(outcome.error).toMatchObject({ kind: 'malformed' });
      }),
      RUNS,
    );
  });

  it('embedded / stringProp / requireObject never throw anything but a malformed UcwaError', () => {
    fc.assert(
      fc.property(body, lookupRel, (resource, name) => {
        typedOutcome(() => embedded(resource, name), []);
        const text = typedOutcome(() => stringProp(resource, name), []);
        if ('value' in text && text.value !== undefined) expect(typeof text.value).toBe('string');
        const object = typedOutcome(() => requireObject(resource, 'answer'), [UcwaError]);
        malformed(object);
        if ('value' in object) expect(typeof object.value === 'object' && object.value !== null && !Array.isArray(object.value)).toBe(true);
      }),
      RUNS,
    );
  });
});
