/**
 * HTTP/1.1 as IIS serves UCWA, spoken byte for byte over `node:net`: origin-form targets with
 * repeated slashes, case and percent-encoding; odd header spellings; gzip/deflate; empty POSTs;
 * keep-alive, pipelining, HEAD, `Expect: 100-continue`; XML in and out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { arr, obj, str } from '../support/json';
import { Sim } from '../support/sim';
import { decodedJson, decodedText, header, lengthOf, RawConnection, requestBytes, type RawResponse } from './raw-client';
import { embeddedOf, href, once, pathOf, openRawFixture, type RawFixture, type RawSession } from './raw-ucwa';
import { parseXml, type XmlNode } from '../../../simulator/xml';

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
const appPath = (): string => pathOf(href(s.app, 'self'));
const meLink = (rel: string): string => pathOf(href(embeddedOf(s.app, 'me'), rel));
const base = (): Headers => [['Host', s.host], ['Accept', 'application/json'], ['Authorization', s.authorization]];
const get = (target: string, extra: Headers = []): Buffer => requestBytes('GET', target, [...base(), ...extra]);
const post = (target: string, body: string, extra: Headers = [['Content-Type', 'application/json']]): Buffer =>
  requestBytes('POST', target, [...base(), ...extra, ['Content-Length', lengthOf(body)]], body);

/** Re-reads the application (on its own connection): after makeMeAvailable, me links presence, note, …. */
async function refresh(): Promise<void> {
  const res = await once(s.port, get(appPath()));
  s = { ...s, app: obj(decodedJson(res)) };
}

async function makeMeAvailable(): Promise<void> {
  const res = await conn.exchange(post(meLink('makeMeAvailable'), '{"SupportedModalities":["Messaging"]}'));
  expect(res.status).toBe(204);
  await refresh();
}

async function availability(): Promise<unknown> {
  const res = await conn.exchange(get(meLink('presence')));
  expect(res.status).toBe(200);
  return obj(decodedJson(res))['availability'];
}

describe('request target: an origin-form path, never an authority', () => {
  it('POST //ucwa/…/makeMeAvailable and GET //ucwa/oauth//v1/… reach the resources', async () => {
    const mma = await conn.exchange(post(`/${meLink('makeMeAvailable')}`, '{"SupportedModalities":["Messaging"]}'));
    expect(mma.status).toBe(204);
    const app = await conn.exchange(get(`/${appPath().replace('/oauth/', '/oauth//')}`));
    expect(app.status).toBe(200);
    // makeMeAvailable took effect: the application now links presence.
    expect(href(embeddedOf(decodedJson(app), 'me'), 'presence')).toMatch(/\/me\/presence$/);
    const root = await conn.exchange(requestBytes('GET', '//Autodiscover//AutodiscoverService.svc/root', [['Host', s.host]]));
    expect(root.status).toBe(200);
  });

  it('matches paths case-insensitively and compares percent-encoded paths decoded', async () => {
    const upper = await conn.exchange(get(meLink('self').toUpperCase()));
    expect(upper.status).toBe(200);
    expect(obj(decodedJson(upper))['rel']).toBe('me');
    const encoded = await conn.exchange(get(meLink('self').replace('/applications/', '/%61pplications/').replace(/\/me$/, '/m%65')));
    expect(encoded.status).toBe(200);
    expect(obj(decodedJson(encoded))['rel']).toBe('me');
    const contacts = `${pathOf(href(embeddedOf(s.app, 'people'), 'self'))}`;
    const plain = await conn.exchange(get(`${contacts}/sarad@contoso.com`));
    const escaped = await conn.exchange(get(`${contacts}/SaraD%40Contoso.com`));
    expect(plain.status).toBe(200);
    expect(escaped.status).toBe(200);
    expect(decodedJson(escaped)).toEqual(decodedJson(plain));
  });

  it('accepts an absolute-form target (as sent through a proxy)', async () => {
    const res = await conn.exchange(get(`http://${s.host}${meLink('self')}`));
    expect(res.status).toBe(200);
    expect(obj(decodedJson(res))['rel']).toBe('me');
  });
});

