import { describe, expect, it } from 'vitest';
import { batchContentType, BatchFormatError, boundaryOf, decodeBatch, encodeBatch } from '../../../../../main/core/ucwa/batch-codec';

const APP = 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/103';

describe('encodeBatch', () => {
  it('writes one application/http request part per request with CRLF line ends and a close delimiter', () => {
    const body = encodeBatch(
      [
        { method: 'GET', href: `${APP}/people/contacts?groupId=g1` },
        { method: 'GET', href: `${APP}/me` },
      ],
      'b1',
    );
    expect(body).toBe(
      [
        '--b1',
        'Content-Type: application/http; msgtype=request',
        '',
        'GET /ucwa/oauth/v1/applications/103/people/contacts?groupId=g1 HTTP/1.1',
        'Host: lyncweb.contoso.com',
        'Accept: application/json',
        '',
        '',
        '--b1',
        'Content-Type: application/http; msgtype=request',
        '',
        'GET /ucwa/oauth/v1/applications/103/me HTTP/1.1',
        'Host: lyncweb.contoso.com',
        'Accept: application/json',
        '',
        '',
        '--b1--',
        '',
      ].join('\r\n'),
    );
    expect(body).not.toMatch(/[^\r]\n/);
  });

  it('keeps a non-default port in Host and carries a JSON body for POST parts', () => {
    const body = encodeBatch([{ method: 'POST', href: 'http://127.0.0.1:8181/x/presence', json: { availability: 'Busy' } }], 'zz');
    expect(body).toContain('POST /x/presence HTTP/1.1\r\nHost: 127.0.0.1:8181\r\n');
    expect(body).toContain('Content-Type: application/json\r\n\r\n{"availability":"Busy"}\r\n--zz--');
  });

  it('names the boundary in the outer content type', () => {
    expect(batchContentType('abc')).toBe('multipart/batching;boundary=abc');
  });
});

describe('boundaryOf', () => {
  it('reads quoted and unquoted boundaries, case-insensitively', () => {
    expect(boundaryOf('multipart/batching;boundary=77f2')).toBe('77f2');
    expect(boundaryOf('multipart/batching; boundary="3968fb75-1"')).toBe('3968fb75-1');
    expect(boundaryOf('Multipart/Batching; charset=utf-8; BOUNDARY=x_y')).toBe('x_y');
    expect(boundaryOf('application/json')).toBeUndefined();
  });
});

describe('decodeBatch', () => {
  const answer = [
    'preamble to ignore',
    '--3968fb75',
    'Content-Type: application/http; msgtype=response',
    '',
    'HTTP/1.1 200 OK',
    'Content-Type: application/json; charset=utf-8',
    '',
    '{"rel":"groupContacts","_embedded":{"contact":[]}}',
    '--3968fb75',
    'Content-Type: application/http; msgtype=response',
    '',
    'HTTP/1.1 404 Not Found',
    'Content-Type: application/json',
    '',
    '{"code":"NotFound","subcode":"ResourceNotFound"}',
    '--3968fb75',
    'Content-Type: application/http; msgtype=response',
    '',
    'HTTP/1.1 204 No Content',
    '',
    '',
    '--3968fb75--',
    'epilogue',
  ].join('\r\n');

  it('returns the inner responses in order with status, lower-cased headers and parsed JSON', () => {
    const parts = decodeBatch(answer, 'multipart/batching; boundary="3968fb75"');
    expect(parts.map((part) => part.status)).toEqual([200, 404, 204]);
    expect(parts[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(parts[0]!.body).toEqual({ rel: 'groupContacts', _embedded: { contact: [] } });
    expect(parts[1]!.body).toEqual({ code: 'NotFound', subcode: 'ResourceNotFound' });
    expect(parts[2]!.body).toBeNull();
  });

  it('round-trips a body that itself contains blank lines and honours Content-Length', () => {
    const text = [
      '--b',
      'Content-Type: application/http; msgtype=response',
      '',
      'HTTP/1.1 200 OK',
      'Content-Type: application/json',
      'Content-Length: 15',
      '',
      '{"a":\r\n\r\n"b"}',
      '--b--',
    ].join('\r\n');
    const [part] = decodeBatch(text, 'multipart/batching;boundary=b');
    expect(part!.body).toEqual({ a: 'b' });
  });

  it('accepts bare LF line ends', () => {
    const parts = decodeBatch(answer.replace(/\r\n/g, '\n'), 'multipart/batching;boundary=3968fb75');
    expect(parts).toHaveLength(3);
  });

  it('leaves a non-JSON or broken JSON body as text with a null body', () => {
    const text = '--b\r\nContent-Type: application/http; msgtype=response\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"trunc\r\n--b--';
    const [part] = decodeBatch(text, 'multipart/batching;boundary=b');
    expect(part!.body).toBeNull();
    expect(part!.text).toBe('{"trunc');
  });

  it('rejects answers without a boundary or without an HTTP status line', () => {
    expect(() => decodeBatch(answer, 'multipart/batching')).toThrow(BatchFormatError);
    expect(() => decodeBatch('--b\r\n\r\nnot http\r\n--b--', 'multipart/batching;boundary=b')).toThrow(BatchFormatError);
    expect(() => decodeBatch('no parts at all', 'multipart/batching;boundary=b')).toThrow(BatchFormatError);
  });
});
