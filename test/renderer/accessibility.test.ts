import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInResult } from '../../shared/ipc-contract';
import { assertNoSeriousViolations, axeViolations, describeViolations, type AxeViolation } from './support/axe';
import type { InstalledBridge } from './support/bridge';
import { launchChromium } from './support/chromium';
import { largeContactList } from './support/contact-lists';
import { baseSnapshot, createFakeBackend, type FakeBackend } from './support/fake-backend';
import { DANA, startLiveStack, type LiveStack } from './support/live-stack';
import { openBridgedPage } from './support/open-page';
import { buildRendererPages, type RendererPages } from './support/renderer-pages';

// Both windows checked by axe-core (every rule, the whole document) in each state the other renderer
// tests reach: none may have a serious or critical violation. The lesser ones are printed at the end.

const WAIT = { timeout: 20_000 };

let browser: Browser;
let pages: RendererPages;
const errors: string[] = [];
const found = new Map<string, AxeViolation[]>();

beforeAll(async () => {
  [pages, browser] = await Promise.all([buildRendererPages(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await pages?.dispose();
  for (const [state, violations] of found) {
    console.log(`axe ${state}: ${violations.length} rules failing${violations.length ? `\n${describeViolations(violations)}` : ''}`);
  }
});

/** Runs axe over the whole page, keeps what it found for the summary, and fails on serious or critical. */
async function check(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  found.set(state, violations);
  assertNoSeriousViolations(state, violations);
}

describe('sign-in window', () => {
  let page: Page;
  let backend: FakeBackend;
  let bridge: InstalledBridge;
  beforeAll(async () => {
    backend = createFakeBackend(baseSnapshot({ session: { state: 'signedOut' } }));
    ({ page, bridge } = await openBridgedPage(browser, pages.signInUrl, backend, { width: 460, height: 480 }, errors));
  });
  afterAll(async () => {
    bridge?.dispose();
    await page?.close();
  });

  it('is clean empty', async () => {
    await check(page, 'sign-in empty');
  });

  it('is clean showing validation errors', async () => {
    await page.click('#submit');
    await page.waitForSelector('#address-error:not([hidden])');
    await check(page, 'sign-in validation errors');
  });

  it('is clean while signing in', async () => {
    let finish: (result: SignInResult) => void = () => undefined;
    backend.signIn = () => new Promise<SignInResult>((resolve) => (finish = resolve));
    await page.fill('#address', 'dana@contoso.com');
    await page.fill('#password', 'pw');
    await page.click('#submit');
    await page.waitForSelector('#submit:disabled');
    await check(page, 'sign-in busy');
    finish({ ok: true });
    await page.waitForFunction(() => document.getElementById('progress')?.textContent === 'Signed in.');
  });
});

describe('contacts window on a fake backend', () => {
  async function open(extra: Parameters<typeof baseSnapshot>[0]): Promise<{ page: Page; backend: FakeBackend; bridge: InstalledBridge }> {
    const backend = createFakeBackend(baseSnapshot({ contacts: largeContactList(3, 12), ...extra }));
    const opened = await openBridgedPage(browser, pages.contactsUrl, backend, { width: 900, height: 600 }, errors);
    return { ...opened, backend };
  }

  it('is clean signed out', async () => {
    const { page, bridge } = await open({ session: { state: 'signedOut' } });
    await page.waitForSelector('#banner-sign-in:visible');
    await check(page, 'contacts signed out');
    bridge.dispose();
    await page.close();
  });

  it('is clean reconnecting (the session banner)', async () => {
    const { page, bridge, backend } = await open({});
    backend.setSession({ state: 'reconnecting', attempt: 3, nextRetryAt: Date.now() + 42_000, lastError: 'server unreachable' });
    await bridge.flush();
    await page.waitForSelector('#banner:not([hidden])');
    await check(page, 'contacts reconnecting');
    bridge.dispose();
    await page.close();
  });

  it('is clean with 5,000 contacts in 200 groups', async () => {
    const { page, bridge } = await open({ contacts: largeContactList(200, 5000) });
    await page.waitForFunction(() => document.getElementById('filter-count')?.textContent === '5000 contacts in 200 groups');
    await check(page, 'contacts 5,000');
    bridge.dispose();
    await page.close();
  });
});

describe('contacts window on the real engine and simulator', () => {
  let stack: LiveStack;
  let page: Page;
  let bridge: InstalledBridge;
  const row = (name: string) => page.locator('#tree .contact-row', { has: page.locator(`.contact-name:text-is("${name}")`) }).first();
  const group = (name: string) => page.locator('#tree .group-row', { has: page.locator(`.group-name:text-is("${name}")`) }).first();

  beforeAll(async () => {
    stack = await startLiveStack();
    await stack.backend.signIn({ ...DANA, discoveryUrl: stack.sim.rootUrl, keepSignedIn: false, acceptWeakStorage: false });
    ({ page, bridge } = await openBridgedPage(browser, pages.contactsUrl, stack.backend, { width: 1100, height: 700 }, errors));
    await page.waitForSelector('.group-name:text-is("Project Falcon")', WAIT);
  });
  afterAll(async () => {
    bridge?.dispose();
    await page?.close();
    await stack?.close();
  });

  it('is clean online with groups', async () => {
    await page.waitForSelector('.contact-name:text-is("Sara Davis")', WAIT);
    await check(page, 'contacts online');
  });

  it('is clean with search results open', async () => {
    await page.fill('#search', 'sarah');
    await page.waitForSelector('.result-name:text-is("Sarah Jones")', WAIT);
    await check(page, 'contacts search results');
  });

  it('is clean with a context menu open', async () => {
    await page.fill('#search', '');
    await group('Project Falcon').focus();
    await page.keyboard.press('Shift+F10');
    await page.waitForSelector('[role="menu"][aria-label="Actions for Project Falcon"]', WAIT);
    await check(page, 'contacts group menu');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role="menu"]', { ...WAIT, state: 'detached' });
  });

  it('is clean asking to confirm a group deletion', async () => {
    await group('Project Falcon').focus();
    await page.keyboard.press('Shift+F10');
    await page.waitForSelector('[role="menu"][aria-label="Actions for Project Falcon"]', WAIT);
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Delete group…'; i += 1) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('#confirm[open]', WAIT);
    await check(page, 'contacts delete-group confirmation');
    await page.click('#confirm-cancel');
    await page.waitForSelector('#confirm:not([open])', { ...WAIT, state: 'attached' });
  });

  it('is clean with the card of a contact with a photo', async () => {
    await row('Sara Davis').click();
    await page.waitForSelector('#contact-card .card-avatar img.avatar-photo', WAIT);
    await check(page, 'contacts card with photo');
  });

  it('is clean with the card of a contact without a photo', async () => {
    await row('Lene Aaling').click();
    await page.waitForFunction(() => document.querySelector('#card-name')?.textContent === 'Lene Aaling' && document.querySelector('#contact-card dl') !== null, undefined, WAIT);
    expect(await page.locator('#contact-card .avatar-initials').textContent()).toBe('LA');
    await check(page, 'contacts card without photo');
    expect(errors).toEqual([]);
  });
});