describe('headers as real clients spell them', () => {
  it('reads header names in any case, trims values, ignores unknown headers', async () => {
    const body = '{"SupportedModalities":["Messaging"]}';
    const res = await conn.exchange(
      requestBytes('POST', meLink('makeMeAvailable'), [
        ['hOsT', s.host],
        ['aUtHoRiZaTiOn', `  ${s.authorization}`],
        ['CONTENT-TYPE', 'Application/JSON; Charset=UTF-8'],
        ['x-ms-origin', 'http://app.contoso.com'],
        ['X-Requested-With', 'XMLHttpRequest'],
        ['X-Totally-Unknown', 'whatever; q=1'],
        ['DNT', '1'],
        ['content-length', lengthOf(body)],
      ], body),
    );
    expect(res.status).toBe(204);
    await refresh();
    expect(await availability()).toBe('Online');
  });

  it.each([
    ['application/json; charset=utf-8'],
    ['application/json;charset=UTF-8'],
    ['application/json'],
    ["application/json; charset='utf-8'"],
  ])('takes a JSON body sent as %s', async (type) => {
    await makeMeAvailable();
    const res = await conn.exchange(post(meLink('presence'), '{"availability":"Busy"}', [['Content-Type', type]]));
    expect(res.status).toBe(204);
    expect(await availability()).toBe('Busy');
  });

  it.each([["application/x-www-form-urlencoded;charset='utf-8'"], ['application/x-www-form-urlencoded'], ['application/x-www-form-urlencoded; charset="UTF-8"']])(
    'grants a token for a form posted as %s',
    async (type) => {
      const form = 'grant_type=password&username=dana%40contoso.com&password=Passw0rd%21';
      const res = await conn.exchange(requestBytes('POST', '/WebTicket/oauthtoken', [['Host', s.host], ['Content-Type', type], ['Content-Length', lengthOf(form)]], form));
      expect(res.status).toBe(200);
      expect(str(obj(decodedJson(res))['access_token'])).toMatch(/^cwt=/);
    },
  );

  it('takes a JSON body without any Content-Type', async () => {
    await makeMeAvailable();
    const res = await conn.exchange(post(meLink('presence'), '{"availability":"DoNotDisturb"}', []));
    expect(res.status).toBe(204);
    expect(await availability()).toBe('DoNotDisturb');
  });
});

describe('compression (Accept-Encoding)', () => {
  async function identityText(target: string): Promise<string> {
    const res = await conn.exchange(get(target));
    expect(header(res, 'content-encoding')).toBeUndefined();
    return res.body.toString('utf8');
  }

  it.each([
    ['gzip, deflate', 'gzip'],
    ['deflate', 'deflate'],
    ['gzip;q=0, deflate', 'deflate'],
    ['identity;q=0, gzip', 'gzip'],
  ])('Accept-Encoding: %s → Content-Encoding %s, a body that decodes to the identity answer', async (accept, coding) => {
    const plain = await identityText(appPath());
    const res = await conn.exchange(get(appPath(), [['Accept-Encoding', accept]]));
    expect(res.status).toBe(200);
    expect(header(res, 'content-encoding')).toBe(coding);
    expect(header(res, 'vary')).toMatch(/accept-encoding/i);
    expect(Number(header(res, 'content-length'))).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(plain));
    expect(decodedText(res)).toBe(plain);
  });

  it.each([['identity'], ['br'], ['gzip;q=0'], ['']])('Accept-Encoding: %s → identity, still with Vary', async (accept) => {
    const res = await conn.exchange(get(appPath(), [['Accept-Encoding', accept]]));
    expect(res.status).toBe(200);
    expect(header(res, 'content-encoding')).toBeUndefined();
    expect(header(res, 'vary')).toMatch(/accept-encoding/i);
    expect(obj(JSON.parse(res.body.toString('utf8')))['rel']).toBe('application');
  });

  it('compresses event-channel answers and errors too', async () => {
    await makeMeAvailable();
    const events = await conn.exchange(get(pathOf(href(s.app, 'events')), [['Accept-Encoding', 'gzip']]));
    expect(events.status).toBe(200);
    expect(header(events, 'content-encoding')).toBe('gzip');
    expect(arr(obj(decodedJson(events))['sender']).length).toBeGreaterThan(0);
    const missing = await conn.exchange(get(`${appPath()}/nothing-here`, [['Accept-Encoding', 'gzip']]));
    expect(missing.status).toBe(404);
    expect(header(missing, 'content-encoding')).toBe('gzip');
    expect(obj(decodedJson(missing))['code']).toBe('NotFound');
  });
});

