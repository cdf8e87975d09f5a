/**
 * `multipart/batching` (ucwa-protocol.md §7, RFC 2046 with CRLF line endings): build a request body
 * and parse a response body, strictly, so a simulator that bends the format fails.
 */

const CRLF = '\r\n';

/** One inner request of a batch. */
export interface BatchPart {
  readonly method: string;
  /** Absolute URL; the request line carries its path and query, the Host header its host. */
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** One inner response of a batch. */
export interface BatchResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Headers of the MIME part itself (Content-Type: application/http; msgtype=response). */
  readonly partHeaders: Record<string, string>;
}

/** Serialises parts into a multipart/batching body with CRLF everywhere. */
export function buildBatch(parts: readonly BatchPart[], boundary: string): string {
  let out = '';
  for (const part of parts) {
    const url = new URL(part.url);
    const headers: Record<string, string> = { Host: url.host, Accept: 'application/json', ...part.headers };
    if (part.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(part.body));
    out += `--${boundary}${CRLF}Content-Type: application/http; msgtype=request${CRLF}${CRLF}`;
    out += `${part.method} ${url.pathname}${url.search} HTTP/1.1${CRLF}`;
    for (const [name, value] of Object.entries(headers)) out += `${name}: ${value}${CRLF}`;
    out += CRLF;
    if (part.body !== undefined) out += part.body + CRLF;
  }
  return `${out}--${boundary}--${CRLF}`;
}

/** The boundary parameter of a multipart Content-Type (quoted or not), or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function parseHeaderBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split(CRLF)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`bad header line ${JSON.stringify(line)}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Parses a multipart/batching response. Throws when a delimiter, header block or status line is not
 * CRLF-terminated, so LF-only output is caught.
 */
export function parseBatch(contentType: string, text: string): BatchResponse[] {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) throw new Error(`no boundary in ${contentType}`);
  const delimiter = `--${boundary}`;
  const closing = text.lastIndexOf(`${delimiter}--`);
  if (closing < 0) throw new Error('no closing delimiter');
  const segments = text.slice(0, closing).split(delimiter).slice(1);
  return segments.map((segment, index) => {
    if (!segment.startsWith(CRLF)) throw new Error(`part ${index}: delimiter line not CRLF-terminated`);
    const partText = segment.slice(2).replace(/\r\n$/, '');
    const partHeaderEnd = partText.indexOf(CRLF + CRLF);
    if (partHeaderEnd < 0) throw new Error(`part ${index}: no CRLF CRLF after part headers`);
    const partHeaders = parseHeaderBlock(partText.slice(0, partHeaderEnd));
    const http = partText.slice(partHeaderEnd + 4);
    const statusEnd = http.indexOf(CRLF);
    if (statusEnd < 0) throw new Error(`part ${index}: status line not CRLF-terminated`);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(http.slice(0, statusEnd));
    if (status === null) throw new Error(`part ${index}: bad status line ${JSON.stringify(http.slice(0, statusEnd))}`);
    const rest = http.slice(statusEnd + 2);
    const headerEnd = rest.startsWith(CRLF) ? 0 : rest.indexOf(CRLF + CRLF);
    if (headerEnd < 0) throw new Error(`part ${index}: inner headers not terminated by CRLF CRLF`);
    const headers = parseHeaderBlock(rest.slice(0, headerEnd));
    const body = rest.slice(headerEnd === 0 ? 2 : headerEnd + 4);
    return { status: Number(status[1]), headers, body, partHeaders };
  });
}
