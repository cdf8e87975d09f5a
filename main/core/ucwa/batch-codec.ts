/**
 * Pure `multipart/batching` codec (ucwa-protocol.md §7, RFC 2046): many HTTP requests in one POST,
 * their responses back in request order. No I/O here, so both directions are unit-testable.
 */

const CRLF = '\r\n';

/** One inner request of a batch. `href` must be absolute (taken from a `_links` href). */
export interface BatchRequestPart {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly href: string;
  readonly accept?: string;
  /** JSON body for POST/PUT parts. */
  readonly json?: unknown;
}

/** One inner response, as the server wrote it. */
export interface BatchResponsePart {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the inner content type is JSON and the text parses; otherwise `null`. */
  readonly body: unknown;
  readonly text: string;
}

/** Builds the outer Content-Type for a boundary. */
export function batchContentType(boundary: string): string {
  return `multipart/batching;boundary=${boundary}`;
}

/**
 * Encodes requests as a `multipart/batching` body. Each part is `application/http; msgtype=request`
 * carrying an origin-form request line plus `Host`, as the documented capture does.
 */
export function encodeBatch(requests: readonly BatchRequestPart[], boundary: string): string {
  const parts = requests.map((request) => {
    const url = new URL(request.href);
    const lines = [
      'Content-Type: application/http; msgtype=request',
      '',
      `${request.method} ${url.pathname}${url.search} HTTP/1.1`,
      `Host: ${url.host}`,
      `Accept: ${request.accept ?? 'application/json'}`,
    ];
    if (request.json !== undefined) {
      const body = JSON.stringify(request.json);
      lines.push('Content-Type: application/json', '', body);
    } else {
      lines.push('', '');
    }
    return `--${boundary}${CRLF}${lines.join(CRLF)}${CRLF}`;
  });
  return `${parts.join('')}--${boundary}--${CRLF}`;
}

/** Reads the `boundary` parameter (quoted or not) from a multipart Content-Type; `undefined` if absent. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Thrown by `decodeBatch` for a body that is not a well-formed batch answer. */
export class BatchFormatError extends Error {
  override readonly name = 'BatchFormatError';
}

/**
 * Decodes a `multipart/batching` answer into its inner responses, in the order the server wrote them
 * (request order, §7). Accepts bare LF line ends too, and ignores preamble/epilogue text.
 */
export function decodeBatch(text: string, contentType: string): BatchResponsePart[] {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) throw new BatchFormatError('batch answer has no boundary in its Content-Type');
  const normalized = text.replace(/\r?\n/g, CRLF);
  const delimiter = `${CRLF}--${boundary}`;
  // Prefixing CRLF lets a delimiter at the very start match like any other (RFC 2046 §5.1.1).
  const chunks = `${CRLF}${normalized}`.split(delimiter);
  if (chunks.length < 2) throw new BatchFormatError('batch answer contains no parts');
  const parts: BatchResponsePart[] = [];
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break; // close delimiter: the rest is epilogue
    parts.push(decodePart(chunk.replace(/^[ \t]*\r\n/, '')));
  }
  return parts;
}

function decodePart(part: string): BatchResponsePart {
  const [, inner] = splitHead(part);
  const [head, rawBody] = splitHead(inner);
  const [statusLine = '', ...headerLines] = head.split(CRLF);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(statusLine.trim());
  if (!status?.[1]) throw new BatchFormatError('batch part does not start with an HTTP status line');
  const headers = parseHeaders(headerLines);
  const length = Number(headers['content-length']);
  const text = Number.isInteger(length) && length >= 0 && length <= rawBody.length ? rawBody.slice(0, length) : rawBody;
  return { status: Number(status[1]), headers, body: parseJsonBody(headers['content-type'], text), text };
}

/** Splits a message at its first blank line into head and rest (rest is '' when there is none). */
function splitHead(message: string): [string, string] {
  const index = message.indexOf(`${CRLF}${CRLF}`);
  if (index < 0) return [message, ''];
  return [message.slice(0, index), message.slice(index + 4)];
}

function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

function parseJsonBody(contentType: string | undefined, text: string): unknown {
  if (text.trim() === '' || contentType === undefined || !/json/i.test(contentType)) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
