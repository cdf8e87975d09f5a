/**
 * me, makeMeAvailable, presence, note, location, reportMyActivity and idle transitions
 * (seed 000 "Set my presence information", ucwa-protocol.md §4, §11).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectUcwaError } from './support/errors';
import { EventReader, type FlatEvent } from './support/events';
import { withParams } from './support/http';
import { embedded, hasLink, link, linkRels, obj } from './support/json';
import type { Sim } from './support/sim';
import { startSignedIn } from './support/signed-in';
import { APP_BODY, type Session, type App } from './support/ucwa';

let sim: Sim;
let session: Session;
beforeEach(async () => {
  ({ sim, session } = await startSignedIn());
});
afterEach(async () => {
  await sim.stop();
});

const SETTABLE = ['Online', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offwork'];

async function availableApp(body?: unknown): Promise<App> {
  const app = await session.createApp();
  await app.makeAvailable(body);
  return app;
}

async function availability(app: App): Promise<unknown> {
  const reply = await session.get(app.meLink('presence'));
  expect(reply.status).toBe(200);
  return obj(reply.json)['availability'];
}

const isEvent = (sender: string, rel: string, type: string) => (e: FlatEvent) =>
  e.sender === sender && e.rel === rel && e.type === type;

/** The browser-sample headers seed 000 sends with every request; a faithful server accepts them. */
const SEED_HEADERS = {
  'X-Ms-Origin': 'http://app.contoso.com',
  'X-Requested-With': 'XMLHttpRequest',
  'Accept-Language': 'en-us',
  'Cache-Control': 'no-cache',
};

describe('seed 000: set my presence information', () => {
  it('makeMeAvailable 204 → GET application shows me.presence → POST presence 204 → presence updated event', async () => {
    const app = await session.createApp();
    const events = new EventReader(session, app.eventsUrl);

    const mma = await session.post(app.meLink('makeMeAvailable'), { SupportedModalities: ['Messaging'] }, { headers: SEED_HEADERS });
    expect(mma.status).toBe(204);
    expect(mma.text).toBe('');

    const got = await session.get(app.self, { headers: SEED_HEADERS });
    expect(got.status).toBe(200);
    expect(got.contentType).toMatch(/application\/json/);
    app.resource = got.json;
    expect(linkRels(app.me)).toEqual(
      expect.arrayContaining(['self', 'note', 'presence', 'location', 'reportMyActivity']),
    );
    expect(hasLink(app.me, 'makeMeAvailable')).toBe(false);

    await events.drain();
    const post = await session.post(app.meLink('presence'), { availability: 'Online' }, { headers: SEED_HEADERS });
    expect(post.status).toBe(204);
    expect(post.text).toBe('');
    // Publishing the value already shown still gets its confirming event ("An event will confirm…").
    const seen = await events.until(isEvent('me', 'presence', 'updated'));
    const event = seen.find(isEvent('me', 'presence', 'updated'));
    expect(event?.href).toBe(app.meLink('presence'));
  });
});

