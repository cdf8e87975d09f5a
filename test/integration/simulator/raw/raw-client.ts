/**
 * A tiny HTTP/1.1 client over `node:net` for conformance tests: it writes exactly the bytes a test
 * gives it (no header normalisation, no URL parsing) and parses what comes back by the message
 * framing rules of RFC 9112 §6 (Content-Length, chunked, or until close), so the tests see the
 * server's bytes as a third-party client would.
 */
import { connect, type Socket } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';

/** One parsed response (interim 1xx responses included, when asked for). */
export interface RawResponse {
  readonly httpVersion: string;
  readonly status: number;
  readonly reason: string;
  /** Header lines as received, in order. */
  readonly rawHeaders: readonly (readonly [string, string])[];
  /** The body bytes as framed on the wire (still content-encoded). */
  readonly body: Buffer;
  readonly chunked: boolean;
}

/** Value of a header (names compared case-insensitively; repeated headers joined with ", "). */
export function header(res: RawResponse, name: string): string | undefined {
  const values = res.rawHeaders.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}

/** Every value of a header, one per line received. */
export function headerLines(res: RawResponse, name: string): string[] {
  return res.rawHeaders.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}

/** The body with its Content-Encoding undone (gzip, deflate or none), as UTF-8 text. */
export function decodedText(res: RawResponse): string {
  const coding = (header(res, 'content-encoding') ?? 'identity').toLowerCase();
  if (coding === 'gzip') return gunzipSync(res.body).toString('utf8');
  if (coding === 'deflate') return inflateSync(res.body).toString('utf8');
  if (coding !== 'identity') throw new Error(`unexpected content-encoding ${coding}`);
  return res.body.toString('utf8');
}

/** The decoded body parsed as JSON. */
export function decodedJson(res: RawResponse): unknown {
  return JSON.parse(decodedText(res));
}

/** A request's exact bytes: request line, header lines in the given order and spelling, CRLFs, body. */
export function requestBytes(method: string, target: string, headers: readonly (readonly [string, string])[], body = '', version = 'HTTP/1.1'): Buffer {
  const head = [`${method} ${target} ${version}`, ...headers.map(([n, v]) => `${n}: ${v}`), '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body, 'utf8')]);
}

/** A body's `Content-Length` value in bytes. */
export const lengthOf = (body: string): string => String(Buffer.byteLength(body));

/** One TCP connection; responses are read off it in order, so pipelined answers can be checked one by one. */
export class RawConnection {
  private buffer = Buffer.alloc(0);
  private ended = false;
  private waiter: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('end', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('error', () => {
      this.ended = true;
      this.wake();
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** True once the server has closed its side. */
  get closed(): boolean {
    return this.ended;
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /**
   * Reads the next response. `head`: it answers a HEAD (no body whatever its headers say).
   * Interim 1xx responses are returned too: a caller expecting a final answer skips them with {@link finalResponse}.
   */
  async read(options: { head?: boolean } = {}): Promise<RawResponse> {
    const end = await this.until(() => this.buffer.indexOf('\r\n\r\n'));
    const head = this.buffer.subarray(0, end).toString('latin1');
    this.buffer = this.buffer.subarray(end + 4);
    const [statusLine = '', ...lines] = head.split('\r\n');
    const m = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(statusLine);
    if (!m) throw new Error(`bad status line: ${JSON.stringify(statusLine)}`);
    const rawHeaders = lines.map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
    const base = { httpVersion: m[1]!, status: Number(m[2]), reason: m[3] ?? '', rawHeaders };
    const partial: RawResponse = { ...base, body: Buffer.alloc(0), chunked: false };
    if (options.head || base.status < 200 || base.status === 204 || base.status === 304) return partial;
    if ((header(partial, 'transfer-encoding') ?? '').toLowerCase().includes('chunked')) {
      return { ...base, body: await this.readChunked(), chunked: true };
    }
    const length = header(partial, 'content-length');
    if (length !== undefined) {
      const n = Number(length);
      await this.until(() => (this.buffer.length >= n ? n : -1));
      const body = this.buffer.subarray(0, n);
      this.buffer = this.buffer.subarray(n);
      return { ...base, body, chunked: false };
    }
    await this.until(() => (this.ended ? 0 : -1));
    const body = this.buffer;
    this.buffer = Buffer.alloc(0);
    return { ...base, body, chunked: false };
  }

  /** Reads responses until a final (non-1xx) one; returns it with the interim ones seen before. */
  async finalResponse(options: { head?: boolean } = {}): Promise<{ response: RawResponse; interim: RawResponse[] }> {
    const interim: RawResponse[] = [];
    for (;;) {
      const res = await this.read(options);
      if (res.status >= 200) return { response: res, interim };
      interim.push(res);
    }
  }

  /** Sends one request and reads its final answer. */
  async exchange(bytes: Buffer | string, options: { head?: boolean } = {}): Promise<RawResponse> {
    this.write(bytes);
    return (await this.finalResponse(options)).response;
  }

  /** Resolves when the server has closed the connection. */
  async waitClosed(): Promise<void> {
    await this.until(() => (this.ended ? 0 : -1));
  }

  /** Bytes received and not yet parsed (after a response: proof that nothing followed it). */
  get pending(): Buffer {
    return this.buffer;
  }

  close(): void {
    this.socket.destroy();
  }

  private async readChunked(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = await this.until(() => this.buffer.indexOf('\r\n'));
      const size = parseInt(this.buffer.subarray(0, lineEnd).toString('latin1').split(';')[0]!.trim(), 16);
      if (!Number.isFinite(size)) throw new Error('bad chunk size');
      this.buffer = this.buffer.subarray(lineEnd + 2);
      if (size === 0) {
        // Trailer section, ended by an empty line.
        for (;;) {
          const end = await this.until(() => this.buffer.indexOf('\r\n'));
          const empty = end === 0;
          this.buffer = this.buffer.subarray(end + 2);
          if (empty) return Buffer.concat(parts);
        }
      }
      await this.until(() => (this.buffer.length >= size + 2 ? size : -1));
      parts.push(this.buffer.subarray(0, size));
      this.buffer = this.buffer.subarray(size + 2);
    }
  }

  /** Waits until `probe` finds what it needs (≥ 0) in the buffer; fails if the connection ends first. */
  private async until(probe: () => number): Promise<number> {
    for (;;) {
      const found = probe();
      if (found >= 0) return found;
      if (this.ended) throw new Error(`connection closed with ${this.buffer.length} unparsed bytes`);
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
