/**
 * What the simulator received (method, path, status, time), so tests and benchmarks can count
 * round trips. Secrets never enter it: sensitive query parameters are masked.
 */
export interface LoggedRequest {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** 0 when the connection was dropped without an answer. */
  readonly status: number;
  /** Simulated time, ISO 8601. */
  readonly at: string;
}

const SECRET_PARAMS = /^(password|access_token|token|ms_rtc_renew|cwt|code)$/i;

/** The query string with secret-looking parameters masked. Pure. */
export function sanitizeQuery(search: string): string {
  const params = new URLSearchParams(search);
  const out = new URLSearchParams();
  for (const [key, value] of params) out.append(key, SECRET_PARAMS.test(key) || /^cwt=/i.test(value) ? '***' : value);
  const text = out.toString();
  return text === '' ? '' : `?${text}`;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly limit = 10_000) {}

  record(method: string, url: URL, status: number, at: number): LoggedRequest {
    const entry: LoggedRequest = { seq: ++this.seq, method, path: url.pathname, query: sanitizeQuery(url.search), status, at: new Date(at).toISOString() };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  since(seq: number): LoggedRequest[] {
    return this.entries.filter((e) => e.seq > seq);
  }

  clear(): void {
    this.entries = [];
  }
}