describe('makeMeAvailable', () => {
  it('announces communication updated, me updated and presence/note/location added on the channel', async () => {
    const app = await session.createApp();
    const events = new EventReader(session, app.eventsUrl);
    await app.makeAvailable();
    const seen = await events.until(isEvent('me', 'presence', 'added'));
    expect(seen.some(isEvent('communication', 'communication', 'updated'))).toBe(true);
    expect(seen.some(isEvent('me', 'me', 'updated'))).toBe(true);
    expect(seen.some(isEvent('me', 'note', 'added'))).toBe(true);
    expect(seen.some(isEvent('me', 'location', 'added'))).toBe(true);
    expect(seen.find(isEvent('me', 'presence', 'added'))?.href).toBe(app.meLink('presence'));
  });

  it('answers a second call with 409 AlreadyExists', async () => {
    const app = await session.createApp();
    const url = app.meLink('makeMeAvailable');
    expect((await session.post(url, { SupportedModalities: ['Messaging'] })).status).toBe(204);
    expectUcwaError(await session.post(url, { SupportedModalities: ['Messaging'] }), 409, 'Conflict', 'AlreadyExists');
  });

  it('rejects an unknown signInAs with 400', async () => {
    const app = await session.createApp();
    const reply = await session.post(app.meLink('makeMeAvailable'), { SupportedModalities: ['Messaging'], signInAs: 'Offline' });
    expectUcwaError(reply, 400, 'BadRequest');
  });

  it('accepts camelCase supportedModalities and publishes signInAs', async () => {
    const app = await availableApp({ supportedModalities: ['Messaging'], signInAs: 'Busy' });
    expect(await availability(app)).toBe('Busy');
  });

  it('makes the user visible to others: Offline before, Online after, in the control API', async () => {
    expect((await sim.user())['availability']).toBe('Offline');
    const app = await availableApp();
    expect((await sim.user())['availability']).toBe('Online');
    await session.delete(app.self);
    expect((await sim.user())['availability']).toBe('Offline');
  });

  it('rejects presence, note, location and reportMyActivity before makeMeAvailable with 409 MakeMeAvailableRequired', async () => {
    const ready = await availableApp();
    // The lurking app has no such links yet; derive its URLs from the ready app's hrefs (same resource, other app).
    const lurker = await session.createApp({ ...APP_BODY, EndpointId: 'b0b0b0b0-0000-4000-8000-000000000002' });
    for (const rel of ['presence', 'note', 'location', 'reportMyActivity']) {
      const url = lurker.sameResourceAs(ready.meLink(rel), ready.self);
      const body = rel === 'presence' ? { availability: 'Busy' } : rel === 'note' ? { message: 'x' } : rel === 'location' ? { location: 'x' } : undefined;
      expectUcwaError(await session.post(url, body), 409, 'Conflict', 'MakeMeAvailableRequired');
    }
  });
});

describe('me', () => {
  it('GET me answers rel me with name and uri', async () => {
    const app = await session.createApp();
    const reply = await session.get(app.meLink('self'));
    expect(reply.status).toBe(200);
    expect(obj(reply.json)).toMatchObject({ rel: 'me', name: 'Dana Birkby' });
    expect(String(obj(reply.json)['uri']).toLowerCase()).toBe('sip:dana@contoso.com');
    expect(hasLink(reply.json, 'makeMeAvailable')).toBe(true);
  });
});

describe('presence', () => {
  it('accepts the availability as a query parameter (§8.5)', async () => {
    const app = await availableApp();
    expect((await session.post(withParams(app.meLink('presence'), { availability: 'Busy' }))).status).toBe(204);
    expect(await availability(app)).toBe('Busy');
  });

  it.each(SETTABLE.filter((v) => v !== 'Offwork'))('publishes %s: POST 204, then GET reads it back', async (value) => {
    const app = await availableApp();
    const post = await session.post(app.meLink('presence'), { availability: value });
    expect(post.status).toBe(204);
    expect(await availability(app)).toBe(value);
    expect((await sim.user())['availability']).toBe(value);
  });

  it('accepts Offwork (how it reads back is unconfirmed)', async () => {
    const app = await availableApp();
    expect((await session.post(app.meLink('presence'), { availability: 'Offwork' })).status).toBe(204);
  });

  it('GET presence has the documented shape', async () => {
    const app = await availableApp();
    const reply = await session.get(app.meLink('presence'));
    expect(reply.status).toBe(200);
    const body = obj(reply.json);
    expect(body['rel']).toBe('presence');
    expect(hasLink(body, 'self')).toBe(true);
    expect(body['availability']).toBe('Online');
  });

  it('accepts PascalCase Availability', async () => {
    const app = await availableApp();
    expect((await session.post(app.meLink('presence'), { Availability: 'DoNotDisturb' })).status).toBe(204);
    expect(await availability(app)).toBe('DoNotDisturb');
  });

  it.each(['Offline', 'IdleOnline', 'IdleBusy', 'Available', 'Bogus'])('rejects %s with 400', async (value) => {
    const app = await availableApp();
    await session.post(app.meLink('presence'), { availability: 'Busy' });
    const reply = await session.post(app.meLink('presence'), { availability: value });
    expectUcwaError(reply, 400, 'BadRequest');
    expect(await availability(app)).toBe('Busy');
  });

  it('rejects a non-string availability with 400', async () => {
    const app = await availableApp();
    expectUcwaError(await session.post(app.meLink('presence'), { availability: 42 }), 400, 'BadRequest');
  });

  it('rejects a malformed JSON body with a 400 JSON error', async () => {
    const app = await availableApp();
    const reply = await session.send(app.meLink('presence'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"availability":',
    });
    expectUcwaError(reply, 400, 'BadRequest');
  });

  it('resets to automatic (Online for an active user) on an empty body', async () => {
    const app = await availableApp();
    await session.post(app.meLink('presence'), { availability: 'Busy' });
    const reply = await session.send(app.meLink('presence'), { method: 'POST', headers: { 'Content-Length': '0' } });
    expect(reply.status).toBe(204);
    expect(await availability(app)).toBe('Online');
  });

  it('resets on {} too', async () => {
    const app = await availableApp();
    await session.post(app.meLink('presence'), { availability: 'Away' });
    expect((await session.post(app.meLink('presence'), {})).status).toBe(204);
    expect(await availability(app)).toBe('Online');
  });
});

