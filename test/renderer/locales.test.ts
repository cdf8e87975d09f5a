import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES, flattenCatalog, type Locale } from '../../shared/i18n';
import { CATALOGS } from '../../shared/i18n/locales/index';
import type { AppSnapshot } from '../../shared/ipc-contract';
import type { Change, ContactList } from '../../shared/models';
import type { InstalledBridge } from './support/bridge';
import { launchChromium } from './support/chromium';
import { baseSnapshot, createFakeBackend, DEFAULT_SIGN_IN, type FakeBackend } from './support/fake-backend';
import { openBridgedPage } from './support/open-page';
import { buildRendererPages, type RendererPages } from './support/renderer-pages';
import { LOCALE_SCREENSHOT_DIR as LOCALE_SHOTS, saveScreenshot } from './support/screenshots';

// Both windows in every language: every word from the catalog (no raw key, no {{placeholder}}),
// nothing clipped at the windows' width (420 px, German is long), a screenshot per locale, and a
// language switch pushed by main re-words an open window without a reload.

/** The windows' width (main/adapters/windows.ts): the narrowest they are opened at. */
const WIDTH = 420;
const NOW = Date.now();

const KEYS = Object.keys(flattenCatalog(CATALOGS.en)).map((key) => key.replace(/_(zero|one|two|few|many|other)$/, ''));

const CONTACTS: ContactList = {
  groups: [
    { id: 'p', name: 'Pinned Contacts', kind: 'pinned', contactUris: ['sip:sara@contoso.com', 'sip:manish@contoso.com'] },
    { id: 'f', name: 'Project Falcon', kind: 'personal', contactUris: ['sip:sara@contoso.com', 'sip:pilar@contoso.com', 'sip:tobias@contoso.com'] },
    { id: 'o', name: 'Other Contacts', kind: 'default', contactUris: ['sip:olivia@contoso.com', 'sip:jonas@contoso.com'] },
    { id: 'd', name: 'Engineering DL', kind: 'distribution', contactUris: ['sip:ravi@contoso.com'] },
  ],
  contacts: {
    'sip:sara@contoso.com': { uri: 'sip:sara@contoso.com', name: 'Sara Davis', availability: 'Online', note: 'Shipping Falcon' },
    'sip:manish@contoso.com': { uri: 'sip:manish@contoso.com', name: 'Manish Chopra', availability: 'Busy' },
    'sip:pilar@contoso.com': { uri: 'sip:pilar@contoso.com', name: 'Pilar Pinilla', availability: 'BeRightBack' },
    'sip:tobias@contoso.com': { uri: 'sip:tobias@contoso.com', name: 'Tobias Ritter', availability: 'DoNotDisturb' },
    'sip:olivia@contoso.com': { uri: 'sip:olivia@contoso.com', name: 'Olivia Wilson', availability: 'Offwork' },
    'sip:jonas@contoso.com': { uri: 'sip:jonas@contoso.com', name: 'Jonas Bergström', availability: 'IdleOnline' },
    'sip:ravi@contoso.com': { uri: 'sip:ravi@contoso.com', name: 'Ravi Mehta', availability: 'Away' },
  },
};

const CHANGES: Change[] = [
  { kind: 'contactPresenceChanged', contact: 'Pilar Pinilla', contactUri: 'sip:pilar@contoso.com', availability: 'BeRightBack', at: NOW - 60_000 },
  { kind: 'contactAdded', contact: 'Ravi Mehta', group: 'Engineering DL', at: NOW - 120_000 },
  { kind: 'groupRenamed', group: 'Project Falcon', previousGroup: 'Falcon', at: NOW - 180_000 },
  { kind: 'groupAdded', group: 'Lunch crew', at: NOW - 86_400_000 * 2 },
];

function contactsSnapshot(locale: Locale): AppSnapshot {
  return baseSnapshot({
    locale,
    session: { state: 'reconnecting', attempt: 2, nextRetryAt: NOW + 90_000, lastError: 'HTTP 503 Service Unavailable' },
    presence: { availability: 'DoNotDisturb', note: 'Quarterly review' },
    desired: { availability: null, note: 'Quarterly review' },
    contacts: CONTACTS,
    changes: CHANGES,
    watched: ['sip:sara@contoso.com'],
  });
}

/** Every word a person can see or hear on the page: text, placeholders, titles, labels, options. */
async function pageWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const words = [document.title, document.body.innerText];
    for (const node of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const value = node.getAttribute(name);
        if (value) words.push(value);
      }
    }
    for (const option of document.querySelectorAll('option')) words.push(option.textContent ?? '');
    for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) words.push(`[${node.dataset['i18n']}] ${node.textContent ?? ''}`);
    return words;
  });
}

function expectNoRawKey(words: readonly string[]): void {
  const text = words.join('\n');
  expect(text).not.toContain('{{');
  expect(text).not.toMatch(/undefined|\[object /);
  expect(KEYS.filter((key) => new RegExp(`(^|[^\\w.\\[])${key.replace(/\./g, '\\.')}($|[^\\w.\\]])`, 'm').test(text))).toEqual([]);
  // A keyed element left empty would mean a missing message.
  expect(words.filter((word) => /^\[[\w.]+\] $/.test(word))).toEqual([]);
}

/**
 * Elements whose words do not fit: text overflowing its own box (scrollWidth > clientWidth) or the
 * page scrolling sideways. Names and notes are data and may ellipsize by design; words may not.
 */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    // Screen-reader-only labels are 1 px boxes by design.
    const data = '.group-name, .contact-name, .contact-note, .me-note, input, .tree, .tree-spacer, [hidden], .visually-hidden';
    for (const node of document.querySelectorAll<HTMLElement>('body *')) {
      if (node.closest(data) || node.offsetParent === null) continue;
      const style = getComputedStyle(node);
      if (style.display === 'inline' || node.clientWidth === 0) continue;
      if (node.scrollWidth > node.clientWidth + 1) out.push(`${node.tagName.toLowerCase()}#${node.id}.${node.className}: ${node.scrollWidth} > ${node.clientWidth} "${(node.textContent ?? '').trim().slice(0, 60)}"`);
    }
    return out;
  });
}