describe('empty POSTs', () => {
  it.each([
    ['Content-Length: 0 and no Content-Type', [['Content-Length', '0']]],
    ['Content-Length: 0 with a JSON Content-Type', [['Content-Type', 'application/json'], ['Content-Length', '0']]],
    ['no Content-Length at all', []],
    ['an empty chunked body', [['Transfer-Encoding', 'chunked']]],
  ] as const)('makeMeAvailable with %s → 204', async (_, extra) => {
    const chunked = extra.some(([n]) => n === 'Transfer-Encoding');
    const res = await conn.exchange(requestBytes('POST', meLink('makeMeAvailable'), [...base(), ...extra], chunked ? '0\r\n\r\n' : ''));
    expect(res.status).toBe(204);
    const app = await conn.exchange(get(appPath()));
    expect(href(embeddedOf(decodedJson(app), 'me'), 'presence')).toMatch(/\/me\/presence$/);
  });

  it('reportMyActivity and presence (reset to automatic) take an empty body', async () => {
    await makeMeAvailable();
    const busy = await conn.exchange(post(meLink('presence'), '{"availability":"Busy"}'));
    expect(busy.status).toBe(204);
    expect(await availability()).toBe('Busy');
    const activity = await conn.exchange(requestBytes('POST', meLink('reportMyActivity'), [...base(), ['Content-Length', '0']]));
    expect(activity.status).toBe(204);
    const reset = await conn.exchange(requestBytes('POST', meLink('presence'), [...base(), ['Content-Length', '0']]));
    expect(reset.status).toBe(204);
    expect(await availability()).toBe('Online');
  });

  it('takes a chunked JSON body', async () => {
    await makeMeAvailable();
    const body = '{"availability":"BeRightBack"}';
    const chunks = `5\r\n${body.slice(0, 5)}\r\n${(body.length - 5).toString(16)}\r\n${body.slice(5)}\r\n0\r\n\r\n`;
    const res = await conn.exchange(requestBytes('POST', meLink('presence'), [...base(), ['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']], chunks));
    expect(res.status).toBe(204);
    expect(await availability()).toBe('BeRightBack');
  });

  it('still answers an empty create-application POST with the reference 400', async () => {
    const res = await conn.exchange(requestBytes('POST', pathOf(href(s.app, 'self')).replace(/\/\d+$/, ''), [...base(), ['Content-Length', '0']]));
    expect(res.status).toBe(400);
    expect(obj(decodedJson(res))['subcode']).toBe('ParameterValidationFailure');
  });
});

describe('connections', () => {
  it('keeps one HTTP/1.1 connection alive for many requests', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await conn.exchange(get(meLink('self'), [['Connection', 'Keep-Alive']]));
      expect(res.status).toBe(200);
      expect(header(res, 'connection')?.toLowerCase()).toBe('keep-alive');
    }
    expect(conn.closed).toBe(false);
  });

  it('keeps an HTTP/1.0 connection alive when asked (Connection: Keep-Alive), closes it otherwise', async () => {
    const v10 = (extra: Headers): Buffer => requestBytes('GET', meLink('self'), [...base(), ...extra], '', 'HTTP/1.0');
    for (let i = 0; i < 2; i++) {
      const res = await conn.exchange(v10([['Connection', 'Keep-Alive']]));
      expect(res.status).toBe(200);
      expect(header(res, 'connection')?.toLowerCase()).toBe('keep-alive');
    }
    const last = await conn.exchange(v10([]));
    expect(last.status).toBe(200);
    await conn.waitClosed();
  });

  it('closes after the answer when the client says Connection: close', async () => {
    const res = await conn.exchange(get(meLink('self'), [['Connection', 'close']]));
    expect(res.status).toBe(200);
    await conn.waitClosed();
    expect(conn.pending.length).toBe(0);
  });

  it('answers pipelined requests in order, each after the one before has taken effect', async () => {
    await makeMeAvailable();
    const body = '{"availability":"Away"}';
    conn.write(
      Buffer.concat([
        get(meLink('presence')),
        post(meLink('presence'), body),
        requestBytes('HEAD', meLink('presence'), base()),
        get(meLink('presence'), [['Accept-Encoding', 'gzip']]),
        post(meLink('note'), '{"message":"pipelined"}'),
        get(meLink('note')),
      ]),
    );
    const answers: RawResponse[] = [];
    for (const head of [false, false, true, false, false, false]) answers.push(await conn.read({ head }));
    expect(answers.map((a) => a.status)).toEqual([200, 204, 200, 200, 204, 200]);
    expect(obj(decodedJson(answers[0]!))['availability']).toBe('Online');
    expect(answers[2]!.body.length).toBe(0);
    expect(obj(decodedJson(answers[3]!))['availability']).toBe('Away');
    expect(obj(decodedJson(answers[5]!))['message']).toBe('pipelined');
    expect(conn.pending.length).toBe(0);
  });
});