describe('note and location', () => {
  it('note: POST 204, GET {message, type Personal}, note updated event from me', async () => {
    const app = await availableApp();
    const events = new EventReader(session, app.eventsUrl);
    await events.drain();
    expect((await session.post(app.meLink('note'), { message: 'Heads down today' })).status).toBe(204);
    const got = await session.get(app.meLink('note'));
    expect(got.status).toBe(200);
    expect(obj(got.json)).toMatchObject({ message: 'Heads down today', type: 'Personal', rel: 'note' });
    await events.until(isEvent('me', 'note', 'updated'));
    expect((await sim.user())['note']).toBe('Heads down today');
  });

  it('note: accepts the message as a query parameter', async () => {
    const app = await availableApp();
    expect((await session.post(withParams(app.meLink('note'), { message: 'from query' }))).status).toBe(204);
    expect(obj((await session.get(app.meLink('note'))).json)['message']).toBe('from query');
  });

  it('location: POST 204, GET reads it back, location updated event from me', async () => {
    const app = await availableApp();
    const events = new EventReader(session, app.eventsUrl);
    await events.drain();
    expect((await session.post(app.meLink('location'), { location: 'By the beach' })).status).toBe(204);
    expect(obj((await session.get(app.meLink('location'))).json)).toMatchObject({ location: 'By the beach', rel: 'location' });
    await events.until(isEvent('me', 'location', 'updated'));
  });

  it('note: a blank message resets it', async () => {
    const app = await availableApp();
    await session.post(app.meLink('note'), { message: 'temporary' });
    expect((await session.post(app.meLink('note'), { message: '' })).status).toBe(204);
    expect(obj((await session.get(app.meLink('note'))).json)['message'] ?? '').toBe('');
  });

  it('location: an empty body clears it', async () => {
    const app = await availableApp();
    await session.post(app.meLink('location'), { location: 'Lab 3' });
    expect((await session.post(app.meLink('location'))).status).toBe(204);
    expect(obj((await session.get(app.meLink('location'))).json)['location'] ?? '').toBe('');
  });

  it('location: rejects more than 60 characters with 400', async () => {
    const app = await availableApp();
    expectUcwaError(await session.post(app.meLink('location'), { location: 'x'.repeat(61) }), 400, 'BadRequest');
  });
});

