/**
 * The two Microsoft pages of the reference replayed request by request over one raw socket each,
 * with their exact header lines (order, spelling, values), only host, token and ids replaced:
 * seed 000 "Set my presence information" and seed 002 "myContactsAndGroupsSubscription".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { arr, obj, str } from '../support/json';
import { Sim } from '../support/sim';
import { decodedJson, decodedText, header, lengthOf, RawConnection, requestBytes, type RawResponse } from './raw-client';
import { embeddedOf, href, pathOf, openRawFixture, type RawFixture, type RawSession } from './raw-ucwa';
import { parseXml } from '../../../simulator/xml';

let fixture: RawFixture;
let sim: Sim;
let s: RawSession;
let conn: RawConnection;
beforeEach(async () => {
  fixture = await openRawFixture({ mediumWindowSeconds: 0 });
  ({ sim, session: s, conn } = fixture);
});
afterEach(() => fixture.close());

type Headers = readonly (readonly [string, string])[];

/** Follows `next` from `eventsPath` until an event matches (each answer is already released: the medium window is 0). */
async function eventsUntil(eventsPath: string, found: (sender: string, rel: string, type: string) => boolean, accept = 'application/json'): Promise<void> {
  let path = eventsPath;
  for (let i = 0; i < 6; i++) {
    const res = await conn.exchange(requestBytes('GET', path, [['Host', s.host], ['Accept', accept], ['Authorization', s.authorization]]));
    expect(res.status).toBe(200);
    const page = obj(decodedJson(res));
    for (const sender of arr(page['sender'] ?? [])) {
      for (const event of arr(obj(sender)['events'])) {
        const link = obj(obj(event)['link']);
        if (found(str(obj(sender)['rel']), str(link['rel']), str(obj(event)['type']))) return;
      }
    }
    path = pathOf(href(page, 'next'));
  }
  throw new Error('event not seen');
}

describe('seed 000: set my presence information, replayed over one keep-alive connection', () => {
  it('makeMeAvailable 204 → GET application (gzip, as asked) → POST presence 204 → presence updated event', async () => {
    const origin = `http://${s.host}`;
    const me = embeddedOf(s.app, 'me');
    const browser = (userAgent: string, extra: Headers = []): Headers => [
      ['X-Ms-Origin', 'http://app.contoso.com'],
      ['X-Requested-With', 'XMLHttpRequest'],
      ['Referer', `${origin}/Autodiscover/XFrame/XFrame.html`],
      ['Accept-Language', 'en-us'],
      ['Accept-Encoding', 'gzip, deflate'],
      ['User-Agent', userAgent],
      ['Host', s.host],
      ...extra,
    ];

    // 1. The page's request line is absolute-form (as captured through a proxy); so is ours.
    //    Its Content-Length says 37 for a 38-byte body; we send the real length.
    const mmaBody = '{"SupportedModalities": ["Messaging"]}';
    const mma = await conn.exchange(
      requestBytes('POST', `${origin}${pathOf(href(me, 'makeMeAvailable'))}`, [
        ['Accept', 'application/json'],
        ['Content-Type', 'application/json'],
        ['Authorization', s.authorization],
        ...browser('Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0)', [
          ['Content-Length', lengthOf(mmaBody)],
          ['Connection', 'Keep-Alive'],
          ['Cache-Control', 'no-cache'],
        ]),
      ], mmaBody),
    );
    // 2. "204 No content": Connection: Keep-Alive, Cache-Control: no-cache, no body.
    expect(mma.status).toBe(204);
    expect(header(mma, 'connection')?.toLowerCase()).toBe('keep-alive');
    expect(header(mma, 'cache-control')).toBe('no-cache');
    expect(mma.body.length).toBe(0);
    expect(header(mma, 'content-encoding')).toBeUndefined();

    // 3. GET the application.
    const appPath = pathOf(href(s.app, 'self'));
    const got = await conn.exchange(
      requestBytes('GET', `${origin}${appPath}`, [
        ['Authorization', s.authorization],
        ['Accept', 'application/json'],
        ...browser('Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0)', [['Connection', 'Keep-Alive']]),
      ]),
    );
    // 4. 200, Content-Type: application/json; charset=utf-8, Cache-Control: no-cache — compressed, since the client asked.
    expect(got.status).toBe(200);
    expect(header(got, 'content-type')).toBe('application/json; charset=utf-8');
    expect(header(got, 'cache-control')).toBe('no-cache');
    expect(header(got, 'connection')?.toLowerCase()).toBe('keep-alive');
    expect(header(got, 'content-encoding')).toBe('gzip');
    expect(Number(header(got, 'content-length'))).toBe(got.body.length);
    const app = obj(decodedJson(got));
    expect(app).toMatchObject({ culture: 'en-US', userAgent: 'RawConformance/1.0', rel: 'application' });
    for (const rel of ['self', 'policies', 'batch', 'events']) expect(href(app, rel), rel).toMatch(/^\/ucwa\/oauth\/v1\/applications\/\d+/);
    const meNow = embeddedOf(app, 'me');
    expect(meNow).toMatchObject({ name: 'Dana Birkby', uri: 'sip:dana@contoso.com', rel: 'me' });
    expect(arr(meNow['emailAddresses']).length).toBeGreaterThan(0);
    for (const rel of ['self', 'note', 'presence', 'location', 'reportMyActivity']) expect(href(meNow, rel), rel).toMatch(new RegExp(`^${appPath}/`));
    for (const rel of ['people', 'onlineMeetings', 'communication']) expect(embeddedOf(app, rel)['rel']).toBe(rel);

    // 5. POST presence, with that page's second browser's headers (DNT, MSIE 7 user agent).
    const presenceBody = '{"availability":"Online"}';
    expect(lengthOf(presenceBody)).toBe('25'); // the page's Content-Length
    const presence = await conn.exchange(
      requestBytes('POST', `${origin}${pathOf(href(meNow, 'presence'))}`, [
        ['Accept', 'application/json'],
        ['Content-Type', 'application/json'],
        ['Authorization', s.authorization],
        ['X-Ms-Origin', 'http://myServer'],
        ['X-Requested-With', 'XMLHttpRequest'],
        ['Referer', `${origin}/Autodiscover/XFrame/XFrame.html`],
        ['Accept-Language', 'en-US'],
        ['Accept-Encoding', 'gzip, deflate'],
        ['User-Agent', 'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.2; Trident/6.0; .NET4.0E; .NET4.0C; .NET CLR 3.5.30729; .NET CLR 2.0.50727; .NET CLR 3.0.30729; InfoPath.3)'],
        ['Host', s.host],
        ['Content-Length', lengthOf(presenceBody)],
        ['DNT', '1'],
        ['Connection', 'Keep-Alive'],
        ['Cache-Control', 'no-cache'],
      ], presenceBody),
    );
    // 6. 204 No Content; "an event will confirm" the publication.
    expect(presence.status).toBe(204);
    expect(presence.body.length).toBe(0);
    await eventsUntil(pathOf(href(app, 'events')), (sender, rel, type) => sender === 'me' && rel === 'presence' && type === 'updated');
    expect(conn.closed).toBe(false);
  });
});

