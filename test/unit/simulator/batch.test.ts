import { describe, expect, it } from 'vitest';
import { boundaryOf, parseBatch, serializeBatch, type BatchPart } from '../../simulator/batch';

const CRLF_BODY = [
  '--77f2569d-c005-442b-b856-782305305e5f',
  'Content-Type: application/http; msgtype=request',
  '',
  'GET /ucwa/oauth/v1/applications/103/people/contacts HTTP/1.1',
  'Host: lyncweb.contoso.com',
  'Accept: application/json',
  '',
  '--77f2569d-c005-442b-b856-782305305e5f',
  'Content-Type: application/http; msgtype=request',
  '',
  'POST /ucwa/oauth/v1/applications/103/me/presence HTTP/1.1',
  'Content-Type: application/json',
  'Content-Length: 22',
  '',
  '{"availability":"Busy"}',
  '--77f2569d-c005-442b-b856-782305305e5f--',
  '',
].join('\r\n');

describe('boundaryOf', () => {
  it('reads quoted and bare boundaries', () => {
    expect(boundaryOf('multipart/batching;boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/batching; boundary="a-b c"')).toBe('a-b c');
    expect(boundaryOf('application/json')).toBeUndefined();
  });
});

describe('parseBatch', () => {
  it('parses the reference sample into request lines, headers and bodies', () => {
    const parts = parseBatch(CRLF_BODY, '77f2569d-c005-442b-b856-782305305e5f');
    expect(parts.map((p) => p.startLine)).toEqual([
      'GET /ucwa/oauth/v1/applications/103/people/contacts HTTP/1.1',
      'POST /ucwa/oauth/v1/applications/103/me/presence HTTP/1.1',
    ]);
    expect(parts[0]!.headers['accept']).toBe('application/json');
    expect(parts[0]!.body).toBe('');
    // Content-Length 22 cuts the body where the part says it ends.
    expect(parts[1]!.body).toBe('{"availability":"Busy"');
  });

  it('accepts bare LF line endings', () => {
    const parts = parseBatch(CRLF_BODY.replace(/\r\n/g, '\n'), '77f2569d-c005-442b-b856-782305305e5f');
    expect(parts).toHaveLength(2);
  });

  it('rejects a body without parts', () => {
    expect(() => parseBatch('nothing here', 'x')).toThrow();
  });
});

describe('serializeBatch', () => {
  it('round-trips through parseBatch with CRLF and a closing delimiter', () => {
    const parts: BatchPart[] = [
      { startLine: 'HTTP/1.1 200 OK', headers: { 'content-type': 'application/json', 'content-length': '2' }, body: '{}' },
      { startLine: 'HTTP/1.1 204 No Content', headers: {}, body: '' },
    ];
    const text = serializeBatch(parts, 'b0', 'response');
    expect(text).toContain('Content-Type: application/http; msgtype=response\r\n\r\nHTTP/1.1 200 OK\r\n');
    expect(text.endsWith('--b0--\r\n')).toBe(true);
    expect(parseBatch(text, 'b0')).toEqual(parts);
  });
});
