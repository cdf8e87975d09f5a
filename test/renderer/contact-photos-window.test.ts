import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoPng } from '../simulator/photos';
import { launchChromium } from './support/chromium';
import { largeContactList } from './support/contact-lists';
import { baseSnapshot, createFakeBackend } from './support/fake-backend';
import { openBridgedPage } from './support/open-page';
import { buildRendererPages, type RendererPages } from './support/renderer-pages';

// Row photos over a 5,000-contact list with an in-memory main: only the rows in the DOM ask for a photo,
// scrolling asks for the new ones, and what main answers is shown only when it is a raster data: URL.

const PHOTO = `data:image/png;base64,${photoPng('anyone').toString('base64')}`;

let browser: Browser;
let pages: RendererPages;

beforeAll(async () => {
  [pages, browser] = await Promise.all([buildRendererPages(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await pages?.dispose();
});

describe('photos in the contact rows', () => {
  it('asks only for the rows in view, once each, and again only for rows scrolled into view', async () => {
    const contacts = largeContactList(5, 5000);
    const uris = Object.keys(contacts.contacts);
    const backend = createFakeBackend(baseSnapshot({ contacts }));
    // A third have a photo, a third none, and for a third a broken main answers with an SVG, never to be shown.
    const svg = 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+';
    const index = new Map(uris.map((uri, i) => [uri, i]));
    backend.contactPhoto = (uri: string) => [PHOTO, svg, null][index.get(uri)! % 3]!;
    const errors: string[] = [];
    const { page, bridge } = await openBridgedPage(browser, pages.contactsUrl, backend, { width: 900, height: 600 }, errors);
    const asked = (): string[] => bridge.calls.filter((c) => c.verb === 'contactPhoto').map((c) => c.arg as string);
    const rowUris = (): Promise<string[]> =>
      page.$$eval('#tree .contact-row button.watch', (bells) => bells.map((b) => (b as HTMLElement).dataset.uri!));

    await page.waitForFunction(() => document.querySelectorAll('#tree .row-avatar img').length > 0);
    const first = await rowUris();
    await page.locator('#tree').evaluate((tree) => (tree.scrollTop = 30 * 2000));
    // Photos arrive for the rows now in view (far below the first screen).
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('#tree .contact-row')].some((r) => Number(r.dataset.index) > 1500 && r.querySelector('.row-avatar img') !== null),
    );
    await bridge.flush();
    const second = await rowUris();
    expect(new Set(asked()).size).toBe(asked().length);
    for (const uri of asked()) expect([...first, ...second]).toContain(uri);
    expect(asked().some((uri) => second.includes(uri) && !first.includes(uri))).toBe(true);
    expect(asked().length).toBeLessThanOrEqual(first.length + second.length);
    // Figures, not assertions of time: how many rows asked, out of how many contacts.
    console.log(`row photos: ${asked().length} asks for ${first.length} + ${second.length} rendered rows of ${uris.length} contacts`);
    // 5,000 contacts, a few dozen asks.
    expect(asked().length).toBeLessThan(150);

    const shown = await page.$$eval('#tree img', (imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    expect(shown.every((src) => src === PHOTO)).toBe(true);
    expect(errors).toEqual([]);
    bridge.dispose();
    await page.close();
  });
});
