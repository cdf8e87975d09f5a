import fc from 'fast-check';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createHttpClient, parseErrorBody, parseRetryAfter } from '../../main/core/ucwa/http-client';
import { UcwaError } from '../../main/core/ucwa/ucwa-error';
import { anyJson, RUNS } from './support/arbitraries';

const silent = { log: () => undefined };
const NULL_BODY = new Set([204, 205, 304]);

/** Error bodies as servers send them: UCWA JSON, JSON of another shape, HTML, truncated JSON, nothing. */
const errorText = fc.oneof(
  fc.record({ code: anyJson, subcode: anyJson, message: anyJson }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
  anyJson.map((value) => JSON.stringify(value) ?? ''),
  fc.constantFrom('', '<html><body>Service Unavailable</body></html>', '{"code":"ServiceFailure","subcode":', 'null', '[]'),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('HTTP answers on any input', () => {
  it('parseErrorBody: only string code/subcode, never an exception', () => {
    fc.assert(
      fc.property(errorText, (text) => {
        const parsed = parseErrorBody(text);
        expect(Object.keys(parsed).every((key) => key === 'code' || key === 'subcode')).toBe(true);
        for (const value of Object.values(parsed)) expect(typeof value).toBe('string');
      }),
      RUNS,
    );
  });

  it('parseRetryAfter: whole non-negative seconds from delta-seconds, nothing from anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat().map(String), fc.string({ maxLength: 20 }), fc.constantFrom(null, undefined, ' 120 ', 'Wed, 21 Oct 2015 07:28:00 GMT', '-1', '1.5')), (value) => {
        const seconds = parseRetryAfter(value);
        if (seconds === undefined) return;
        expect(seconds).toBeGreaterThanOrEqual(0);
        expect(String(value).trim()).toMatch(/^\d+$/);
      }),
      RUNS,
    );
  });

  it('a request answers a typed response or fails with a UcwaError, whatever status, type and body come back', async () => {
    const answer = fc.record({
      status: fc.integer({ min: 200, max: 599 }),
      type: fc.constantFrom('application/json', 'application/vnd.microsoft.com.ucwa+json; charset=utf-8', 'text/html', 'text/plain', 'multipart/batching;boundary=x', 'garbage', ''),
      text: fc.oneof(errorText, anyJson.map((value) => JSON.stringify(value) ?? '')),
      retryAfter: fc.option(fc.oneof(fc.nat().map(String), fc.string({ maxLength: 10 })), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(answer, async ({ status, type, text, retryAfter }) => {
        const headers: Record<string, string> = {};
        if (type !== '') headers['content-type'] = type;
        if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
        const client = createHttpClient({
          logger: silent,
          fetch: async () => new Response(NULL_BODY.has(status) ? null : text, { status, headers }),
        });
        try {
          const response = await firstValueFrom(client.request({ method: 'GET', href: 'https://pool.contoso.com/ucwa/x' }));
          expect(response.status).toBe(status);
          expect(status >= 200 && status <= 299).toBe(true);
          expect(typeof response.text).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(UcwaError);
          const failure = error as UcwaError;
          expect(failure.kind).toBe(status >= 200 && status <= 299 ? 'malformed' : 'http');
          if (failure.kind === 'http') {
            expect(failure.status).toBe(status);
            for (const value of [failure.details.code, failure.details.subcode]) if (value !== undefined) expect(typeof value).toBe('string');
            if (failure.details.retryAfter !== undefined) expect(failure.details.retryAfter).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
