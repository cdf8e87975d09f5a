import { describe, expect, it } from 'vitest';
import { RENDERER_ORIGIN, RENDERER_PAGES, isTrustedRendererUrl, rendererPageUrl } from '../../../../main/adapters/renderer-origin';

describe('renderer origin', () => {
  it('loads every page from ucwa-tray://app', () => {
    expect(RENDERER_ORIGIN).toBe('ucwa-tray://app');
    expect(RENDERER_PAGES.map(rendererPageUrl)).toEqual(['ucwa-tray://app/contacts.html', 'ucwa-tray://app/sign-in.html']);
  });

  it.each([
    ['contacts', 'ucwa-tray://app/contacts.html'],
    ['sign-in', 'ucwa-tray://app/sign-in.html'],
    // Chromium canonicalises standard-scheme URLs; a dot segment resolving to our page is our page.
    ['a dot segment resolving to our page', 'ucwa-tray://app/x/../contacts.html'],
  ])('trusts %s', (_name, url) => {
    expect(isTrustedRendererUrl(url)).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['an empty URL', ''],
    ['not a URL', 'contacts.html'],
    ['our page from disk (the old file:// origin)', 'file:///opt/app/dist/renderer/contacts.html'],
    ['a web page with our path', 'https://app/contacts.html'],
    ['another host of our scheme', 'ucwa-tray://evil/contacts.html'],
    ['a port', 'ucwa-tray://app:1/contacts.html'],
    ['user info', 'ucwa-tray://user@app/contacts.html'],
    ['a query', 'ucwa-tray://app/contacts.html?x=1'],
    ['an empty query', 'ucwa-tray://app/contacts.html?'],
    ['a fragment', 'ucwa-tray://app/contacts.html#top'],
    ['another file of the bundle', 'ucwa-tray://app/contacts.js'],
    ['a page in a sub-folder', 'ucwa-tray://app/x/contacts.html'],
    ['an encoded slash', 'ucwa-tray://app/x%2Fcontacts.html'],
    ['the origin alone', 'ucwa-tray://app/'],
  ])('does not trust %s', (_name, url) => {
    expect(isTrustedRendererUrl(url)).toBe(false);
  });
});