describe('reportMyActivity and idle transitions', () => {
  beforeEach(async () => {
    await sim.patchConfig({ inactiveTimeoutSeconds: 60, awayTimeoutSeconds: 120, appReapSeconds: 36_000 });
  });

  it('expires an available application that stops reporting activity → 410 InactiveApplicationExpired (⚙ §3.3)', async () => {
    await sim.patchConfig({ activityExpirySeconds: 1200 });
    const lurker = await session.createApp({ ...APP_BODY, EndpointId: 'd0d0d0d0-0000-4000-8000-000000000004' });
    const app = await availableApp();
    await sim.advance(1100);
    expect((await session.post(app.meLink('reportMyActivity'))).status).toBe(204);
    await sim.advance(1100);
    expect((await session.get(app.self)).status).toBe(200);
    await sim.advance(200);
    expectUcwaError(await session.get(app.self), 410, 'Gone', 'InactiveApplicationExpired');
    // Only after makeMeAvailable: the lurking application is unaffected.
    expect((await session.get(lurker.self)).status).toBe(200);
  });

  it('answers an empty POST with 204', async () => {
    const app = await availableApp();
    const reply = await session.send(app.meLink('reportMyActivity'), { method: 'POST', headers: { 'Content-Length': '0' } });
    expect(reply.status).toBe(204);
  });

  it('Online → IdleOnline → Away without activity; reportMyActivity brings it back to Online', async () => {
    const app = await availableApp();
    await sim.advance(61);
    expect(await availability(app)).toBe('IdleOnline');
    await sim.advance(200);
    expect(await availability(app)).toBe('Away');
    expect((await sim.user())['availability']).toBe('Away');
    expect((await session.post(app.meLink('reportMyActivity'))).status).toBe(204);
    expect(await availability(app)).toBe('Online');
  });

  it('Busy → IdleBusy without activity', async () => {
    const app = await availableApp();
    await session.post(app.meLink('presence'), { availability: 'Busy' });
    await sim.advance(61);
    expect(await availability(app)).toBe('IdleBusy');
    await session.post(app.meLink('reportMyActivity'));
    expect(await availability(app)).toBe('Busy');
  });

  it('stays Online while activity is reported in time', async () => {
    const app = await availableApp();
    for (let i = 0; i < 4; i += 1) {
      await sim.advance(50);
      expect((await session.post(app.meLink('reportMyActivity'))).status).toBe(204);
    }
    expect(await availability(app)).toBe('Online');
  });

  it('announces idle transitions as presence updated events from me', async () => {
    const app = await availableApp();
    const events = new EventReader(session, app.eventsUrl);
    // makeMeAvailable's own (medium) events come out after their 5 s window.
    const first = await events.read([6]);
    expect(first.some(isEvent('me', 'presence', 'added'))).toBe(true);
    expect(first.some(isEvent('me', 'presence', 'updated'))).toBe(false);
    // Park again, cross the 60 s inactivity limit, then the medium window.
    const idle = await events.read([60, 6, 6]);
    expect(idle.some(isEvent('me', 'presence', 'updated'))).toBe(true);
    expect(await availability(app)).toBe('IdleOnline');
  });
});

describe('makeMeAvailable: every documented body', () => {
  it.each([
    ['{}', {}],
    ['SupportedModalities only (seed 000)', { SupportedModalities: ['Messaging'] }],
    ['signInAs', { signInAs: 'Busy' }],
    ['supportedMessageFormats', { supportedMessageFormats: ['Plain', 'Html'] }],
    ['phoneNumber', { phoneNumber: '+1 (425) 555-0199' }],
    ['audioPreference', { audioPreference: 'PhoneAudio' }],
    ['everything at once', { SupportedModalities: ['Messaging', 'PhoneAudio'], signInAs: 'Online', supportedMessageFormats: ['Plain'], phoneNumber: 'tel:+14255550199', audioPreference: 'VoipAudio', inactiveTimeout: 10 }],
  ])('answers %s with 204 and then links presence', async (_name, body) => {
    const app = await session.createApp();
    const reply = await session.post(app.meLink('makeMeAvailable'), body);
    expect(reply.status, reply.text).toBe(204);
    await app.refresh();
    expect(hasLink(app.me, 'presence')).toBe(true);
  });

  it('answers 409 AlreadyExists only for a second call, whatever its body', async () => {
    const app = await session.createApp();
    const href = app.meLink('makeMeAvailable');
    expect((await session.post(href, { supportedMessageFormats: ['Html'] })).status).toBe(204);
    expectUcwaError(await session.post(href, {}), 409, 'Conflict', 'AlreadyExists');
    expectUcwaError(await session.post(href, { signInAs: 'Busy' }), 409, 'Conflict', 'AlreadyExists');
  });

  it('shows supportedMessageFormats and SupportedModalities on the communication resource afterwards', async () => {
    const app = await availableApp({ SupportedModalities: ['Messaging'], supportedMessageFormats: ['Plain', 'Html'] });
    const communication = await session.get(link(embedded(app.resource, 'communication'), 'self', app.baseUrl));
    expect(communication.status).toBe(200);
    expect(obj(communication.json)['supportedMessageFormats']).toEqual(['Plain', 'Html']);
    expect(obj(communication.json)['supportedModalities']).toEqual(['Messaging']);
  });

  it('rejects an unknown message format with 400', async () => {
    const app = await session.createApp();
    expectUcwaError(await session.post(app.meLink('makeMeAvailable'), { supportedMessageFormats: ['Rtf'] }), 400, 'BadRequest', 'ParameterValidationFailure');
  });

  it('rejects a phoneNumber that is no number with 400', async () => {
    const app = await session.createApp();
    expectUcwaError(await session.post(app.meLink('makeMeAvailable'), { phoneNumber: 'call me maybe' }), 400, 'BadRequest', 'ParameterValidationFailure');
  });

  it('lists the phoneNumber it was given, normalised to tel:, in me/phones', async () => {
    const app = await availableApp({ SupportedModalities: ['Messaging'], phoneNumber: '+1 (425) 555-0199' });
    const phones = await session.get(app.meLink('phones'));
    expect(phones.status).toBe(200);
    expect(JSON.stringify(phones.json)).toContain('"number":"tel:+14255550199"');
  });
});

