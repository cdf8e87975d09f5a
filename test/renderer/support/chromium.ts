import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; Playwright never downloads a browser here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Debian's Chromium where installed, else the one @sparticuz/chromium ships inside its npm package. */
async function executablePath(): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  return (await import('@sparticuz/chromium')).default.executablePath();
}

/** Launches headless Chromium with the flags this machine needs (no sandbox as root, no network). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await executablePath(),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}