describe('HEAD', () => {
  it.each([[[]], [[['Accept-Encoding', 'gzip']]]] as const)('answers GET resources with the GET headers and no body (%j)', async (extra) => {
    const full = await conn.exchange(get(appPath(), extra));
    const head = await conn.exchange(requestBytes('HEAD', appPath(), [...base(), ...extra]), { head: true });
    expect(head.status).toBe(200);
    for (const name of ['content-type', 'content-length', 'content-encoding', 'cache-control']) {
      expect(header(head, name), name).toBe(header(full, name));
    }
    // Nothing follows the headers: the next answer on the connection parses cleanly.
    const next = await conn.exchange(get(meLink('self')));
    expect(next.status).toBe(200);
    expect(obj(decodedJson(next))['rel']).toBe('me');
  });

  it('is logged as HEAD and answers the discovery root', async () => {
    const head = await conn.exchange(requestBytes('HEAD', '/Autodiscover/AutodiscoverService.svc/root', [['Host', s.host]]), { head: true });
    expect(head.status).toBe(200);
    expect(header(head, 'content-type')).toMatch(/application\/json/);
    const log = obj((await sim.control('GET', 'requests')).json);
    expect(arr(log['requests']).some((r) => obj(r)['method'] === 'HEAD' && obj(r)['status'] === 200)).toBe(true);
  });
});

describe('Expect: 100-continue', () => {
  it('answers 100 Continue before the body is sent, then the final answer', async () => {
    const body = '{"SupportedModalities":["Messaging"]}';
    conn.write(requestBytes('POST', meLink('makeMeAvailable'), [...base(), ['Content-Type', 'application/json'], ['Expect', '100-continue'], ['Content-Length', lengthOf(body)]]));
    const interim = await conn.read();
    expect(interim.status).toBe(100);
    conn.write(body);
    const { response } = await conn.finalResponse();
    expect(response.status).toBe(204);
    expect(href(embeddedOf(decodedJson(await conn.exchange(get(appPath()))), 'me'), 'presence')).toMatch(/\/me\/presence$/);
  });
});

const UCWA_NS = 'http://schemas.microsoft.com/rtc/2012/03/ucwa';
const prop = (node: XmlNode, name: string): string | undefined => node.children.find((c) => c.name === 'property' && c.attrs['name'] === name)?.text;
const linkHref = (node: XmlNode, rel: string): string | undefined => node.children.find((c) => c.name === 'link' && c.attrs['rel'] === rel)?.attrs['href'];

