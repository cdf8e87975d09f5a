import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRendererProtocolHandler } from '../../main/adapters/renderer-protocol';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { installBridge } from './support/bridge';
import { launchChromium } from './support/chromium';
import { largeContactList } from './support/contact-lists';
import { baseSnapshot, createFakeBackend } from './support/fake-backend';
import { buildRendererPages, type RendererPages } from './support/renderer-pages';

// Main serves the pages from its own scheme with the CSP as a header (main/adapters/renderer-protocol.ts);
// a page then obeys both the header and its meta tag. Chromium here cannot load a custom scheme, so
// an http server forwards each request to that same handler, and the page must load with nothing refused.

let browser: Browser;
let pages: RendererPages;
let server: Server;
let origin: string;

beforeAll(async () => {
  pages = await buildRendererPages();
  browser = await launchChromium();
  const handle = createRendererProtocolHandler({ rendererDir: pages.outDir });
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') {
      // Chromium asks for one on http pages; Electron's windows do not.
      response.writeHead(204).end();
      return;
    }
    handle(new Request(`ucwa-tray://app${path}`, { method: request.method ?? 'GET' })).then(
      async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
      },
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await pages?.dispose();
});

describe("pages under main's CSP header", () => {
  for (const name of ['contacts.html', 'sign-in.html']) {
    it(`${name} loads, runs and styles itself with nothing refused`, async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const bridge = await installBridge(page, createFakeBackend(baseSnapshot({ contacts: largeContactList(3, 9) })));
      const response = await page.goto(`${origin}/${name}`);
      expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      await page.waitForSelector('body[data-ready="true"]');
      if (name === 'contacts.html') {
        await page.waitForSelector('.contact-row');
        // The bell icon is a data: URL mask in the stylesheet: allowed by img-src data:.
        await page.hover('.contact-row');
      }
      // The stylesheet applied (base.css sets the page background from a custom property).
      expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
      expect(problems).toEqual([]);
      bridge.dispose();
      await page.close();
    });
  }
});
