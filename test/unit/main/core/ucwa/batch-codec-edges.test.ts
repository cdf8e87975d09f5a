import { describe, expect, it } from 'vitest';
import { BatchFormatError, boundaryOf, decodeBatch, encodeBatch } from '../../../../../main/core/ucwa/batch-codec';

const TYPE = 'multipart/batching;boundary=b';
/** One inner response part: status line, header lines, body. */
const part = (status: string, headers: readonly string[], body: string): string =>
  ['--b', 'Content-Type: application/http; msgtype=response', '', status, ...headers, '', body].join('\r\n');
const batch = (...parts: string[]): string => `${parts.join('\r\n')}\r\n--b--\r\n`;

describe('decodeBatch: what a server may write', () => {
  it('reads Content-Length only when it fits the body: longer, negative or not a number keeps the whole body', () => {
    const text = '{"a":1}  ';
    for (const length of ['99', '-1', 'seven', '3.5']) {
      const [one] = decodeBatch(batch(part('HTTP/1.1 200 OK', ['Content-Type: application/json', `Content-Length: ${length}`], text)), TYPE);
      expect(one!.text).toBe(text);
    }
    const [exact] = decodeBatch(batch(part('HTTP/1.1 200 OK', ['Content-Type: application/json', `Content-Length: ${text.length}`], text)), TYPE);
    expect(exact!.text).toBe(text);
    const [cut] = decodeBatch(batch(part('HTTP/1.1 200 OK', ['Content-Type: application/json', 'Content-Length: 7'], `${text}garbage`)), TYPE);
    expect(cut!.text).toBe('{"a":1}');
    const [empty] = decodeBatch(batch(part('HTTP/1.1 200 OK', ['Content-Type: application/json', 'Content-Length: 0'], 'junk')), TYPE);
    expect(empty).toMatchObject({ text: '', body: null });
  });

  it('joins a repeated header, lower-cases names, trims values and skips lines that are not headers', () => {
    const [one] = decodeBatch(
      batch(part('HTTP/1.1 200 OK', ['Set-Cookie: a=1', 'SET-COOKIE:   b=2  ', 'not a header', ': no name', 'X-Empty:'], '')),
      TYPE,
    );
    expect(one!.headers).toEqual({ 'set-cookie': 'a=1, b=2', 'x-empty': '' });
  });

  it('parses a body as JSON only when the part says JSON and the body is not blank', () => {
    const [plain, missing, blank, vendor] = decodeBatch(
      batch(
        part('HTTP/1.1 200 OK', ['Content-Type: text/plain'], '{"a":1}'),
        part('HTTP/1.1 200 OK', [], '{"a":1}'),
        part('HTTP/1.1 200 OK', ['Content-Type: application/json'], '   '),
        part('HTTP/1.1 200 OK', ['Content-Type: application/vnd.microsoft.com.ucwa+JSON'], '{"a":1}'),
      ),
      TYPE,
    );
    expect(plain).toMatchObject({ body: null, text: '{"a":1}' });
    expect(missing!.body).toBeNull();
    expect(blank!.body).toBeNull();
    expect(vendor!.body).toEqual({ a: 1 });
  });

  it('accepts HTTP/2 and padded status lines, refuses a status that is not three digits', () => {
    const [two, padded] = decodeBatch(batch(part('HTTP/2 503', [], ''), part('  HTTP/1.0 404 Not Found ', [], '')), TYPE);
    expect([two!.status, padded!.status]).toEqual([503, 404]);
    expect(() => decodeBatch(batch(part('HTTP/1.1 20 OK', [], '')), TYPE)).toThrow(BatchFormatError);
    expect(() => decodeBatch(batch(part('HTTP/1.1 2000', [], '')), TYPE)).toThrow(BatchFormatError);
    expect(() => decodeBatch(batch(part('XHTTP/1.1 200', [], '')), TYPE)).toThrow(BatchFormatError);
  });

  it('a part with no blank line after its own headers is not a response', () => {
    expect(() => decodeBatch('--b\r\nContent-Type: application/http; msgtype=response\r\n--b--', TYPE)).toThrow(BatchFormatError);
  });

  it('allows whitespace after a delimiter, and a boundary inside a body line does not split it', () => {
    const text = ['--b   ', 'Content-Type: application/http', '', 'HTTP/1.1 200 OK', 'Content-Type: text/plain', '', 'see --b here', '--b--'].join('\r\n');
    const parts = decodeBatch(text, TYPE);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.text).toBe('see --b here');
  });

  it('stops at the close delimiter: what follows is epilogue, even if it looks like a part', () => {
    const text = `${batch(part('HTTP/1.1 204 No Content', [], ''))}${part('HTTP/1.1 500 Oops', [], '')}\r\n--b--`;
    expect(decodeBatch(text, TYPE).map((p) => p.status)).toEqual([204]);
  });

  it('says which rule a refused answer broke, as a BatchFormatError', () => {
    const noBoundary = (): unknown => decodeBatch(batch(part('HTTP/1.1 200 OK', [], '')), 'multipart/batching');
    expect(noBoundary).toThrow(expect.objectContaining({ name: 'BatchFormatError', message: 'batch answer has no boundary in its Content-Type' }) as Error);
    expect(() => decodeBatch(batch(part('nonsense', [], '')), TYPE)).toThrow('batch part does not start with an HTTP status line');
  });

  it('a delimiter at the very start counts like any other; a body without delimiters has no parts', () => {
    expect(decodeBatch(batch(part('HTTP/1.1 200 OK', [], 'x')), TYPE)).toHaveLength(1);
    expect(() => decodeBatch('HTTP/1.1 200 OK\r\n\r\n', TYPE)).toThrow('batch answer contains no parts');
  });
});

describe('boundaryOf: only the boundary parameter', () => {
  it('ignores a parameter whose name only ends in "boundary" and stops an unquoted value at ; or space', () => {
    expect(boundaryOf('multipart/batching; xboundary=nope')).toBeUndefined();
    expect(boundaryOf('multipart/batching; boundary = abc ;charset=utf-8')).toBe('abc');
    expect(boundaryOf('multipart/batching;boundary=abc;x=1')).toBe('abc');
  });
});

describe('encodeBatch', () => {
  it('carries a part’s own Accept and its query string', () => {
    const body = encodeBatch([{ method: 'GET', href: 'https://pool.contoso.com/p/photo?size=48', accept: 'image/png' }], 'x');
    expect(body).toContain('GET /p/photo?size=48 HTTP/1.1\r\nHost: pool.contoso.com\r\nAccept: image/png\r\n\r\n\r\n--x--\r\n');
  });

  it('an empty batch is only the close delimiter', () => {
    expect(encodeBatch([], 'x')).toBe('--x--\r\n');
  });
});
