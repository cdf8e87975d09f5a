import type { Logger, LogLevel } from '../core/ports';

const ORDER: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * Defence in depth: strip anything that looks like a credential even though callers never pass one
 * (form fields, JSON fields, Authorization values), and the query string and fragment of every
 * http(s) URL, which callers already remove (`redactUrl`) but where a token or an `ack` could hide.
 */
export function redact(text: string): string {
  return text
    .replace(/\b(https?:\/\/[^\s?#"'<>]*)[?#][^\s"'<>]*/gi, '$1')
    .replace(/(access_token|password|refresh_token|code)=([^&\s]+)/gi, '$1=[redacted]')
    .replace(/("(?:access_token|password|refresh_token)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"[redacted]"')
    .replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]');
}

/** One line per entry on stderr: `2026-11-23T10:00:00.000Z warn message key=value`. */
export function createConsoleLogger(minimum: LogLevel = 'info', write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  return {
    log(level, message, fields) {
      if (ORDER[level] < ORDER[minimum]) return;
      const extra = fields ? Object.entries(fields).map(([key, value]) => ` ${key}=${String(value)}`).join('') : '';
      write(redact(`${new Date().toISOString()} ${level} ${message}${extra}`));
    },
  };
}
