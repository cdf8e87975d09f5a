import { gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, encodeBody, isCompressible, wireBody } from '../../simulator/encoding';
import type { SimRequest } from '../../simulator/http-types';
import { bodyFormat, readInputs } from '../../simulator/input';
import { normalizePercent, parseTarget, targetUrl } from '../../simulator/path';
import { negotiate, preferredXmlType } from '../../simulator/representation';

describe('parseTarget (origin-form request targets)', () => {
  it.each([
    ['//ucwa/oauth//v1/applications', '/ucwa/oauth/v1/applications', ''],
    ['//ucwa/oauth/v1/applications/1/me/makeMeAvailable', '/ucwa/oauth/v1/applications/1/me/makeMeAvailable', ''],
    ['/a///b/?x=1&y=%2F', '/a/b/', '?x=1&y=%2F'],
    ['/a/./b/../c', '/a/c', ''],
    ['\\ucwa\\oauth', '/ucwa/oauth', ''],
    ['http://fe1.contoso.com:443//ucwa/x?ack=2', '/ucwa/x', '?ack=2'],
    ['', '/', ''],
    ['/x?', '/x', ''],
    ['/x#frag', '/x', ''],
  ])('%s → path %s, query %s', (raw, path, search) => {
    expect(parseTarget(raw)).toEqual({ path, search });
  });

  it('decodes escapes of path characters and UTF-8 text, keeps structural ones encoded in upper case', () => {
    expect(normalizePercent('/%75cwa/%7e%40x')).toBe('/ucwa/~@x');
    expect(normalizePercent('/a%2fb%3f%25%20c')).toBe('/a%2Fb%3F%25%20c');
    expect(normalizePercent('/j%C3%B6nas')).toBe('/jönas');
    expect(normalizePercent('/bad%FFbyte%zz')).toBe('/bad%FFbyte%zz');
    // An encoded slash never splits a segment.
    expect(parseTarget('/a%2F%2Fb').path).toBe('/a%2F%2Fb');
  });

  it('builds the handler URL by assignment, so `//host` can never become the authority', () => {
    const url = targetUrl('//ucwa/oauth/v1?x=1', 'http://127.0.0.1:9');
    expect(url.host).toBe('127.0.0.1:9');
    expect(url.pathname).toBe('/ucwa/oauth/v1');
    expect(url.searchParams.get('x')).toBe('1');
    expect(targetUrl('/p/J%C3%B6nas%40contoso.com', 'http://h').pathname).toBe(targetUrl('/p/Jönas@contoso.com', 'http://h').pathname);
  });
});

describe('chooseEncoding (Accept-Encoding)', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate', 'gzip'],
    ['deflate, gzip', 'gzip'],
    ['deflate', 'deflate'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip;q=0.5, deflate;q=0.8', 'deflate'],
    ['gzip;q=0, deflate;q=0', 'identity'],
    ['*', 'gzip'],
    ['*;q=0.1, gzip;q=0', 'deflate'],
    ['br', 'identity'],
    ['identity', 'identity'],
    ['gzip;q=0.5, identity', 'identity'],
    ['identity;q=0, deflate', 'deflate'],
    // Nothing acceptable: identity anyway (IIS does not answer 406).
    ['identity;q=0, br', 'identity'],
    ['identity;q=0', 'identity'],
    ['*;q=0', 'identity'],
    ['gzip;q=oops', 'gzip'],
  ])('%s → %s', (header, coding) => {
    expect(chooseEncoding(header)).toBe(coding);
  });

  it('round-trips gzip (RFC 1952) and deflate (zlib, RFC 1950) bodies; compresses text types only', () => {
    const body = Buffer.from('{"a":"é"}');
    expect(gunzipSync(encodeBody(body, 'gzip')).toString()).toBe('{"a":"é"}');
    expect(inflateSync(encodeBody(body, 'deflate')).toString()).toBe('{"a":"é"}');
    expect(encodeBody(body, 'identity')).toBe(body);
    for (const t of ['application/json; charset=utf-8', 'application/xml', 'application/vnd.microsoft.com.ucwa+xml', 'text/html', 'multipart/batching; boundary=x']) {
      expect(isCompressible(t), t).toBe(true);
    }
    for (const t of ['image/png', 'image/jpeg', undefined]) expect(isCompressible(t), String(t)).toBe(false);
  });
});

const request = (headers: Record<string, string>, path = '/ucwa/oauth/v1/applications/1/me', method = 'GET'): SimRequest => ({
  method,
  url: new URL(`http://h${path}`),
  headers,
  body: '',
  closed: new AbortController().signal,
});

