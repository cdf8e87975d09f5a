import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createConsoleLogger, redact } from '../../../../main/adapters/console-logger';
import type { Logger } from '../../../../main/core/ports';
import { createHttpClient } from '../../../../main/core/ucwa/http-client';

function capture(minimum: 'debug' | 'info' = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createConsoleLogger(minimum, (line) => lines.push(line)), lines };
}

describe('console logger', () => {
  it('writes one line per entry at or above the level, with its fields', () => {
    const { logger, lines } = capture('info');
    logger.log('debug', 'hidden');
    logger.log('warn', 'token acquired', { host: 'lync.contoso.com', expiresIn: 28800 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z warn token acquired host=lync\.contoso\.com expiresIn=28800$/);
  });

  it.each([
    ['a query string', 'GET https://lync.contoso.com/ucwa/v1/applications/1/events?ack=3&access_token=abc', 'GET https://lync.contoso.com/ucwa/v1/applications/1/events'],
    ['a fragment', 'see http://127.0.0.1:8080/x#access_token=abc', 'see http://127.0.0.1:8080/x'],
    ['a form body', 'grant_type=password&username=dana&password=Passw0rd!', 'grant_type=password&username=dana&password=[redacted]'],
    ['a JSON token', '{"access_token":"cwt=AAEB\\"x","expires_in":28800}', '{"access_token":"[redacted]","expires_in":28800}'],
    ['a bearer header', 'Authorization: Bearer cwt=AAEB.x-y', 'Authorization: Bearer [redacted]'],
    ['basic credentials', 'Authorization: Basic ZGFuYTpQYXNzdzByZCE=', 'Authorization: Basic [redacted]'],
  ])('removes %s', (_name, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('redacts what a caller passes in fields too', () => {
    const { logger, lines } = capture();
    logger.log('error', 'request failed', { url: 'https://pool.contoso.com/ucwa/x?ack=4', authorization: 'Bearer cwt=SECRET' });
    expect(lines[0]).toContain('url=https://pool.contoso.com/ucwa/x authorization=Bearer [redacted]');
    expect(lines[0]).not.toMatch(/ack=|SECRET/);
  });

  it('the HTTP client logs a request URL without its query string, and never the token it sent', async () => {
    const recorded: { level: string; message: string; fields?: Readonly<Record<string, unknown>> }[] = [];
    const logger: Logger = { log: (level, message, fields) => recorded.push({ level, message, ...(fields ? { fields } : {}) }) };
    const sent: (string | null)[] = [];
    const client = createHttpClient({
      logger,
      fetch: async (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        sent.push(request.headers.get('authorization'));
        return new Response('{"_links":{}}', { status: 200, headers: { 'Content-Type': 'application/json' } });
      },
      authenticator: { authorization: () => 'Bearer cwt=SECRET-TOKEN', authenticate: async () => undefined },
    });
    await firstValueFrom(
      client.request({ method: 'GET', href: 'https://lync.contoso.com/ucwa/v1/applications/1/events?ack=3', query: { timeout: '180' } }),
    );
    // The token did go to the server: the log line below is about a real authenticated request.
    expect(sent).toEqual(['Bearer cwt=SECRET-TOKEN']);
    // Checked on what the client hands the logger, before the console logger's own redaction.
    expect(recorded).toEqual([{ level: 'debug', message: 'http', fields: { method: 'GET', url: 'https://lync.contoso.com/ucwa/v1/applications/1/events', status: 200 } }]);
    expect(JSON.stringify(recorded)).not.toMatch(/SECRET|ack=|timeout=|\?/);
  });
});
