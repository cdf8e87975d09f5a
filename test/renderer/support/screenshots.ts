import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** docs/screenshots in the repo: the README shows these. */
export const SCREENSHOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

/** Saves a PNG of the page (or one element) under docs/screenshots; returns its path. */
export async function saveScreenshot(page: Page, name: string, selector?: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  // No injected styles: the pages' CSP (style-src 'self') would refuse them. `caret: 'hide'` keeps it stable.
  if (selector) await page.locator(selector).screenshot({ path, caret: 'hide', animations: 'disabled' });
  else await page.screenshot({ path, caret: 'hide', animations: 'disabled' });
  return path;
}