describe('content negotiation', () => {
  it.each([
    [undefined, undefined],
    ['application/json', undefined],
    ['*/*', undefined],
    ['application/xml', 'application/xml'],
    ['Application/XML', 'application/xml'],
    ['application/vnd.microsoft.com.ucwa+xml', 'application/vnd.microsoft.com.ucwa+xml'],
    ['application/json, application/xml', undefined],
    ['application/json;q=0.5, application/xml', 'application/xml'],
    ['application/xml;q=0.5, application/json', undefined],
    ['application/*', undefined],
    ['text/html, application/xml;q=0.9, */*;q=0.8', 'application/xml'],
  ])('Accept %s → %s', (accept, type) => {
    expect(preferredXmlType(accept)).toBe(type);
  });

  const resource = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"rel":"me","name":"Dana","_links":{"self":{"href":"/me"}}}' };

  it('re-expresses a JSON UCWA resource as XML when asked, and nothing else', () => {
    const xml = negotiate(request({ accept: 'application/xml' }), resource);
    expect(xml.headers?.['content-type']).toBe('application/xml');
    expect(xml.body).toContain('<resource rel="me" href="/me" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">');
    expect(negotiate(request({ accept: 'application/json' }), resource)).toBe(resource);
    // Errors, discovery and non-JSON answers stay as they are.
    const error = { ...resource, status: 404, body: '{"code":"NotFound"}' };
    expect(negotiate(request({ accept: 'application/xml' }), error)).toBe(error);
    expect(negotiate(request({ accept: 'application/xml' }, '/Autodiscover/AutodiscoverService.svc/root'), resource)).toBe(resource);
    const malformed = { ...resource, body: '{"_links":' };
    expect(negotiate(request({ accept: 'application/xml' }), malformed)).toBe(malformed);
  });

  it('writes event-channel answers as <events>', () => {
    const page = { ...resource, body: '{"_links":{"self":{"href":"/e?ack=1"},"next":{"href":"/e?ack=2"}},"sender":[]}' };
    const xml = negotiate(request({ accept: 'application/vnd.microsoft.com.ucwa+xml' }, '/ucwa/oauth/v1/applications/1/events'), page);
    expect(xml.body).toContain('<events href="/e?ack=1"');
    expect(xml.body).toContain('<link rel="next" href="/e?ack=2" />');
  });
});

describe('request bodies', () => {
  it.each([
    ['application/json', '{}', 'json'],
    ['application/json; charset=utf-8', '{}', 'json'],
    ['Application/JSON;Charset="UTF-8"', '{}', 'json'],
    ['application/vnd.microsoft.com.ucwa+json', '{}', 'json'],
    ['application/xml', '<r/>', 'xml'],
    ["application/xml;charset='utf-8'", '<r/>', 'xml'],
    ['text/xml', '<r/>', 'xml'],
    ['application/vnd.microsoft.com.ucwa+xml', '<r/>', 'xml'],
    [undefined, ' {"a":1}', 'json'],
    [undefined, '<r/>', 'xml'],
    [undefined, 'a=b', 'unsupported'],
    ['text/plain', '{}', 'unsupported'],
    ['application/jsonp', '{}', 'unsupported'],
  ])('Content-Type %s with %s → %s', (type, body, format) => {
    expect(bodyFormat(type, body)).toBe(format);
  });

  it('reads an XML body as inputs, case-insensitively like JSON', () => {
    const req = { ...request({ 'content-type': 'application/xml' }, '/x', 'POST'), body: '<input><propertyList name="supportedModalities"><item>Messaging</item></propertyList><property name="Availability">Busy</property></input>' };
    const inputs = readInputs(req);
    expect(inputs.strings('SupportedModalities')).toEqual(['Messaging']);
    expect(inputs.string('availability')).toBe('Busy');
    expect(() => readInputs({ ...req, body: '<input><property name="a">' })).toThrow(expect.objectContaining({ status: 400, subcode: 'DeserializationFailure' }));
  });
});

describe('wireBody', () => {
  const json = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"rel":"me","name":"Dana Birkby"}' };

  it('compresses text answers when asked, with Content-Encoding, Vary and the compressed length', () => {
    const wire = wireBody(json, 'gzip, deflate');
    expect(wire.headers).toEqual({ vary: 'Accept, Accept-Encoding', 'content-encoding': 'gzip', 'content-length': String(wire.payload!.length) });
    expect(gunzipSync(wire.payload!).toString()).toBe(json.body);
    const plain = wireBody(json, undefined);
    expect(plain.headers).toEqual({ vary: 'Accept, Accept-Encoding', 'content-length': String(Buffer.byteLength(json.body)) });
    expect(plain.payload!.toString()).toBe(json.body);
  });

  it('sends binary bodies as they are, uncompressed, and no body for 204/304', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff]);
    const wire = wireBody({ status: 200, headers: { 'Content-Type': 'image/png' }, bytes: png }, 'gzip');
    expect(wire.headers).toEqual({ 'content-length': '9' });
    expect([...wire.payload!]).toEqual([...png]);
    expect(wireBody({ status: 204, body: 'ignored' }, 'gzip')).toEqual({ headers: {}, payload: undefined });
    expect(wireBody({ status: 304, headers: { 'content-type': 'application/json' }, body: '{}' }, 'gzip').payload).toBeUndefined();
    // An empty text body is never "compressed" into a non-empty one.
    expect(wireBody({ ...json, body: '' }, 'gzip').headers).toEqual({ vary: 'Accept, Accept-Encoding', 'content-length': '0' });
  });
});