/** Seed 002, "XML Response" body, with `{self}` and `{state}` for what differs per server. */
const SEED_002_XML = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<resource rel="myContactsAndGroupsSubscription" href="{self}" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">',
  '  <link rel="startOrRefreshSubscriptionToContactsAndGroups" href="{self}/startOrRefreshSubscriptionToContactsAndGroups" />',
  '  <link rel="stopSubscriptionToContactsAndGroups" href="{self}/stopSubscriptionToContactsAndGroups" />',
  '  <property name="rel">myContactsAndGroupsSubscription</property>',
  '  <property name="state">{state}</property>',
  '</resource>',
  '',
].join('\n');

describe('seed 002: myContactsAndGroupsSubscription, replayed', () => {
  // The page writes the method as `Get`; methods are case-sensitive (RFC 9110 §9.1) and Node's
  // parser refuses `Get`, so the replay sends `GET`.
  const request = (path: string, accept: string): Buffer =>
    requestBytes('GET', path, [['Authorization', s.authorization], ['Host', s.host], ['Accept', accept]]);

  async function subscriptionPath(): Promise<string> {
    const people = await conn.exchange(request(pathOf(href(embeddedOf(s.app, 'people'), 'self')), 'application/json'));
    return pathOf(href(decodedJson(people), 'myContactsAndGroupsSubscription'));
  }

  it('JSON request → JSON response: rel, state and the two links', async () => {
    const self = await subscriptionPath();
    const res = await conn.exchange(request(self, 'application/json'));
    expect(res.status).toBe(200);
    expect(header(res, 'content-type')).toMatch(/^application\/json/);
    expect(Number(header(res, 'content-length'))).toBe(res.body.length);
    const body = obj(decodedJson(res));
    expect(body['rel']).toBe('myContactsAndGroupsSubscription');
    expect(['Connecting', 'Connected', 'Disconnecting', 'Disconnected']).toContain(body['state']);
    expect(href(body, 'self')).toBe(self);
    expect(href(body, 'startOrRefreshSubscriptionToContactsAndGroups')).toBe(`${self}/startOrRefreshSubscriptionToContactsAndGroups`);
    expect(href(body, 'stopSubscriptionToContactsAndGroups')).toBe(`${self}/stopSubscriptionToContactsAndGroups`);
  });

  it('XML request → the XML response of the page, element for element', async () => {
    const self = await subscriptionPath();
    const json = obj(decodedJson(await conn.exchange(request(self, 'application/json'))));
    const res = await conn.exchange(request(self, 'application/xml'));
    expect(res.status).toBe(200);
    expect(header(res, 'content-type')).toBe('application/xml');
    expect(Number(header(res, 'content-length'))).toBe(res.body.length);
    expect(decodedText(res)).toBe(SEED_002_XML.replaceAll('{self}', self).replace('{state}', str(json['state'])));
  });

  it('the documented updated event (sender people) arrives before expiry, as an XML <updated> in <sender rel="people">', async () => {
    const self = await subscriptionPath();
    const start = await conn.exchange(
      requestBytes('POST', `${self}/startOrRefreshSubscriptionToContactsAndGroups?duration=10`, [['Authorization', s.authorization], ['Host', s.host], ['Accept', 'application/xml'], ['Content-Length', '0']]),
    );
    expect(start.status).toBe(201);
    expect(decodedText(start)).toBe(SEED_002_XML.replaceAll('{self}', self).replace('{state}', 'Connected').replace('</resource>', '  <property name="duration">10</property>\n</resource>'));
    await sim.advance(10 * 60 - 180 + 1);
    const eventsPath = pathOf(href(s.app, 'events'));
    const res: RawResponse = await conn.exchange(request(eventsPath, 'application/xml'));
    expect(header(res, 'content-type')).toBe('application/xml');
    const page = parseXml(decodedText(res));
    const people = page.children.find((c) => c.name === 'sender' && c.attrs['rel'] === 'people');
    expect(people?.attrs['href']).toBe(pathOf(href(embeddedOf(s.app, 'people'), 'self')));
    const updated = people?.children.find((e) => e.name === 'updated' && e.attrs['rel'] === 'myContactsAndGroupsSubscription');
    expect(updated?.attrs['href']).toBe(self);
  });
});
