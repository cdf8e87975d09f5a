import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchFormatError, batchContentType, boundaryOf, decodeBatch, encodeBatch } from '../../main/core/ucwa/batch-codec';
import { anyJson, RUNS } from './support/arbitraries';
import { typedOutcome } from './support/typed-outcome';

const boundary = fc.stringMatching(/^[A-Za-z0-9'()+_,\-./:=?]{1,40}$/).filter((b) => !/\s/.test(b));

/** One inner response as a server writes it, and what the decoder must make of it. */
const innerResponse = fc.record({
  status: fc.integer({ min: 100, max: 599 }),
  json: fc.option(anyJson, { nil: undefined }),
  text: fc.string({ maxLength: 40 }).filter((t) => !t.includes('--')),
  contentLength: fc.boolean(),
});

type InnerResponse = { readonly status: number; readonly json: unknown; readonly text: string; readonly contentLength: boolean };

function encodeAnswer(parts: readonly InnerResponse[], bound: string, eol: string): string {
  return `${parts
    .map(({ status, json, text, contentLength }) => {
      const payload = json === undefined ? text : JSON.stringify(json);
      const type = json === undefined ? 'text/plain' : 'application/json; charset=utf-8';
      const head = [`HTTP/1.1 ${status} X`, `Content-Type: ${type}`, ...(contentLength ? [`Content-Length: ${payload.length}`] : [])];
      return `--${bound}${eol}Content-Type: application/http; msgtype=response${eol}${eol}${head.join(eol)}${eol}${eol}${payload}${eol}`;
    })
    .join('')}--${bound}--${eol}`;
}

describe('multipart/batching codec on any input', () => {
  it('decodeBatch: parts with a status and parsed-or-null bodies, or a BatchFormatError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.oneof(boundary.map(batchContentType), fc.string({ maxLength: 40 })), (text, type) => {
        const outcome = typedOutcome(() => decodeBatch(text, type), [BatchFormatError]);
        if (!('value' in outcome)) return;
        for (const part of outcome.value) {
          expect(Number.isInteger(part.status) && part.status >= 100 && part.status <= 999).toBe(true);
          expect(typeof part.text).toBe('string');
        }
      }),
      RUNS,
    );
  });

  it('decodes every part of a well-formed answer in order, CRLF or bare LF', () => {
    fc.assert(
      fc.property(fc.array(innerResponse, { minLength: 1, maxLength: 5 }), boundary, fc.constantFrom('\r\n', '\n'), (parts, bound, eol) => {
        const decoded = decodeBatch(encodeAnswer(parts, bound, eol), batchContentType(bound));
        expect(decoded.map((p) => p.status)).toEqual(parts.map((p) => p.status));
        expect(decoded.map((p) => p.body)).toEqual(parts.map((p) => (p.json === undefined ? null : JSON.parse(JSON.stringify(p.json)))));
      }),
      RUNS,
    );
  });

  it('a well-formed answer cut or damaged anywhere: parts or a BatchFormatError, never another exception', () => {
    fc.assert(
      fc.property(
        fc.array(innerResponse, { minLength: 1, maxLength: 4 }),
        boundary,
        fc.nat(),
        fc.string({ unit: 'binary', maxLength: 8 }),
        (parts, bound, at, junk) => {
          const whole = encodeAnswer(parts, bound, '\r\n');
          const cut = at % (whole.length + 1);
          typedOutcome(() => decodeBatch(whole.slice(0, cut), batchContentType(bound)), [BatchFormatError]);
          typedOutcome(() => decodeBatch(whole.slice(0, cut) + junk + whole.slice(cut), batchContentType(bound)), [BatchFormatError]);
        },
      ),
      RUNS,
    );
  });

  it('boundaryOf reads back the boundary, quoted or not; encodeBatch output carries it', () => {
    fc.assert(
      fc.property(boundary, fc.boolean(), (bound, quoted) => {
        expect(boundaryOf(`multipart/batching; boundary=${quoted ? `"${bound}"` : bound}`)).toBe(bound);
        const body = encodeBatch([{ method: 'GET', href: 'https://pool.contoso.com/ucwa/x?y=1' }], bound);
        expect(body.startsWith(`--${bound}\r\n`) && body.endsWith(`--${bound}--\r\n`)).toBe(true);
      }),
      RUNS,
    );
  });

  it('boundaryOf never throws on any Content-Type', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (type) => {
        const found = typedOutcome(() => boundaryOf(type), []);
        if ('value' in found && found.value !== undefined) expect(found.value.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});
