import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../../../main/core/ports';
import { createHttpClient } from '../../../../../main/core/ucwa/http-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x80, 0x7f]);
const photos = 'https://pool.contoso.com/ucwa/oauth/v1/applications/1/photos/sarad@contoso.com';

function client(answer: (request: Request) => Response) {
  const seen: Request[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push(request);
    return answer(request);
  };
  return { http: createHttpClient({ fetch, logger: { log: () => undefined } }), seen };
}

describe('binary answers and conditional requests', () => {
  it('hands a binary answer over byte for byte, not decoded as text', async () => {
    const { http, seen } = client(() => new Response(PNG, { status: 200, headers: { 'Content-Type': 'image/png', ETag: '"a1"' } }));
    const r = await firstValueFrom(http.request({ method: 'GET', href: photos, accept: 'image/*', binary: { maxBytes: 1024 } }));
    expect([...(r.bytes ?? [])]).toEqual([...PNG]);
    expect(r.headers['etag']).toBe('"a1"');
    expect(seen[0]!.headers.get('accept')).toBe('image/*');
  });

  it('stops reading a binary answer past its own cap', async () => {
    const { http } = client(() => new Response(new Uint8Array(2048), { status: 200, headers: { 'Content-Type': 'image/png' } }));
    const error = await firstValueFrom(http.request({ method: 'GET', href: photos, binary: { maxBytes: 1024 } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UcwaError);
    expect((error as UcwaError).details.cause).toBe('tooLarge');
  });

  it('answers 304 to a request with If-None-Match, sending the ETag', async () => {
    const { http, seen } = client(() => new Response(null, { status: 304, headers: { ETag: '"a1"' } }));
    const r = await firstValueFrom(http.request({ method: 'GET', href: photos, binary: { maxBytes: 1024 }, headers: { 'If-None-Match': '"a1"' } }));
    expect(r.status).toBe(304);
    expect(r.bytes).toBeUndefined();
    expect(seen[0]!.headers.get('if-none-match')).toBe('"a1"');
  });

  it('still treats a 304 nobody asked for as an error', async () => {
    const { http } = client(() => new Response(null, { status: 304 }));
    const error = await firstValueFrom(http.request({ method: 'GET', href: photos })).catch((e: unknown) => e);
    expect((error as UcwaError).status).toBe(304);
  });

  it('reads an error answer of a binary request as an error, with its UCWA code', async () => {
    const { http } = client(
      () => new Response(JSON.stringify({ code: 'NotFound', message: 'No photo.' }), { status: 404, headers: { 'Content-Type': 'application/json' } }),
    );
    const error = await firstValueFrom(http.request({ method: 'GET', href: photos, binary: { maxBytes: 1024 } })).catch((e: unknown) => e);
    expect((error as UcwaError).status).toBe(404);
    expect((error as UcwaError).details.code).toBe('NotFound');
  });

  describe('a request whose answer body is unused', () => {
    const memberships = 'https://pool.contoso.com/ucwa/oauth/v1/applications/1/people/presenceSubscriptionMemberships?presenceSubscriptionId=s1';
    const json = (text: string, status: number) => new Response(text, { status, headers: { 'Content-Type': 'application/json' } });

    it('does not parse a 2xx body: an answer that would not parse still succeeds, with no body', async () => {
      const { http } = client(() => json('{"_embedded": [not json', 201));
      const used = await firstValueFrom(http.request({ method: 'POST', href: memberships, json: { contactUris: [] } })).catch((e: unknown) => e);
      expect((used as UcwaError).kind).toBe('malformed');
      const unused = await firstValueFrom(http.request({ method: 'POST', href: memberships, json: { contactUris: [] }, bodyUnused: true }));
      expect([unused.status, unused.body, unused.text]).toEqual([201, null, '']);
    });

    it('still reads an error answer for its UCWA code, and still caps what it reads', async () => {
      const { http } = client((request) =>
        request.url.endsWith('s1') ? json(JSON.stringify({ code: 'Conflict', subcode: 'TooManyContacts' }), 409) : json(`"${'x'.repeat(9 * 1024 * 1024)}"`, 201),
      );
      const refused = await firstValueFrom(http.request({ method: 'POST', href: memberships, bodyUnused: true })).catch((e: unknown) => e);
      expect([(refused as UcwaError).status, (refused as UcwaError).subcode]).toEqual([409, 'TooManyContacts']);
      const huge = await firstValueFrom(http.request({ method: 'POST', href: `${memberships}x`, bodyUnused: true })).catch((e: unknown) => e);
      expect((huge as UcwaError).details.cause).toBe('tooLarge');
    });
  });
});
