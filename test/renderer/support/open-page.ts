/**
 * Opens one renderer page in Chromium with `window.ucwa` bound to a backend, collecting every page
 * error and console error, and waits until the page says it is ready (`body[data-ready="true"]`).
 */
import type { Browser, Page } from 'playwright-core';
import { installBridge, type BridgeBackend, type InstalledBridge } from './bridge';

/** A page that finished its first render, and the bridge it talks through. */
export interface OpenedPage {
  readonly page: Page;
  readonly bridge: InstalledBridge;
}

/** Opens `url` at `viewport` with `backend` behind `window.ucwa`; pushes page and console errors into `errors`. */
export async function openBridgedPage(
  browser: Browser,
  url: string,
  backend: BridgeBackend,
  viewport: { width: number; height: number },
  errors: string[],
): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const bridge = await installBridge(page, backend);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, bridge };
}