describe('XML', () => {
  it.each([['application/xml'], ['application/vnd.microsoft.com.ucwa+xml']])('serves the application as %s, with embedded resources nested', async (type) => {
    const res = await conn.exchange(requestBytes('GET', appPath(), [['Host', s.host], ['Accept', type], ['Authorization', s.authorization]]));
    expect(res.status).toBe(200);
    expect(header(res, 'content-type')).toBe(type);
    const text = decodedText(res);
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    const root = parseXml(text);
    expect(root.attrs).toMatchObject({ rel: 'application', href: appPath(), xmlns: UCWA_NS });
    expect(linkHref(root, 'events')).toBe(href(s.app, 'events'));
    const me = root.children.find((c) => c.name === 'resource' && c.attrs['rel'] === 'me');
    expect(me?.attrs['href']).toBe(meLink('self'));
    expect(prop(me!, 'name')).toBe('Dana Birkby');
    expect(linkHref(me!, 'makeMeAvailable')).toBe(meLink('makeMeAvailable'));
  });

  it('serves event pages as <events> with next link, senders and typed events', async () => {
    await makeMeAvailable();
    const res = await conn.exchange(
      requestBytes('GET', pathOf(href(s.app, 'events')), [['Host', s.host], ['Accept', 'application/vnd.microsoft.com.ucwa+xml'], ['Authorization', s.authorization], ['Accept-Encoding', 'gzip']]),
    );
    expect(header(res, 'content-type')).toBe('application/vnd.microsoft.com.ucwa+xml');
    const page = parseXml(decodedText(res));
    expect(page.name).toBe('events');
    expect(page.attrs['xmlns']).toBe(UCWA_NS);
    expect(linkHref(page, 'next')).toMatch(/events\?ack=2$/);
    const me = page.children.find((c) => c.name === 'sender' && c.attrs['rel'] === 'me');
    expect(me?.children.some((e) => e.name === 'added' && e.attrs['rel'] === 'presence' && e.attrs['href'] === meLink('presence'))).toBe(true);
  });

  it('takes XML bodies for makeMeAvailable, presence, note and reportMyActivity', async () => {
    const xml = (inner: string): string => `<?xml version="1.0" encoding="utf-8"?><input xmlns="${UCWA_NS}">${inner}</input>`;
    const send = (target: string, body: string, type = 'application/xml'): Promise<RawResponse> => conn.exchange(post(target, body, [['Content-Type', type]]));
    expect((await send(meLink('makeMeAvailable'), xml('<propertyList name="SupportedModalities"><item>Messaging</item></propertyList><property name="signInAs">Busy</property>'))).status).toBe(204);
    await refresh();
    expect(await availability()).toBe('Busy');
    expect((await send(meLink('presence'), xml('<property name="availability">DoNotDisturb</property>'), 'application/vnd.microsoft.com.ucwa+xml')).status).toBe(204);
    expect(await availability()).toBe('DoNotDisturb');
    expect((await send(meLink('note'), xml('<property name="message">in XML &amp; fine</property>'))).status).toBe(204);
    expect(obj(decodedJson(await conn.exchange(get(meLink('note')))))['message']).toBe('in XML & fine');
    expect((await send(meLink('reportMyActivity'), xml(''))).status).toBe(204);
    const bad = await send(meLink('presence'), xml('<property name="availability">Busy'));
    expect(bad.status).toBe(400);
    expect(obj(decodedJson(bad))['subcode']).toBe('DeserializationFailure');
  });

  it('creates an application from an XML body and answers it in XML', async () => {
    const body = `<input xmlns="${UCWA_NS}"><property name="UserAgent">XmlClient/1.0</property><property name="EndpointId">0b9d6c1e-xml</property><property name="Culture">en-US</property></input>`;
    const collection = appPath().replace(/\/\d+$/, '');
    const res = await conn.exchange(requestBytes('POST', collection, [['Host', s.host], ['Accept', 'application/xml'], ['Authorization', s.authorization], ['Content-Type', 'application/xml'], ['Content-Length', lengthOf(body)]], body));
    expect(res.status).toBe(201);
    const root = parseXml(decodedText(res));
    expect(root.attrs['rel']).toBe('application');
    expect(prop(root, 'userAgent')).toBe('XmlClient/1.0');
    expect(header(res, 'location')).toBe(root.attrs['href']);
  });

  it('keeps JSON for errors, for */* and when JSON ranks higher', async () => {
    const missing = await conn.exchange(requestBytes('GET', `${appPath()}/nothing`, [['Host', s.host], ['Accept', 'application/xml'], ['Authorization', s.authorization]]));
    expect(missing.status).toBe(404);
    expect(header(missing, 'content-type')).toMatch(/application\/json/);
    for (const accept of ['*/*', 'application/json, application/xml', 'application/xml;q=0.5, application/json']) {
      const res = await conn.exchange(requestBytes('GET', appPath(), [['Host', s.host], ['Accept', accept], ['Authorization', s.authorization]]));
      expect(header(res, 'content-type'), accept).toMatch(/application\/json/);
    }
  });
});

describe('batch', () => {
  it('runs inner parts whose targets start with // on this server, each negotiated by its own Accept', async () => {
    const part = (accept: string): string =>
      `--b1\r\nContent-Type: application/http; msgtype=request\r\n\r\nGET /${meLink('self')} HTTP/1.1\r\nHost: ${s.host}\r\nAccept: ${accept}\r\n\r\n\r\n`;
    const body = `${part('application/json')}${part('application/xml')}--b1--\r\n`;
    const res = await conn.exchange(post(pathOf(href(s.app, 'batch')), body, [['Content-Type', 'multipart/batching; boundary=b1']]));
    expect(res.status).toBe(200);
    const text = decodedText(res);
    const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '200']);
    expect(text).toContain('"rel":"me"');
    expect(text).toContain(`<resource rel="me" href="${meLink('self')}" xmlns="${UCWA_NS}">`);
  });
});

describe('without a token', () => {
  it('answers the 401 challenge with its HTML body for a raw GET of //ucwa/…', async () => {
    const res = await once(s.port, requestBytes('GET', `/${appPath()}`, [['Host', s.host], ['Accept', 'application/json']]));
    expect(res.status).toBe(401);
    expect(header(res, 'www-authenticate')).toMatch(/MsRtcOAuth href=/);
  });
});