let browser: Browser;
let pages: RendererPages;
beforeAll(async () => {
  pages = await buildRendererPages();
  browser = await launchChromium();
  await mkdir(LOCALE_SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await pages?.dispose();
});

describe('both windows in every language', () => {
  let page: Page | undefined;
  let bridge: InstalledBridge | undefined;
  let backend: FakeBackend;
  const errors: string[] = [];
  afterEach(async () => {
    bridge?.dispose();
    await page?.close();
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  it.each(SUPPORTED_LOCALES)('contacts window in %s: every word from the catalog, nothing clipped', async (locale) => {
    backend = createFakeBackend(contactsSnapshot(locale));
    ({ page, bridge } = await openBridgedPage(browser, pages.contactsUrl, backend, { width: WIDTH, height: 640 }, errors));
    await page.waitForSelector('.contact-row');
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expectNoRawKey(await pageWords(page));
    expect(await clipped(page)).toEqual([]);
    // The status words of this language are the ones shown.
    const busy = CATALOGS[locale].availability.Busy;
    expect(await page.locator('.contact-status', { hasText: busy }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(LOCALE_SHOTS, `contacts-window-${locale}.png`) });
    if (locale === 'de') await saveScreenshot(page, 'contacts-window-de.png');
  });

  it.each(SUPPORTED_LOCALES)('sign-in window in %s: labels, field errors and a server refusal, nothing clipped', async (locale) => {
    backend = createFakeBackend(
      baseSnapshot({ locale, session: { state: 'signedOut' }, signIn: { ...DEFAULT_SIGN_IN, weakSecretStorage: true, keepSignedIn: true } }),
    );
    ({ page, bridge } = await openBridgedPage(browser, pages.signInUrl, backend, { width: WIDTH, height: 560 }, errors));
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    await page.fill('#discovery-url', 'lyncdiscover');
    await page.click('#submit');
    await page.waitForSelector('#address-error:not([hidden])');
    expect(await page.textContent('#password-error')).toBe(flattenCatalog(CATALOGS[locale])['signIn.passwordEmpty']);
    expectNoRawKey(await pageWords(page));
    expect(await clipped(page)).toEqual([]);
    await page.screenshot({ path: join(LOCALE_SHOTS, `sign-in-window-${locale}.png`), fullPage: true });

    backend.signInResult = { ok: false, field: 'password', code: 'wrongPassword', message: 'The address or password is wrong.' };
    await page.fill('#discovery-url', '');
    await page.fill('#address', 'dana@contoso.com');
    await page.fill('#password', 'wrong');
    await page.check('#accept-weak');
    await page.click('#submit');
    await page.waitForSelector('#password-error:not([hidden])');
    expect(await page.textContent('#password-error')).toBe(CATALOGS[locale].errors.wrongPassword);
  });
});

describe('switching language while a window is open', () => {
  const errors: string[] = [];
  afterEach(() => {
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  it('re-words the contacts window at once, without a reload', async () => {
    const backend = createFakeBackend(contactsSnapshot('en'));
    const { page, bridge } = await openBridgedPage(browser, pages.contactsUrl, backend, { width: WIDTH, height: 640 }, errors);
    await page.waitForSelector('.contact-row');
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    expect(await page.textContent('#feed-title')).toBe('Recent changes');
    expect(await page.textContent('.feed-text')).toBe('Pilar Pinilla is now Be right back');

    backend.setLocale('fr');
    await bridge.flush();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(await page.textContent('#feed-title')).toBe('Modifications récentes');
    expect(await page.textContent('.feed-text')).toBe('Pilar Pinilla est maintenant De retour dans quelques minutes');
    expect(await page.textContent('#banner-text')).toMatch(/^Connexion perdue\. Reconnexion, tentative 2/);
    expect(await page.locator('#me-select option').first().textContent()).toBe('Automatique');
    expect(await page.textContent('#me-availability')).toBe('Ne pas déranger (automatique)');
    expect(await page.getAttribute('#filter', 'placeholder')).toBe('Filtrer les contacts (nom ou adresse)');
    expect(await page.locator('.contact-status', { hasText: 'Occupé' }).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expectNoRawKey(await pageWords(page));

    // A push that is not a supported locale is ignored.
    backend.setLocale('xx-Bogus');
    await bridge.flush();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    bridge.dispose();
    await page.close();
  });

  it('re-words the sign-in window, including the field errors on show', async () => {
    const backend = createFakeBackend(baseSnapshot({ locale: 'en', session: { state: 'signedOut' } }));
    const { page, bridge } = await openBridgedPage(browser, pages.signInUrl, backend, { width: WIDTH, height: 560 }, errors);
    await page.click('#submit');
    await page.waitForSelector('#password-error:not([hidden])');
    expect(await page.textContent('#password-error')).toBe('Enter your password.');
    backend.setLocale('pt-BR');
    await bridge.flush();
    await page.waitForFunction(() => document.documentElement.lang === 'pt-BR');
    expect(await page.textContent('#password-error')).toBe('Informe sua senha.');
    expect(await page.textContent('h1')).toBe('Entrar');
    expect(await page.title()).toBe('Entrar — presença do Skype for Business');
    bridge.dispose();
    await page.close();
  });
});