describe('older-build paths and the rest of me', () => {
  it('answers POST <application>/reportMyActivity like me/reportMyActivity (409 before, 204 after makeMeAvailable)', async () => {
    const app = await session.createApp();
    const legacy = `${app.self}/reportMyActivity`;
    expectUcwaError(await session.post(legacy), 409, 'Conflict', 'MakeMeAvailableRequired');
    await app.makeAvailable();
    expect((await session.post(legacy)).status).toBe(204);
  });

  it('brings an idle endpoint back to Online through the older path too', async () => {
    const app = await availableApp();
    await sim.advance(301);
    expect(await availability(app)).toBe('IdleOnline');
    expect((await session.post(`${app.self}/reportMyActivity`)).status).toBe(204);
    expect(await availability(app)).toBe('Online');
  });

  it('me/phones lists the work and mobile numbers of the address book as tel: URIs', async () => {
    const app = await session.createApp();
    const phones = obj((await session.get(app.meLink('phones'))).json);
    expect(phones['rel']).toBe('phones');
    const list = obj(phones['_embedded'])['phone'];
    expect(Array.isArray(list)).toBe(true);
    const numbers = (list as unknown[]).map((p) => [obj(p)['type'], obj(p)['number']]);
    expect(numbers).toEqual([['Work', 'tel:+14255550101'], ['Mobile', 'tel:+14255550191']]);
  });

  it('me/callForwardingSettings answers with its settings links and no activeSetting while nothing forwards', async () => {
    const app = await session.createApp();
    const settings = await session.get(app.meLink('callForwardingSettings'));
    expect(settings.status).toBe(200);
    expect(obj(settings.json)['rel']).toBe('callForwardingSettings');
    expect(obj(settings.json)['activeSetting']).toBeUndefined();
    expect(linkRels(settings.json)).toEqual(expect.arrayContaining(['self', 'immediateForwardSettings', 'simultaneousRingSettings']));
  });

  it('me carries the address-book profile (email, title, department, office, phones)', async () => {
    const app = await session.createApp();
    const me = obj(app.me);
    expect(me['emailAddresses']).toEqual(['dana@contoso.com']);
    expect(me['title']).toBe('Program Manager');
    expect(me['department']).toBe('Engineering');
    expect(me['officeLocation']).toBe('Building 4, 2/117');
    expect(me['workPhoneNumber']).toBe('tel:+14255550101');
  });
});

describe('communication at sign-in (event sample of EventChannelDetails)', () => {
  it('sends communication updated first, with the communication resource embedded as it now is', async () => {
    const app = await session.createApp();
    const events = new EventReader(session, app.eventsUrl);
    await app.makeAvailable({ SupportedModalities: ['Messaging'], supportedMessageFormats: ['Plain', 'Html'] });
    const seen = await events.until(isEvent('me', 'presence', 'added'));
    const order = seen.map((e) => `${e.sender}:${e.rel}:${e.type}`);
    expect(order.slice(0, 5)).toEqual(['communication:communication:updated', 'me:me:updated', 'me:presence:added', 'me:note:added', 'me:location:added']);
    const communication = obj(seen[0]?.embedded?.['communication']);
    expect(communication['supportedModalities']).toEqual(['Messaging']);
    expect(communication['supportedMessageFormats']).toEqual(['Plain', 'Html']);
    expect(seen[0]?.href).toBe(link(embedded(app.resource, 'communication'), 'self', app.baseUrl));
  });
});
