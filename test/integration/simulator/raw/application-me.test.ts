/**
 * The application and the me resources as the server keeps them, over raw sockets with the bytes a
 * third-party client sends (`Accept: application/json`, `Content-Type: application/json` or no body
 * at all), one keep-alive connection per flow, every URL taken from an earlier answer's `_links`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { arr, obj, str } from '../support/json';
import { Sim } from '../support/sim';
import { header, RawConnection, type RawResponse } from './raw-client';
import { expectError, expectJson, expectNoContent as expectNoContentOn, hasLink } from './raw-expect';
import { APPLICATION_BODY, embeddedOf, href, pathOf, openRawFixture, ucwaRequest, type RawFixture, type RawSession } from './raw-ucwa';

let fixture: RawFixture;
let sim: Sim;
let s: RawSession;
let conn: RawConnection;
beforeEach(async () => {
  fixture = await openRawFixture();
  ({ sim, session: s, conn } = fixture);
});
afterEach(() => fixture.close());

const get = (path: string): Promise<RawResponse> => conn.exchange(ucwaRequest(s, 'GET', path));
const post = (path: string, body?: string): Promise<RawResponse> => conn.exchange(ucwaRequest(s, 'POST', path, body));
const expectNoContent = (res: RawResponse): void => expectNoContentOn(res, conn);
const makeMeAvailablePath = (): string => pathOf(href(embeddedOf(s.app, 'me'), 'makeMeAvailable'));

describe('the application as the server keeps it (one per EndpointId)', () => {
  it('answers a second POST with the same EndpointId 200 with the same self and state, before and after makeMeAvailable', async () => {
    const self = href(s.app, 'self');
    const again = expectJson(await post(s.applicationsPath, APPLICATION_BODY), 200);
    expect(href(again, 'self')).toBe(self);
    expect(again).toMatchObject({ userAgent: 'RawConformance/1.0', culture: 'en-US', rel: 'application' });
    expect(hasLink(embeddedOf(again, 'me'), 'makeMeAvailable')).toBe(true);
    expect(hasLink(embeddedOf(again, 'me'), 'presence')).toBe(false);

    expectNoContent(await post(pathOf(href(embeddedOf(again, 'me'), 'makeMeAvailable')), '{"SupportedModalities":["Messaging"]}'));

    const third = await post(s.applicationsPath, APPLICATION_BODY);
    const kept = expectJson(third, 200);
    expect(href(kept, 'self')).toBe(self);
    expect(href(kept, 'events')).toBe(href(s.app, 'events'));
    const me = embeddedOf(kept, 'me');
    expect(hasLink(me, 'presence')).toBe(true);
    expect(hasLink(me, 'makeMeAvailable')).toBe(false);
    expect(header(third, 'set-cookie')).toMatch(new RegExp(`^cwt_ucwa=[^;]+;.*path=${self}/photos`, 'i'));
    expect(arr((await sim.user())['applications'])).toHaveLength(1);
  });

  it('embeds me, people, communication and onlineMeetings, each answering its self link on the same socket', async () => {
    for (const rel of ['me', 'people', 'communication', 'onlineMeetings']) {
      const embedded = embeddedOf(s.app, rel);
      expect(embedded['rel'], rel).toBe(rel);
      const res = await get(pathOf(href(embedded, 'self')));
      expect(expectJson(res, 200)['rel'], rel).toBe(rel);
    }
    const meetings = embeddedOf(s.app, 'onlineMeetings');
    for (const rel of ['myOnlineMeetings', 'onlineMeetingPolicies', 'phoneDialInInformation']) {
      expect((await get(pathOf(href(meetings, rel)))).status, rel).toBe(200);
    }
    expect(conn.closed).toBe(false);
  });
});

describe('makeMeAvailable', () => {
  it.each([
    ['{}', '{}'],
    ['SupportedModalities', '{"SupportedModalities":["Messaging"]}'],
    ['signInAs', '{"signInAs":"Busy"}'],
    ['supportedMessageFormats', '{"supportedMessageFormats":["Plain","Html"]}'],
    ['phoneNumber', '{"phoneNumber":"+1 (425) 555-0199"}'],
  ])('accepts %s with 204, then links presence; a second call answers 409 AlreadyExists', async (_name, body) => {
    const path = makeMeAvailablePath();
    expectNoContent(await post(path, body));
    const app = expectJson(await get(pathOf(href(s.app, 'self'))), 200);
    expect(hasLink(embeddedOf(app, 'me'), 'presence')).toBe(true);
    expectError(await post(path, body), 409, 'Conflict', 'AlreadyExists');
  });

  it('publishes what the body said: signInAs on presence, formats on communication, the number in me/phones', async () => {
    expectNoContent(await post(makeMeAvailablePath(), '{"SupportedModalities":["Messaging"],"signInAs":"Busy","supportedMessageFormats":["Plain","Html"],"phoneNumber":"+1 (425) 555-0199"}'));
    const app = expectJson(await get(pathOf(href(s.app, 'self'))), 200);
    const me = embeddedOf(app, 'me');
    expect(expectJson(await get(pathOf(href(me, 'presence'))), 200)['availability']).toBe('Busy');
    const communication = expectJson(await get(pathOf(href(embeddedOf(app, 'communication'), 'self'))), 200);
    expect(communication).toMatchObject({ rel: 'communication', supportedModalities: ['Messaging'], supportedMessageFormats: ['Plain', 'Html'] });
    const phones = expectJson(await get(pathOf(href(me, 'phones'))), 200);
    const numbers = arr(obj(phones['_embedded'])['phone']).map((p) => str(obj(p)['number']));
    expect(numbers).toContain('tel:+14255550199');
  });
});

describe('reportMyActivity', () => {
  it('answers the application-level path (older builds) like me/reportMyActivity: 409 before makeMeAvailable, 204 after, no body', async () => {
    // Older builds document reportMyActivity directly below the application; it is not linked.
    const legacy = `${pathOf(href(s.app, 'self'))}/reportMyActivity`;
    expect(hasLink(embeddedOf(s.app, 'me'), 'reportMyActivity')).toBe(false);
    expectError(await post(legacy), 409, 'Conflict', 'MakeMeAvailableRequired');
    expectNoContent(await post(makeMeAvailablePath(), '{}'));
    const app = expectJson(await get(pathOf(href(s.app, 'self'))), 200);
    const linked = pathOf(href(embeddedOf(app, 'me'), 'reportMyActivity'));
    expectNoContent(await post(legacy));
    expectNoContent(await post(linked));
    expectNoContent(await post(legacy, '{}'));
  });
});

describe('the rest of me', () => {
  it('me/phones lists the address-book numbers as tel: URIs', async () => {
    const phones = expectJson(await get(pathOf(href(embeddedOf(s.app, 'me'), 'phones'))), 200);
    expect(phones['rel']).toBe('phones');
    const list = arr(obj(phones['_embedded'])['phone']).map((p) => [obj(p)['type'], obj(p)['number']]);
    expect(list).toEqual([['Work', 'tel:+14255550101'], ['Mobile', 'tel:+14255550191']]);
  });

  it('me/location: POST 204 then GET reads it back; a body-less POST clears it', async () => {
    expectNoContent(await post(makeMeAvailablePath(), '{}'));
    const app = expectJson(await get(pathOf(href(s.app, 'self'))), 200);
    const location = pathOf(href(embeddedOf(app, 'me'), 'location'));
    expectNoContent(await post(location, '{"location":"By the beach"}'));
    expect(expectJson(await get(location), 200)).toMatchObject({ rel: 'location', location: 'By the beach' });
    expectNoContent(await post(location));
    expect(expectJson(await get(location), 200)['location'] ?? '').toBe('');
    expectError(await post(location, JSON.stringify({ location: 'x'.repeat(61) })), 400, 'BadRequest');
  });

  it('me/callForwardingSettings links its settings and has no activeSetting while nothing forwards', async () => {
    const settings = expectJson(await get(pathOf(href(embeddedOf(s.app, 'me'), 'callForwardingSettings'))), 200);
    expect(settings['rel']).toBe('callForwardingSettings');
    expect(settings['activeSetting']).toBeUndefined();
    for (const rel of ['self', 'immediateForwardSettings', 'simultaneousRingSettings']) expect(hasLink(settings, rel), rel).toBe(true);
  });

  it('communication: the PUT guid property, modalities, formats and the conversation links', async () => {
    const communication = expectJson(await get(pathOf(href(embeddedOf(s.app, 'communication'), 'self'))), 200);
    expect(communication['rel']).toBe('communication');
    expect(Object.values(communication)).toContain('please pass this in a PUT request');
    expect(communication['supportedModalities']).toEqual([]);
    expect(communication['supportedMessageFormats']).toEqual(['Plain']);
    for (const rel of ['self', 'conversations', 'startMessaging', 'startOnlineMeeting', 'joinOnlineMeeting']) expect(hasLink(communication, rel), rel).toBe(true);
    const conversations = expectJson(await get(pathOf(href(communication, 'conversations'))), 200);
    expect(conversations['rel']).toBe('conversations');
    expect((conversations['_embedded'] as Record<string, unknown>)['conversation']).toEqual([]);
  });
});
