import { mkdir, writeFile } from 'node:fs/promises';
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

/** A saved screenshot and what its pixels hold, so a test can assert that something was drawn. */
export interface Screenshot {
  readonly path: string;
  /** Pixel size as decoded from the PNG. */
  readonly width: number;
  readonly height: number;
  /** Distinct RGBA colours over every pixel: 1 for a blank image, hundreds for text and icons. */
  readonly colours: number;
}

/** Saves a PNG of the page (or one element) under SCREENSHOT_DIR and decodes it; see {@link Screenshot}. */
export async function saveScreenshot(page: Page, name: string, selector?: string): Promise<Screenshot> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  // No injected styles: the pages' CSP (style-src 'self') would refuse them. `caret: 'hide'` keeps it stable.
  const options = { caret: 'hide', animations: 'disabled' } as const;
  const png = selector ? await page.locator(selector).screenshot(options) : await page.screenshot(options);
  await writeFile(path, png);
  return { path, ...(await decode(page, png)) };
}

/**
 * Decodes the PNG in a fresh blank page of the same browser (a page without the app's CSP, which
 * would refuse a data: image) and counts its colours on a canvas.
 */
async function decode(page: Page, png: Buffer): Promise<Omit<Screenshot, 'path'>> {
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser to decode its screenshot in');
  const scratch = await browser.newPage();
  try {
    return await scratch.evaluate(async (dataUrl) => {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      context.drawImage(image, 0, 0);
      const pixels = new Uint32Array(context.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
      return { width: canvas.width, height: canvas.height, colours: new Set(pixels).size };
    }, `data:image/png;base64,${png.toString('base64')}`);
  } finally {
    await scratch.close();
  }
}
