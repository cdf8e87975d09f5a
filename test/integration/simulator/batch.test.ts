/**
 * `batch` with multipart/batching both ways (ucwa-protocol.md §7): CRLF framing, responses in
 * request order with the same content as direct requests, POST parts, the 100-request limit → 429.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectUcwaError } from './support/errors';
import { send, type Reply } from './support/http';
import { obj } from './support/json';
import { buildBatch, boundaryOf, parseBatch, type BatchPart, type BatchResponse } from './support/multipart';
import type { Sim } from './support/sim';
import { startSignedInWithApp } from './support/signed-in';
import type { App, Session } from './support/ucwa';

let sim: Sim;
let session: Session;
let app: App;
beforeEach(async () => {
  ({ sim, session, app } = await startSignedInWithApp());
  await app.makeAvailable();
});
afterEach(async () => {
  await sim.stop();
});

const BOUNDARY = '77f2569d-c005-442b-b856-782305305e5f';

function postBatch(parts: readonly BatchPart[], authenticated = true): Promise<Reply> {
  return send(app.batchUrl, {
    method: 'POST',
    headers: { Accept: 'multipart/batching', 'Content-Type': `multipart/batching;boundary=${BOUNDARY}` },
    body: buildBatch(parts, BOUNDARY),
    ...(authenticated ? { token: session.token } : {}),
  });
}

async function batchResponses(parts: readonly BatchPart[]): Promise<BatchResponse[]> {
  const reply = await postBatch(parts);
  expect(reply.status, reply.text).toBe(200);
  return parseBatch(reply.contentType, reply.text);
}

describe('batch round trip', () => {
  it('answers multipart/batching with application/http responses in request order, CRLF-framed', async () => {
    const parts: BatchPart[] = [
      { method: 'GET', url: app.peopleLink('myContacts') },
      { method: 'GET', url: app.meLink('self') },
      { method: 'GET', url: app.peopleLink('myGroups') },
    ];
    const reply = await postBatch(parts);
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^multipart\/batching/i);
    expect(boundaryOf(reply.contentType)).toBeDefined();
    const responses = parseBatch(reply.contentType, reply.text);
    expect(responses).toHaveLength(3);
    for (const response of responses) {
      expect(response.partHeaders['content-type']).toMatch(/application\/http/i);
      expect(response.partHeaders['content-type']).toMatch(/msgtype=response/i);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/application\/json/);
    }
    // Same content as the direct requests, in the order asked.
    for (const [index, part] of parts.entries()) {
      const direct = await session.get(part.url);
      expect(JSON.parse(responses[index]?.body ?? 'null'), part.url).toEqual(direct.json);
    }
  });

  it('keeps request order when parts fail (404 in the middle)', async () => {
    const missing = new URL('no-such-thing', `${app.self}/`).toString();
    const responses = await batchResponses([
      { method: 'GET', url: app.meLink('presence') },
      { method: 'GET', url: missing },
      { method: 'GET', url: app.meLink('note') },
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 404, 200]);
    expect(obj(JSON.parse(responses[0]?.body ?? 'null'))['rel']).toBe('presence');
    expect(obj(JSON.parse(responses[1]?.body ?? 'null'))['code']).toBe('NotFound');
    expect(obj(JSON.parse(responses[2]?.body ?? 'null'))['rel']).toBe('note');
  });

  it('executes POST parts with their bodies', async () => {
    const body = JSON.stringify({ availability: 'BeRightBack' });
    const responses = await batchResponses([
      { method: 'POST', url: app.meLink('presence'), headers: { 'Content-Type': 'application/json' }, body },
      { method: 'GET', url: app.meLink('presence') },
    ]);
    expect(responses[0]?.status).toBe(204);
    expect(obj(JSON.parse(responses[1]?.body ?? 'null'))['availability']).toBe('BeRightBack');
    expect(obj((await session.get(app.meLink('presence'))).json)['availability']).toBe('BeRightBack');
  });

  it('accepts exactly 100 parts', async () => {
    const parts = Array.from({ length: 100 }, () => ({ method: 'GET', url: app.meLink('presence') }));
    const reply = await postBatch(parts);
    expect(reply.status).toBe(200);
    expect(parseBatch(reply.contentType, reply.text)).toHaveLength(100);
  });

  it('rejects 101 parts with 429 TooManyRequests and executes none of them', async () => {
    const note = JSON.stringify({ message: 'should not be set' });
    const parts: BatchPart[] = [
      { method: 'POST', url: app.meLink('note'), headers: { 'Content-Type': 'application/json' }, body: note },
      ...Array.from({ length: 100 }, () => ({ method: 'GET', url: app.meLink('presence') })),
    ];
    expectUcwaError(await postBatch(parts), 429, 'TooManyRequests');
    expect(obj((await session.get(app.meLink('note'))).json)['message']).not.toBe('should not be set');
  });

  it('honours a configured batchLimit', async () => {
    await sim.patchConfig({ batchLimit: 3 });
    const four = Array.from({ length: 4 }, () => ({ method: 'GET', url: app.meLink('presence') }));
    expect((await postBatch(four)).status).toBe(429);
    expect((await postBatch(four.slice(0, 3))).status).toBe(200);
  });

  it('refuses events inside a batch', async () => {
    const responses = await batchResponses([
      { method: 'GET', url: app.eventsUrl },
      { method: 'GET', url: app.meLink('presence') },
    ]);
    expect(responses[0]?.status).toBeGreaterThanOrEqual(400);
    expect(responses[1]?.status).toBe(200);
  });

  it('challenges a batch without a token', async () => {
    const reply = await postBatch([{ method: 'GET', url: app.meLink('presence') }], false);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/MsRtcOAuth/);
  });
});
