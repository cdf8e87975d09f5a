import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where screenshots go: docs/screenshots (the README shows these) only when UPDATE_SCREENSHOTS=1, so
 * an ordinary test run never rewrites committed files (the live window shows real times); otherwise
 * test-results/screenshots, which git ignores.
 */
export const SCREENSHOT_DIR = process.env['UPDATE_SCREENSHOTS'] === '1'
  ? join(ROOT, 'docs/screenshots')
  : join(ROOT, 'test-results/screenshots');

/** One screenshot per locale per window, always under test-results (never committed). */
export const LOCALE_SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots/locales');

/** Saves a PNG of the page (or one element) under SCREENSHOT_DIR; returns its path. */
export async function saveScreenshot(page: Page, name: string, selector?: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  // No injected styles: the pages' CSP (style-src 'self') would refuse them. `caret: 'hide'` keeps it stable.
  if (selector) await page.locator(selector).screenshot({ path, caret: 'hide', animations: 'disabled' });
  else await page.screenshot({ path, caret: 'hide', animations: 'disabled' });
  return path;
}
