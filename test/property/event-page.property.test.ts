import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absolutizeLinks, nextHref, pageMessages, parseEventsPage } from '../../main/core/ucwa/event-channel';
import { UcwaError } from '../../main/core/ucwa/ucwa-error';
import { anyJson, baseUrl, eventsPage, halResource, RUNS } from './support/arbitraries';
import { isAbsoluteUrl, typedOutcome } from './support/typed-outcome';

const EVENT_TYPES = ['added', 'updated', 'deleted', 'started', 'completed'];

/** Whether a value is plain JSON data (what an embedded resource must be): no functions, no prototype objects. */
function isJsonData(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isJsonData);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as object).every(isJsonData);
}

describe('event page parser on any input', () => {
  it('parseEventsPage: typed events with absolute links, or a malformed UcwaError', () => {
    fc.assert(
      fc.property(eventsPage, baseUrl, (page, url) => {
        const outcome = typedOutcome(() => parseEventsPage(page, url), [UcwaError]);
        if ('error' in outcome) {
          expect(outcome.error).toMatchObject({ kind: 'malformed' });
          return;
        }
        const parsed = outcome.value;
        for (const event of parsed.events) {
          expect(EVENT_TYPES).toContain(event.type);
          expect(typeof event.sender.rel).toBe('string');
          expect(isAbsoluteUrl(event.sender.href)).toBe(true);
          expect(typeof event.link.rel).toBe('string');
          expect(isAbsoluteUrl(event.link.href)).toBe(true);
          if (event.in !== undefined) expect(isAbsoluteUrl(event.in.href)).toBe(true);
          if (event.status !== undefined) expect(typeof event.status).toBe('string');
          if (event.embedded !== undefined) expect(isJsonData(event.embedded)).toBe(true);
          for (const value of Object.values(event.reason ?? {})) expect(typeof value).toBe('string');
        }
        for (const next of [parsed.next, parsed.resync, parsed.resume]) if (next !== undefined) expect(isAbsoluteUrl(next)).toBe(true);
        expect(nextHref(parsed)).toBe(parsed.resync ?? parsed.resume ?? parsed.next);
        // Every event reaches the owner, then the reset the page asks for, if any.
        const messages = pageMessages(parsed);
        expect(messages.flatMap((m) => (m.kind === 'events' ? m.events : []))).toEqual(parsed.events);
        const reset = parsed.resync !== undefined ? 'resync' : parsed.resume !== undefined ? 'resume' : undefined;
        expect(messages.filter((m) => m.kind !== 'events').map((m) => m.kind)).toEqual(reset === undefined ? [] : [reset]);
      }),
      RUNS,
    );
  });

  it('a well-formed page keeps every event in order', () => {
    const valid = fc.array(
      fc.record({
        type: fc.constantFrom('added', 'updated', 'deleted'),
        link: fc.record({ rel: fc.constantFrom('contact', 'group', 'presence'), href: fc.stringMatching(/^\/ucwa\/[a-z0-9]{1,8}$/) }),
      }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(valid, baseUrl, (events, url) => {
        const page = { _links: { next: { href: '/ucwa/events?ack=9' } }, sender: [{ rel: 'people', href: '/ucwa/people', events }] };
        const parsed = parseEventsPage(page, url);
        expect(parsed.events.map((e) => [e.type, e.link.rel, e.link.href])).toEqual(events.map((e) => [e.type, e.link.rel, new URL(e.link.href, url).toString()]));
        expect(parsed.next).toBe(new URL('/ucwa/events?ack=9', url).toString());
      }),
      RUNS,
    );
  });

  it('takes an embedded resource by its own key only: a rel named like an Object member finds nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty'), baseUrl, (name, url) => {
        const event = { type: 'updated', link: { rel: name, href: '/ucwa/x' }, _embedded: { a: { v: 1 }, b: { v: 2 } } };
        const [parsed] = parseEventsPage({ sender: [{ rel: 'people', href: '/ucwa/people', events: [event] }] }, url).events;
        expect(parsed?.embedded).toBeUndefined();
      }),
      { numRuns: 20 },
    );
  });

  it('copies a "__proto__" key of an embedded resource as data, never as its prototype', () => {
    const embedded = JSON.parse('{"__proto__":{"availability":"Busy"},"_links":{"__proto__":{"href":"/p"}}}') as unknown;
    const copy = absolutizeLinks(embedded, 'https://pool.contoso.com/ucwa/') as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy['availability']).toBeUndefined();
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy['_links'])).toBe(Object.prototype);
  });

  it('absolutizeLinks: a copy with absolute hrefs, or a malformed UcwaError', () => {
    fc.assert(
      fc.property(fc.oneof(halResource, anyJson), baseUrl, (value, url) => {
        const outcome = typedOutcome(() => absolutizeLinks(value, url), [UcwaError]);
        if ('error' in outcome) expect(outcome.error).toMatchObject({ kind: 'malformed' });
      }),
      RUNS,
    );
  });
});
