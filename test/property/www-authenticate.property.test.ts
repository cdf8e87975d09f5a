import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMsRtcOAuth, parseWwwAuthenticate } from '../../main/core/ucwa/www-authenticate';
import { baseUrl, RUNS } from './support/arbitraries';
import { isAbsoluteUrl, typedOutcome } from './support/typed-outcome';

const tokenText = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,10}$/);
/** Quoted-string content: any printable text, commas and escaped quotes included. */
const quotable = fc.string({ unit: fc.constantFrom(...' ,;=abcXYZ019"\\/:._-'.split('')), maxLength: 20 });
const quote = (text: string): string => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** One well-formed challenge: scheme and auth-params with token or quoted values. */
const challenge = fc.record({
  scheme: tokenText,
  params: fc.uniqueArray(fc.tuple(tokenText, fc.oneof(tokenText.map((v) => ({ v, q: false })), quotable.map((v) => ({ v, q: true })))), {
    selector: ([name]) => name.toLowerCase(),
    maxLength: 4,
  }),
});

describe('WWW-Authenticate parser on any input', () => {
  it('never throws on any header text, and yields lower-cased token schemes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.array(fc.string({ maxLength: 60 }), { maxLength: 3 })), (header) => {
        const outcome = typedOutcome(() => parseWwwAuthenticate(header), []);
        if (!('value' in outcome)) return;
        for (const parsed of outcome.value) {
          expect(parsed.scheme).toMatch(/^[!#$%&'*+\-.^_`|~0-9a-z]+$/);
          for (const [name, value] of Object.entries(parsed.params)) {
            expect(name).toBe(name.toLowerCase());
            expect(typeof value).toBe('string');
          }
        }
      }),
      RUNS,
    );
  });

  it('reads back well-formed challenges, one header or folded with ", "', () => {
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 3 }), fc.boolean(), (challenges, folded) => {
        const lines = challenges.map(
          ({ scheme, params }) => `${scheme}${params.length > 0 ? ' ' : ''}${params.map(([name, { v, q }]) => `${name}=${q ? quote(v) : v}`).join(', ')}`,
        );
        const parsed = parseWwwAuthenticate(folded ? lines.join(', ') : lines);
        expect(parsed).toEqual(
          challenges.map(({ scheme, params }) => ({
            scheme: scheme.toLowerCase(),
            params: Object.fromEntries(params.map(([name, { v }]) => [name.toLowerCase(), v])),
          })),
        );
      }),
      RUNS,
    );
  });

  it('findMsRtcOAuth: an absolute token URL and non-empty grant types, or nothing', () => {
    const header = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.tuple(fc.string({ maxLength: 40 }), quotable).map(([href, grants]) => `Bearer trusted_issuers="", MsRtcOAuth href=${quote(href)},grant_type=${quote(grants)}`),
    );
    fc.assert(
      fc.property(header, baseUrl, (value, base) => {
        const found = typedOutcome(() => findMsRtcOAuth(parseWwwAuthenticate(value), base), []);
        if (!('value' in found) || found.value === undefined) return;
        expect(isAbsoluteUrl(found.value.tokenUrl)).toBe(true);
        for (const grant of found.value.grantTypes) expect(grant).toBe(grant.trim());
        expect(found.value.grantTypes.every((grant) => grant.length > 0)).toBe(true);
      }),
      RUNS,
    );
  });
});
