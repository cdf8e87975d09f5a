import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { trayIconName } from '../../main/tray/tray-icon';
import { trayTemplate, type TrayState } from '../../main/tray/tray-template';
import { trayTooltip } from '../../main/tray/tray-tooltip';
import { launchChromium } from './support/chromium';
import { renderMenuScene, toMockItems, type MockItem } from './support/menu-mock';
import { LOCALE_SCREENSHOT_DIR, saveScreenshot } from './support/screenshots';
import { SUPPORTED_LOCALES, flattenCatalog } from '../../shared/i18n';
import { CATALOGS } from '../../shared/i18n/locales/index';

// The tray menu is native, so it cannot be screenshotted here: draw the real template (helper D's
// trayTemplate) as an HTML mock of a native menu, with the real tray icon, for the README.

const ICONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../build/icons/tray');
const NOW = new Date(2026, 10, 23, 14, 5).getTime();

const BUSY_FOR_AN_HOUR: TrayState = {
  session: { state: 'online' },
  presence: { availability: 'Busy', note: 'Reviewing Falcon specs' },
  desired: { availability: 'Busy', note: 'Reviewing Falcon specs' },
  timed: { availability: 'Busy', until: NOW + 47 * 60_000 },
  now: NOW,
  autostart: { supported: true, enabled: true },
};

const SIGNED_OUT: TrayState = {
  session: { state: 'signedOut' },
  presence: { availability: 'Unknown', note: '' },
  desired: { availability: null, note: '' },
  timed: null,
  now: NOW,
  autostart: { supported: true, enabled: true },
};

async function iconDataUrl(state: TrayState): Promise<string> {
  const png = await readFile(resolve(ICONS, `${trayIconName(state)}@2x.png`));
  return `data:image/png;base64,${png.toString('base64')}`;
}

function flatten(items: readonly MockItem[]): MockItem[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu)]);
}

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
});

describe('tray menu mock', () => {
  it('draws every item of the template with its check, state and sublabel, and saves the screenshot', async () => {
    const items = toMockItems(trayTemplate(BUSY_FOR_AN_HOUR));
    page = await browser.newPage({ viewport: { width: 560, height: 640 }, deviceScaleFactor: 1 });
    await renderMenuScene(page, {
      items,
      iconDataUrl: await iconDataUrl(BUSY_FOR_AN_HOUR),
      tooltip: trayTooltip(BUSY_FOR_AN_HOUR),
      openSubmenu: 'timed',
    });
    const drawn = await page.$$eval('.menu:not(.submenu) .item', (rows) =>
      rows.map((r) => ({ id: (r as HTMLElement).dataset.id, label: r.querySelector('.label')?.firstChild?.textContent, checked: r.getAttribute('aria-checked') })),
    );
    const expected = items.filter((i) => i.kind !== 'separator');
    expect(drawn.map((d) => d.label)).toEqual(expected.map((i) => i.label));
    const checkedRadios = drawn.filter((d) => d.checked === 'true').map((d) => d.label);
    expect(checkedRadios).toEqual(['Busy', 'Start at login']);
    expect(await page.locator('.submenu .item').count()).toBe(
      items.find((i) => i.id === 'timed')!.submenu.filter((i) => i.kind !== 'separator').length,
    );
    expect(await page.locator('.item.disabled').count()).toBe(flatten(items).filter((i) => i.kind !== 'separator' && !i.enabled).length);
    await saveScreenshot(page, 'tray-menu.png', '#scene');
  });

  it('greys status items with the reason while signed out and offers sign-in', async () => {
    const items = toMockItems(trayTemplate(SIGNED_OUT));
    page = await browser.newPage({ viewport: { width: 380, height: 680 }, deviceScaleFactor: 1 });
    await renderMenuScene(page, { items, iconDataUrl: await iconDataUrl(SIGNED_OUT), tooltip: trayTooltip(SIGNED_OUT) });
    const busy = page.locator('.item', { hasText: 'Busy' }).first();
    expect(await busy.getAttribute('aria-disabled')).toBe('true');
    expect(await busy.locator('.sub').textContent()).toBe('Sign in to change your status');
    expect(await page.locator('.item[aria-disabled="false"] .label').allTextContents()).toEqual(
      expect.arrayContaining(['Sign in…', 'Quit']),
    );
    await saveScreenshot(page, 'tray-menu-signed-out.png', '#scene');
  });

  it.each(SUPPORTED_LOCALES)('draws the whole menu in %s with no raw key, the Language submenu open', async (locale) => {
    const state: TrayState = { ...BUSY_FOR_AN_HOUR, locale, language: locale, awayOnLock: true };
    const items = toMockItems(trayTemplate(state));
    page = await browser.newPage({ viewport: { width: 640, height: 720 }, deviceScaleFactor: 1 });
    await renderMenuScene(page, { items, iconDataUrl: await iconDataUrl(state), tooltip: trayTooltip(state), openSubmenu: 'language' });
    const drawn = await page.locator('.item .label').allTextContents();
    expect(drawn.length).toBeGreaterThan(15);
    const keys = Object.keys(flattenCatalog(CATALOGS.en)).map((key) => key.replace(/_(one|other)$/, ''));
    for (const text of drawn) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toContain('{{');
      expect(keys.some((key) => text.includes(key))).toBe(false);
    }
    expect(drawn).toContain(CATALOGS[locale].tray.quit);
    expect(drawn).toContain(CATALOGS[locale].availability.DoNotDisturb);
    // No item wider than the menu: long words wrap or the menu grows, nothing is cut.
    const cut = await page.$$eval('.item .label', (labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent));
    expect(cut).toEqual([]);
    await mkdir(LOCALE_SCREENSHOT_DIR, { recursive: true });
    await page.locator('#scene').screenshot({ path: join(LOCALE_SCREENSHOT_DIR, `tray-menu-${locale}.png`) });
  });
});
