/**
 * Application resource (ucwa-protocol.md §3, §8): create with either property casing, validation
 * errors, GET/DELETE, the per-user limit, and JSON errors for bad input and unknown paths.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectUcwaError } from './support/errors';
import { EventReader } from './support/events';
import { send } from './support/http';
import { embedded, hasLink, linkRels, mentions, obj } from './support/json';
import type { Sim } from './support/sim';
import { startSignedIn } from './support/signed-in';
import { APP_BODY, type Session } from './support/ucwa';

let sim: Sim;
let session: Session;
beforeEach(async () => {
  ({ sim, session } = await startSignedIn());
});
afterEach(async () => {
  await sim.stop();
});

describe('create application', () => {
  it('answers 201 with self/policies/batch/events links and embedded me, people, communication (PascalCase body)', async () => {
    const reply = await session.post(session.applicationsUrl, APP_BODY);
    expect(reply.status).toBe(201);
    expect(reply.contentType).toMatch(/application\/json/);
    const app = obj(reply.json);
    expect(app['rel']).toBe('application');
    expect(app['culture']).toBe('en-US');
    expect(app['userAgent']).toBe(APP_BODY.UserAgent);
    for (const rel of ['self', 'policies', 'batch', 'events']) expect(hasLink(app, rel), rel).toBe(true);

    const self = new URL(String(obj(obj(app['_links'])['self'])['href']), reply.url);
    expect(self.pathname).toMatch(/^\/ucwa\/oauth\/v1\/applications\/\d{11,12}$/);
    const events = new URL(String(obj(obj(app['_links'])['events'])['href']), reply.url);
    expect(events.searchParams.get('ack')).toBe('1');

    const me = obj(embedded(app, 'me'));
    expect(String(me['uri']).toLowerCase()).toBe('sip:dana@contoso.com');
    expect(me['name']).toBe('Dana Birkby');
    // Before makeMeAvailable (realistic capture): no presence/note/location/reportMyActivity yet.
    expect(linkRels(me)).toEqual(expect.arrayContaining(['self', 'makeMeAvailable']));
    for (const rel of ['presence', 'note', 'location', 'reportMyActivity']) expect(hasLink(me, rel), rel).toBe(false);

    const people = embedded(app, 'people');
    for (const rel of [
      'self', 'presenceSubscriptions', 'subscribedContacts', 'presenceSubscriptionMemberships', 'myGroups',
      'myGroupMemberships', 'myContacts', 'myPrivacyRelationships', 'myContactsAndGroupsSubscription', 'search',
    ]) {
      expect(hasLink(people, rel), rel).toBe(true);
    }
    expect(hasLink(embedded(app, 'communication'), 'self')).toBe(true);
  });

  it('accepts camelCase property names too', async () => {
    const reply = await session.post(session.applicationsUrl, {
      userAgent: 'camel/1.0',
      endpointId: '0b7d3a52-1111-4c7e-9c7a-0a0a0a0a0a0a',
      culture: 'en-GB',
    });
    expect(reply.status).toBe(201);
    expect(obj(reply.json)['userAgent']).toBe('camel/1.0');
    expect(obj(reply.json)['culture']).toBe('en-GB');
  });

  it('rejects a missing required field with 400 ParameterValidationFailure naming it in parameters', async () => {
    const reply = await session.post(session.applicationsUrl, { UserAgent: 'x', EndpointId: 'y' });
    const body = expectUcwaError(reply, 400, 'BadRequest', 'ParameterValidationFailure');
    expect(body['parameters']).toBeDefined();
    expect(mentions(body['parameters'], 'culture')).toBe(true);
  });

  it('rejects an empty object, naming missing fields (all or the first: the reference does not say)', async () => {
    const reply = await session.post(session.applicationsUrl, {});
    const body = expectUcwaError(reply, 400, 'BadRequest', 'ParameterValidationFailure');
    expect(['userAgent', 'endpointId', 'culture'].some((field) => mentions(body['parameters'], field))).toBe(true);
  });

  it('rejects fields longer than 100 characters', async () => {
    const reply = await session.post(session.applicationsUrl, { ...APP_BODY, UserAgent: 'u'.repeat(101) });
    const body = expectUcwaError(reply, 400, 'BadRequest', 'ParameterValidationFailure');
    expect(mentions(body['parameters'], 'userAgent')).toBe(true);
  });

  it('answers a malformed JSON body with a 400 JSON error', async () => {
    const reply = await session.send(session.applicationsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"UserAgent": "x", ',
    });
    expectUcwaError(reply, 400, 'BadRequest');
  });

  it('enforces the per-user application limit with 410 TooManyApplications', async () => {
    await sim.patchConfig({ maxApplicationsPerUser: 2 });
    await session.createApp({ ...APP_BODY, EndpointId: 'e1' });
    await session.createApp({ ...APP_BODY, EndpointId: 'e2' });
    const third = await session.post(session.applicationsUrl, { ...APP_BODY, EndpointId: 'e3' });
    expectUcwaError(third, 410, 'Gone', 'TooManyApplications');
  });
});

describe('resource conventions', () => {
  it('uses relative hrefs under /ucwa/oauth/v1/applications/<id> (realistic layout)', async () => {
    const reply = await session.post(session.applicationsUrl, APP_BODY);
    const self = String(obj(obj(obj(reply.json)['_links'])['self'])['href']);
    expect(self).toMatch(/^\/ucwa\/oauth\/v1\/applications\/\d{11,12}$/);
    const me = String(obj(obj(obj(embedded(reply.json, 'me'))['_links'])['self'])['href']);
    expect(me.startsWith(`${self}/`)).toBe(true);
  });

  it('answers a POST whose body is not JSON with 415', async () => {
    const reply = await session.send(session.applicationsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'UserAgent=x',
    });
    expectUcwaError(reply, 415, 'UnsupportedMediaType');
  });

  it('answers an unsupported method on a resource with 405', async () => {
    const app = await session.createApp();
    expectUcwaError(await session.send(app.meLink('self'), { method: 'DELETE' }), 405, 'MethodNotAllowed');
  });
});

describe('application GET and DELETE', () => {
  it('GET self returns the same application', async () => {
    const app = await session.createApp();
    const reply = await session.get(app.self);
    expect(reply.status).toBe(200);
    expect(obj(reply.json)['rel']).toBe('application');
    expect(new URL(String(obj(obj(obj(reply.json)['_links'])['self'])['href']), reply.url).toString()).toBe(app.self);
  });

  it('DELETE self answers 204; the application is then gone (404 ApplicationNotFound, events too)', async () => {
    const app = await session.createApp();
    const del = await session.delete(app.self);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expectUcwaError(await session.get(app.self), 404, 'NotFound', 'ApplicationNotFound');
    expectUcwaError(await session.get(app.eventsUrl), 404, 'NotFound', 'ApplicationNotFound');
    expectUcwaError(await session.get(app.meLink('self')), 404, 'NotFound', 'ApplicationNotFound');
  });

  it('shows the application in the control API until it is deleted', async () => {
    const app = await session.createApp();
    const id = new URL(app.self).pathname.split('/').pop();
    const before = (await sim.user())['applications'];
    expect(JSON.stringify(before)).toContain(String(id));
    await session.delete(app.self);
    const after = (await sim.user())['applications'];
    expect(JSON.stringify(after)).not.toContain(String(id));
  });
});

describe('unknown paths', () => {
  it('answers unknown UCWA paths with a 404 JSON error', async () => {
    const app = await session.createApp();
    const reply = await session.get(new URL('no-such-resource', `${app.self}/`).toString());
    expectUcwaError(reply, 404, 'NotFound');
  });

  it('answers unknown application ids with 404 ApplicationNotFound', async () => {
    const app = await session.createApp();
    const bogus = new URL(app.self);
    bogus.pathname = bogus.pathname.replace(/\d+$/, '999999999999');
    expectUcwaError(await session.get(bogus.toString()), 404, 'NotFound', 'ApplicationNotFound');
  });

  it('answers paths outside UCWA with a 404 JSON error', async () => {
    const reply = await send(`${sim.origin}/definitely/not/here`);
    expect(reply.status).toBe(404);
    expect(reply.contentType).toMatch(/application\/json/);
    expect(typeof obj(reply.json)['code']).toBe('string');
  });
});

describe('the application as the server keeps it (EndpointId)', () => {
  it('answers a second POST with the same EndpointId with 200 and the same application', async () => {
    const first = await session.post(session.applicationsUrl, APP_BODY);
    expect(first.status).toBe(201);
    const again = await session.post(session.applicationsUrl, APP_BODY);
    expect(again.status).toBe(200);
    const selfOf = (reply: typeof first): string => new URL(String(obj(obj(obj(reply.json)['_links'])['self'])['href']), reply.url).toString();
    expect(selfOf(again)).toBe(selfOf(first));
    expect((await sim.user())['applications']).toHaveLength(1);
  });

  it('hands back the application in its state: after makeMeAvailable, me links presence and no makeMeAvailable', async () => {
    const app = await session.createApp();
    await app.makeAvailable();
    const again = await session.post(session.applicationsUrl, APP_BODY);
    expect(again.status).toBe(200);
    const me = embedded(again.json, 'me');
    expect(hasLink(me, 'presence')).toBe(true);
    expect(hasLink(me, 'makeMeAvailable')).toBe(false);
  });

  it('hands back a lurking application still offering makeMeAvailable, which then answers 204 once', async () => {
    await session.createApp();
    const again = await session.post(session.applicationsUrl, APP_BODY);
    expect(again.status).toBe(200);
    const me = embedded(again.json, 'me');
    expect(hasLink(me, 'makeMeAvailable')).toBe(true);
    const href = new URL(String(obj(obj(obj(me)['_links'])['makeMeAvailable'])['href']), again.url).toString();
    expect((await session.post(href, {})).status).toBe(204);
    expectUcwaError(await session.post(href, {}), 409, 'Conflict', 'AlreadyExists');
  });

  it('keeps the event channel: events raised before the second POST arrive on its events link', async () => {
    const app = await session.createApp();
    await app.makeAvailable();
    const again = await session.post(session.applicationsUrl, APP_BODY);
    const events = new URL(String(obj(obj(obj(again.json)['_links'])['events'])['href']), again.url).toString();
    const seen = await new EventReader(session, events).read();
    expect(seen.some((e) => e.sender === 'me' && e.rel === 'presence' && e.type === 'added')).toBe(true);
  });

  it('creates a second application (201, another self) for another EndpointId', async () => {
    const first = await session.createApp();
    const second = await session.createApp({ ...APP_BODY, EndpointId: 'f00dbabe-0000-4000-8000-00000000000a' });
    expect(second.self).not.toBe(first.self);
    expect((await sim.user())['applications']).toHaveLength(2);
  });

  it('creates a new application for the EndpointId once the old one was deleted', async () => {
    const first = await session.createApp();
    await session.delete(first.self);
    const again = await session.post(session.applicationsUrl, APP_BODY);
    expect(again.status).toBe(201);
  });
});

describe('what the application embeds and sets', () => {
  it('sets the cwt_ucwa cookie for its photos path on POST and on GET (seed 000)', async () => {
    const created = await session.post(session.applicationsUrl, APP_BODY);
    const self = new URL(String(obj(obj(obj(created.json)['_links'])['self'])['href']), created.url);
    for (const reply of [created, await session.get(self.toString())]) {
      const cookie = reply.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^cwt_ucwa=[^;]+;/);
      expect(cookie).toContain(`path=${self.pathname}/photos`);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(session.token).toBe(`cwt=${/^cwt_ucwa=([^;]+)/.exec(cookie)?.[1] ?? ''}`);
    }
  });

  it('embeds me, people, communication and onlineMeetings, each with self; every onlineMeetings link answers 200', async () => {
    const app = await session.createApp();
    for (const rel of ['me', 'people', 'communication', 'onlineMeetings']) {
      expect(obj(embedded(app.resource, rel))['rel'], rel).toBe(rel);
      expect(hasLink(embedded(app.resource, rel), 'self'), rel).toBe(true);
    }
    const meetings = embedded(app.resource, 'onlineMeetings');
    expect(linkRels(meetings)).toEqual(expect.arrayContaining(['myOnlineMeetings', 'onlineMeetingPolicies', 'phoneDialInInformation']));
    for (const rel of linkRels(meetings)) {
      const reply = await session.get(new URL(String(obj(obj(obj(meetings)['_links'])[rel])['href']), app.baseUrl).toString());
      expect(reply.status, rel).toBe(200);
    }
  });

  it('embeds communication with the PUT guid property, supportedModalities and supportedMessageFormats', async () => {
    const app = await session.createApp();
    const communication = obj(embedded(app.resource, 'communication'));
    expect(Object.values(communication)).toContain('please pass this in a PUT request');
    expect(communication['supportedModalities']).toEqual([]);
    expect(communication['supportedMessageFormats']).toEqual(['Plain']);
    for (const rel of ['conversations', 'startMessaging', 'startOnlineMeeting', 'joinOnlineMeeting']) expect(hasLink(communication, rel), rel).toBe(true);
  });
});
