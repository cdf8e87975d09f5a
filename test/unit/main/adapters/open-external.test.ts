import { describe, expect, it } from 'vitest';
import { EXTERNAL_SCHEMES, createExternalOpener, externalUrl } from '../../../../main/adapters/open-external';
import type { Logger } from '../../../../main/core/ports';

function recording() {
  const opened: string[] = [];
  const logged: string[] = [];
  const logger: Logger = { log: (level, message) => logged.push(`${level} ${message}`) };
  const open = createExternalOpener({ openExternal: async (url) => void opened.push(url) }, logger);
  return { open, opened, logged };
}

describe('opening links outside the app', () => {
  it('allows exactly mailto:, tel:, sip:, im: and https:', () => {
    expect(Object.keys(EXTERNAL_SCHEMES)).toEqual(['mailto:', 'tel:', 'sip:', 'im:', 'https:']);
  });

  it.each([
    ['mailto:dana@contoso.com', 'mailto:dana@contoso.com'],
    ['mailto:dana@contoso.com?subject=Hello', 'mailto:dana@contoso.com?subject=Hello'],
    ['tel:+14255550100', 'tel:+14255550100'],
    ['sip:dana@contoso.com', 'sip:dana@contoso.com'],
    ['im:<sip:dana@contoso.com>', 'im:<sip:dana@contoso.com>'],
    ['https://contoso.sharepoint.com/personal/dana', 'https://contoso.sharepoint.com/personal/dana'],
    ['HTTPS://Contoso.com/', 'https://contoso.com/'],
  ])('opens %s', async (url, handed) => {
    const { open, opened } = recording();
    expect(await open(url)).toBe(true);
    expect(opened).toEqual([handed]);
  });

  it.each([
    ['plain http', 'http://contoso.com/'],
    ['a local file', 'file:///etc/passwd'],
    ['a network share', 'smb://fileserver/share'],
    ['script', 'javascript:alert(1)'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['a protocol handler that runs programs', 'ms-msdt:/id PCWDiagnostic'],
    ['Windows search', 'search-ms:query=secret&crumb=location:\\\\evil\\share'],
    ['the app itself', 'ucwa-tray://app/contacts.html'],
    ['https with user info', 'https://contoso.com@evil.example/'],
    ['https without a host', 'https://'],
    ['an empty address', 'mailto:'],
    ['a sip URL with a host part', 'sip://evil.example/x'],
    ['a newline', 'https://contoso.com/\nmailto:x'],
    ['a leading space', ' https://contoso.com/'],
    ['a NUL', 'tel:+1\u0000'],
    ['an overlong URL', `https://contoso.com/${'a'.repeat(2048)}`],
    ['not a URL', 'dana@contoso.com'],
    ['nothing', ''],
  ])('refuses %s, and logs only the scheme', async (_name, url) => {
    const { open, opened, logged } = recording();
    expect(externalUrl(url)).toBeUndefined();
    expect(await open(url)).toBe(false);
    expect(opened).toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^warn refused to open a link with scheme ([a-z0-9+.-]+|\(none\))$/);
    if (url.length > 12) expect(logged[0]).not.toContain(url.slice(url.indexOf(':') + 1));
  });

  it('reports a failing OS handler instead of throwing', async () => {
    const logged: string[] = [];
    const open = createExternalOpener(
      { openExternal: async () => Promise.reject(new Error('no application registered')) },
      { log: (level, message) => logged.push(`${level} ${message}`) },
    );
    expect(await open('tel:+14255550100')).toBe(false);
    expect(logged).toEqual(['warn could not open a phone call link: no application registered']);
  });
});
