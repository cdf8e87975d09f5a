import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../main/core/ports';
import { demoDirectory } from '../simulator/index';
import { photoPng } from '../simulator/photos';
import type { InstalledBridge } from './support/bridge';
import { launchChromium } from './support/chromium';
import { DANA, startLiveStack, type LiveStack } from './support/live-stack';
import { openBridgedPage } from './support/open-page';
import { buildRendererPages, type RendererPages } from './support/renderer-pages';
import { saveScreenshot } from './support/screenshots';

// The contact card in the real renderer bundle, its window.ucwa bound to the real engine against the
// simulator, whose applications (and so photos) live on a second origin with a token of its own.

const XSS = '<img src=x onerror=alert(1)>';
const WAIT = { timeout: 20_000 };

/** Every request the engine made: where to, with which Authorization; and which origin issued which token. */
interface Seen {
  readonly url: URL;
  readonly authorization: string | null;
  readonly ifNoneMatch: string | null;
  readonly status: number;
  readonly etag: string | null;
}
const seen: Seen[] = [];
const issued = new Map<string, string>();
const recordingFetch: FetchLike = async (input, init) => {
  const request = input instanceof Request ? input : new Request(input, init);
  const response = await fetch(request);
  const url = new URL(request.url);
  seen.push({ url, authorization: request.headers.get('authorization'), ifNoneMatch: request.headers.get('if-none-match'), status: response.status, etag: response.headers.get('etag') });
  if (/oauthtoken$/i.test(url.pathname) && response.ok) {
    const body = (await response.clone().json()) as { access_token: string };
    issued.set(url.origin, body.access_token);
  }
  return response;
};

let browser: Browser;
let pages: RendererPages;
let stack: LiveStack;
let page: Page;
let bridge: InstalledBridge;
const pageErrors: string[] = [];

const card = (selector: string) => page.locator(`#contact-card ${selector}`);
const field = async (label: string): Promise<string | null> =>
  page.evaluate((name) => {
    const dt = [...document.querySelectorAll('#contact-card dt')].find((n) => n.textContent === name);
    return dt?.nextElementSibling?.textContent ?? null;
  }, label);
async function select(name: string): Promise<void> {
  await page.locator('#tree .contact-row', { has: page.locator(`.contact-name:text-is("${name}")`) }).first().click();
  await page.waitForFunction((n) => document.querySelector('#card-name')?.textContent === n && document.querySelector('#contact-card dl') !== null, name, WAIT);
}

beforeAll(async () => {
  const users = demoDirectory();
  const lene = users.users.find((u) => u.uri === 'sip:lenea@contoso.com')!;
  lene.title = XSS;
  lene.note = `Back Monday ${XSS}`;
  [pages, browser, stack] = await Promise.all([
    buildRendererPages(),
    launchChromium(),
    startLiveStack({ users, config: { splitApplicationsHost: true }, fetch: recordingFetch, photoFreshMs: 0 }),
  ]);
  await stack.backend.signIn({ ...DANA, discoveryUrl: stack.sim.rootUrl, keepSignedIn: false, acceptWeakStorage: false });
  ({ page, bridge } = await openBridgedPage(browser, pages.contactsUrl, stack.backend, { width: 1100, height: 700 }, pageErrors));
  await page.waitForSelector('.contact-name:text-is("Sara Davis")', WAIT);
});
afterAll(async () => {
  bridge?.dispose();
  await page?.close();
  await browser?.close();
  await stack?.close();
  await pages?.dispose();
});

