import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SignInDefaults } from '../../shared/ipc-contract';
import type { InstalledBridge } from './support/bridge';
import { launchChromium } from './support/chromium';
import { baseSnapshot, createFakeBackend, DEFAULT_SIGN_IN, type FakeBackend } from './support/fake-backend';
import { openBridgedPage } from './support/open-page';
import { buildRendererPages, type RendererPages } from './support/renderer-pages';
import { saveScreenshot } from './support/screenshots';

let browser: Browser;
let pages: RendererPages;

beforeAll(async () => {
  pages = await buildRendererPages();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await pages?.dispose();
});

describe('sign-in window', () => {
  let page: Page;
  let backend: FakeBackend;
  let bridge: InstalledBridge;
  const errors: string[] = [];

  async function open(signIn: Partial<SignInDefaults> = {}): Promise<void> {
    errors.length = 0;
    backend = createFakeBackend(baseSnapshot({ session: { state: 'signedOut' }, signIn: { ...DEFAULT_SIGN_IN, ...signIn } }));
    ({ page, bridge } = await openBridgedPage(browser, pages.signInUrl, backend, { width: 460, height: 480 }, errors));
  }
  const signInCalls = (): unknown[] => bridge.calls.filter((c) => c.verb === 'signIn').map((c) => c.arg);

  afterEach(async () => {
    bridge?.dispose();
    await page?.close();
    expect(errors).toEqual([]);
  });

  it('says what is missing without calling main, and focuses the first field to fix', async () => {
    await open();
    await page.click('#submit');
    expect(await page.textContent('#address-error')).toBe('Enter your sign-in address, like dana@contoso.com.');
    expect(await page.textContent('#password-error')).toBe('Enter your password.');
    expect(await page.getAttribute('#address', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('address');
    expect(signInCalls()).toEqual([]);
  });

  it('sends the form and shows a failure next to the field it names', async () => {
    await open({ address: 'dana@contoso.com' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    backend.signInResult = { ok: false, field: 'password', message: 'That password was not accepted. Check it and try again.' };
    await page.fill('#password', 'wrong');
    await page.click('#submit');
    await page.waitForSelector('#password-error:not([hidden])');
    expect(await page.textContent('#password-error')).toBe('That password was not accepted. Check it and try again.');
    expect(await page.isHidden('#form-error')).toBe(true);
    expect(await page.isEnabled('#submit')).toBe(true);
    expect(signInCalls()).toEqual([
      { address: 'dana@contoso.com', password: 'wrong', discoveryUrl: '', keepSignedIn: false, acceptWeakStorage: false },
    ]);
  });

  it('shows a failure that names no field above the button, and success as progress', async () => {
    await open({ address: 'dana@contoso.com' });
    backend.signInResult = { ok: false, message: 'The server could not be reached. Check your network or proxy.' };
    await page.fill('#password', 'pw');
    await page.click('#submit');
    await page.waitForSelector('#form-error:not([hidden])');
    expect(await page.textContent('#form-error')).toBe('The server could not be reached. Check your network or proxy.');
    backend.signInResult = { ok: true };
    await page.click('#submit');
    await page.waitForFunction(() => document.getElementById('progress')?.textContent === 'Signed in.');
    expect(await page.isHidden('#form-error')).toBe(true);
    expect(await page.inputValue('#password')).toBe('');
  });

  it('locks an admin-set discovery URL and hides "keep me signed in" when policy forbids it', async () => {
    await open({ discoveryUrl: 'https://lyncdiscover.contoso.com', discoveryUrlLocked: true, keepSignedInAllowed: false });
    expect(await page.inputValue('#discovery-url')).toBe('https://lyncdiscover.contoso.com');
    expect(await page.getAttribute('#discovery-url', 'readonly')).not.toBeNull();
    expect(await page.textContent('#discovery-url-help')).toBe('Set by your administrator.');
    expect(await page.isHidden('#keep-block')).toBe(true);
    await page.fill('#address', 'dana@contoso.com');
    await page.fill('#password', 'pw');
    await page.click('#submit');
    await page.waitForFunction(() => document.getElementById('progress')?.textContent === 'Signed in.');
    expect(signInCalls()).toEqual([
      { address: 'dana@contoso.com', password: 'pw', discoveryUrl: 'https://lyncdiscover.contoso.com', keepSignedIn: false, acceptWeakStorage: false },
    ]);
  });

  it('explains weak (basic_text) storage and requires a separate confirmation to keep the password', async () => {
    await open({ address: 'dana@contoso.com', weakSecretStorage: true });
    expect(await page.isHidden('#weak-block')).toBe(true);
    await page.check('#keep-signed-in');
    expect(await page.isVisible('#weak-block')).toBe(true);
    expect(await page.textContent('#weak-text')).toContain('no keychain');
    await page.fill('#password', 'pw');
    await page.click('#submit');
    expect(await page.textContent('#accept-weak-error')).toContain('Store it anyway');
    expect(signInCalls()).toEqual([]);
    await page.check('#accept-weak');
    await page.click('#submit');
    await page.waitForFunction(() => document.getElementById('progress')?.textContent === 'Signed in.');
    expect(signInCalls()).toEqual([
      { address: 'dana@contoso.com', password: 'pw', discoveryUrl: '', keepSignedIn: true, acceptWeakStorage: true },
    ]);
  });

  it('draws the filled form with the password masked and no error, and saves the README screenshot', async () => {
    await open({ address: 'dana@contoso.com', keepSignedIn: true });
    await page.fill('#password', 'Passw0rd!');
    expect(await page.inputValue('#address')).toBe('dana@contoso.com');
    expect(await page.getAttribute('#password', 'type')).toBe('password');
    expect(await page.isChecked('#keep-signed-in')).toBe(true);
    expect(await page.isEnabled('#submit')).toBe(true);
    const shownErrors = await page.$$eval('#address-error, #password-error, #discovery-url-error, #form-error', (nodes) =>
      nodes.filter((n) => !(n as HTMLElement).hidden).map((n) => n.id),
    );
    expect(shownErrors).toEqual([]);
    const shot = await saveScreenshot(page, 'sign-in-window.png');
    expect({ width: shot.width, height: shot.height }).toEqual({ width: 460, height: 480 });
    // A blank or unstyled page has a handful of colours; labels, fields and the button antialiased have many.
    expect(shot.colours).toBeGreaterThan(50);
  });
});