describe('contact card on the real stack', () => {
  it('shows the fields and the photo the simulator holds', async () => {
    await select('Sara Davis');
    expect(await field('Title')).toBe('Software Engineer');
    expect(await field('Department')).toBe('Engineering');
    expect(await field('Company')).toBe('Contoso');
    expect(await field('Office')).toBe('Building 4, 2/121');
    expect(await field('Email')).toBe('sarad@contoso.com');
    expect(await field('Work phone')).toBe('+14255550102');
    expect(await field('Mobile phone')).toBe('+14255550192');
    expect(await field('Location')).toBe('Redmond');
    expect(await card('.card-note-personal .card-note-kind').textContent()).toBe('Note');
    expect(await card('.card-note-text').textContent()).toBe('Shipping Falcon this week');
    expect(await card('.card-presence-text').textContent()).toBe('Available');

    // The very PNG the simulator serves for Sara, as a data: URL (the page never gets a server URL).
    await page.waitForSelector('#contact-card .card-avatar img.avatar-photo', WAIT);
    const src = await card('.card-avatar img').getAttribute('src');
    expect(src).toBe(`data:image/png;base64,${photoPng('sarad@contoso.com').toString('base64')}`);
    expect(await page.evaluate(() => (document.querySelector('#contact-card .card-avatar img') as HTMLImageElement).naturalWidth)).toBe(48);

    const shot = await saveScreenshot(page, 'contact-card.png');
    expect([shot.width, shot.height]).toEqual([1100, 700]);
    expect(shot.colours).toBeGreaterThan(100);
  });

  it('keeps presence on the card live', async () => {
    await stack.control('PUT', `/_sim/users/${encodeURIComponent('sarad@contoso.com')}/presence`, { availability: 'Busy' });
    await page.waitForFunction(() => document.querySelector('#contact-card .card-presence-text')?.textContent === 'Busy', undefined, WAIT);
  });

  it('asks main to open exactly the mailto:, tel: and im: links, and copies the address', async () => {
    for (const action of ['sendEmail', 'callWork', 'callMobile', 'startIm']) await card(`[data-action="${action}"]`).click();
    await card('[data-action="copyAddress"]').click();
    await page.waitForFunction(() => document.querySelector('#contact-card .card-status')?.textContent === 'Address copied.', undefined, WAIT);
    expect(stack.opened).toEqual(['mailto:sarad@contoso.com', 'tel:+14255550102', 'tel:+14255550192', 'im:<sip:sarad@contoso.com>']);
    expect(stack.copied).toEqual(['sarad@contoso.com']);
  });

  it('offers Start IM only to a contact the server says can take a message', async () => {
    // The simulator reports no modalities for an offline contact.
    await stack.control('PUT', `/_sim/users/${encodeURIComponent('manishc@contoso.com')}/presence`, { availability: 'Offline' });
    await page.waitForFunction(() => [...document.querySelectorAll('#tree .contact-row')].some((row) => row.textContent?.includes('Manish Chopra') && row.textContent.includes('Offline')), undefined, WAIT);
    await select('Manish Chopra');
    expect(await card('[data-action="copyAddress"]').count()).toBe(1);
    expect(await card('[data-action="startIm"]').count()).toBe(0);
    await stack.control('PUT', `/_sim/users/${encodeURIComponent('manishc@contoso.com')}/presence`, { availability: 'Busy' });
  });

  it('shows a hostile title and note as text, and initials for a contact without a photo', async () => {
    await select('Lene Aaling');
    expect(await field('Title')).toBe(XSS);
    expect(await card('.card-note-text').textContent()).toBe(`Back Monday ${XSS}`);
    // The only img anywhere on the card would be the photo; Lene has none.
    expect(await page.locator('#contact-card img').count()).toBe(0);
    expect(await card('.card-avatar .avatar-initials').textContent()).toBe('LA');
    expect(await card('.card-avatar').evaluate((n) => n.classList.contains('has-photo'))).toBe(false);
    expect(bridge.dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows photos in the visible rows, initials where there is none', async () => {
    await page.waitForFunction(
      () => document.querySelector('#tree .contact-row[data-key$=":sip:manishc@contoso.com"] .row-avatar img') !== null,
      undefined,
      WAIT,
    );
    const lene = page.locator('#tree .contact-row', { has: page.locator('.contact-name:text-is("Lene Aaling")') }).first();
    expect(await lene.locator('.avatar-initials').getAttribute('data-initials')).toBe('LA');
    expect(await lene.locator('img').count()).toBe(0);
  });

  it('sends the token with photo requests only to the origin that issued it, and revalidates with the ETag', async () => {
    const photoRequests = seen.filter((r) => /\/photos\//i.test(r.url.pathname));
    expect(photoRequests.length).toBeGreaterThan(0);
    // Two origins, two different tokens: the photos live on the applications origin.
    expect(issued.size).toBe(2);
    expect(new Set(issued.values()).size).toBe(2);
    for (const request of photoRequests) {
      expect(issued.has(request.url.origin)).toBe(true);
      expect(request.authorization).toBe(`Bearer ${issued.get(request.url.origin)}`);
    }
    for (const request of seen.filter((r) => r.authorization !== null)) {
      expect(request.authorization).toBe(`Bearer ${issued.get(request.url.origin)}`);
    }

    // Opening Sara's card again asks main again; main revalidates with the ETag: 304, same photo.
    const isSara = (r: Seen): boolean => /\/photos\/sarad@contoso\.com$/i.test(decodeURIComponent(r.url.pathname));
    const first = seen.filter(isSara)[0]!;
    expect([first.status, first.ifNoneMatch]).toEqual([200, null]);
    await select('Lene Aaling');
    const before = seen.length;
    await select('Sara Davis');
    await page.waitForFunction(() => document.querySelector('#contact-card .card-avatar img.avatar-photo') !== null, undefined, WAIT);
    const again = seen.slice(before).filter(isSara);
    expect(again.map((r) => [r.status, r.ifNoneMatch])).toEqual([[304, first.etag]]);
    expect(first.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(await card('.card-avatar img').getAttribute('src')).toBe(`data:image/png;base64,${photoPng('sarad@contoso.com').toString('base64')}`);
  });

  it('never hands the page a token or a server URL', async () => {
    const html = await page.content();
    for (const token of issued.values()) expect(html).not.toContain(token.replace(/^cwt=/, ''));
    expect(html).not.toContain(stack.sim.origin);
    expect(html).not.toMatch(/\/photos\//i);
  });
});
