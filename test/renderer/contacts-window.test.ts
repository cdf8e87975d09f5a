import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IPC } from '../../shared/ipc-contract';
import type { Change, ContactList } from '../../shared/models';
import type { InstalledBridge } from './support/bridge';
import { launchChromium } from './support/chromium';
import { largeContactList } from './support/contact-lists';
import { baseSnapshot, createFakeBackend, type FakeBackend } from './support/fake-backend';
import { openBridgedPage } from './support/open-page';
import { buildRendererPages, type RendererPages } from './support/renderer-pages';

// The contacts window in headless Chromium against an in-memory bridge: the honest tool for UI behaviour
// (keyboard, filter, virtualization) that does not depend on the server. contacts-live.test.ts binds
// the same page to the real engine and simulator.

const XSS = '<img src=x onerror=alert(1)>';

const SMALL: ContactList = {
  // In the order main sends (the engine orders groups by kind; the window draws them as they come).
  groups: [
    { id: 'pinned', name: 'Pinned Contacts', kind: 'pinned', contactUris: ['sip:alice@contoso.com'] },
    { id: 'falcon', name: 'Project Falcon', kind: 'personal', contactUris: ['sip:alice@contoso.com', 'sip:bob@contoso.com'] },
    { id: 'evil', name: XSS, kind: 'personal', contactUris: ['sip:mallory@contoso.com'] },
    { id: 'other', name: 'Other Contacts', kind: 'default', contactUris: ['sip:eve@contoso.com'] },
    { id: 'dl', name: 'Engineering DL', kind: 'distribution', contactUris: ['sip:bob@contoso.com'] },
  ],
  contacts: {
    'sip:alice@contoso.com': { uri: 'sip:alice@contoso.com', name: 'Alice Smith', availability: 'Online', note: 'In the lab' },
    'sip:bob@contoso.com': { uri: 'sip:bob@contoso.com', name: 'Bob Nguyen', availability: 'Busy' },
    'sip:eve@contoso.com': { uri: 'sip:eve@contoso.com', name: 'Eve Garcia', availability: 'Offline' },
    'sip:mallory@contoso.com': { uri: 'sip:mallory@contoso.com', name: XSS, availability: 'Away' },
  },
};

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

describe('contacts window (fake bridge)', () => {
  let page: Page;
  let backend: FakeBackend;
  let bridge: InstalledBridge;
  const errors: string[] = [];

  async function open(contacts: ContactList, extra: Parameters<typeof baseSnapshot>[0] = {}): Promise<void> {
    backend = createFakeBackend(baseSnapshot({ contacts, ...extra }));
    ({ page, bridge } = await openBridgedPage(browser, pages.contactsUrl, backend, { width: 900, height: 600 }, errors));
  }

  const rowNames = (): Promise<string[]> =>
    page.$$eval('#tree [role="treeitem"]', (nodes) =>
      [...nodes]
        .sort((a, b) => Number((a as HTMLElement).dataset.index) - Number((b as HTMLElement).dataset.index))
        .map((node) => (node.querySelector('.group-name, .contact-name')?.textContent ?? '')),
    );

  beforeEach(() => {
    errors.length = 0;
  });
  afterEach(async () => {
    bridge?.dispose();
    await page?.close();
    expect(errors).toEqual([]);
  });

  it('lists groups in the order main sends, with their contacts and labelled presence', async () => {
    await open(SMALL);
    await page.waitForSelector('.contact-row');
    expect(await rowNames()).toEqual([
      'Pinned Contacts', 'Alice Smith',
      'Project Falcon', 'Alice Smith', 'Bob Nguyen',
      XSS, XSS,
      'Other Contacts', 'Eve Garcia',
      'Engineering DL', 'Bob Nguyen',
    ]);
    const bob = page.locator('.contact-row', { hasText: 'Bob Nguyen' }).first();
    expect(await bob.getAttribute('aria-label')).toBe('Bob Nguyen, Busy');
    expect(await bob.locator('.dot').getAttribute('class')).toBe('dot dot-busy');
    expect(await page.locator('.contact-row', { hasText: 'Alice Smith' }).first().getAttribute('aria-label')).toBe(
      'Alice Smith, Available, In the lab',
    );
    expect(await page.textContent('#filter-count')).toBe('4 contacts in 5 groups');
    // Accessible structure: a labelled tree of levelled items, a labelled filter, a log for the feed.
    expect(await page.getAttribute('#tree', 'role')).toBe('tree');
    expect(await page.getAttribute('#tree', 'aria-label')).toBe('Contact groups');
    expect(await page.$$eval('#tree > [role="treeitem"]', (rows) => [...new Set(rows.map((r) => r.getAttribute('aria-level')))].sort())).toEqual(['1', '2']);
    expect(await page.locator('label[for="filter"]').textContent()).toBe('Filter contacts by name or address');
    expect(await page.locator('label[for="me-select"]').textContent()).toBe('Set my status');
    const falcon = page.locator('.group-row', { hasText: 'Project Falcon' });
    expect(await falcon.locator('.group-count').textContent()).toBe('1 of 2 available');
    expect(await falcon.getAttribute('aria-label')).toBe('Project Falcon, 1 of 2 available, group');
  });

  it('renders a name that looks like markup as text: no element, no dialog', async () => {
    await open(SMALL);
    await page.waitForSelector('.contact-row');
    expect(await page.locator('#tree img').count()).toBe(0);
    expect(await page.locator('.group-name', { hasText: XSS }).count()).toBe(1);
    expect(await page.locator('.contact-name', { hasText: XSS }).count()).toBe(1);
    backend.addChange({ kind: 'contactAdded', at: Date.now(), contact: XSS, group: XSS });
    await bridge.flush();
    await page.waitForSelector('.feed-item');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.textContent('.feed-text')).toBe(`${XSS} added to ${XSS}`);
    expect(bridge.dialogs).toEqual([]);
  });

  it('filters by name or address, hides groups without a match, counts, and Escape clears', async () => {
    await open(SMALL);
    await page.fill('#filter', 'bob');
    await page.waitForFunction(() => document.querySelectorAll('#tree .contact-row').length === 2);
    expect(await rowNames()).toEqual(['Project Falcon', 'Bob Nguyen', 'Engineering DL', 'Bob Nguyen']);
    expect(await page.textContent('#filter-count')).toBe('1 of 4 contacts match, in 2 groups');
    expect(await page.locator('.group-row', { hasText: 'Project Falcon' }).locator('.group-count').textContent()).toBe(
      '0 of 1 available · 1 of 2 match',
    );
    await page.fill('#filter', 'eve@contoso');
    await page.waitForFunction(() => document.querySelectorAll('#tree .contact-row').length === 1);
    expect(await rowNames()).toEqual(['Other Contacts', 'Eve Garcia']);
    await page.fill('#filter', 'nobody');
    await page.waitForFunction(() => document.querySelectorAll('#tree [role="treeitem"]').length === 0);
    expect(await page.textContent('#filter-count')).toBe('No contacts match');
    await page.press('#filter', 'Escape');
    await page.waitForFunction(() => document.querySelectorAll('#tree .contact-row').length === 6);
    expect(await page.inputValue('#filter')).toBe('');
  });

  it('applies pushed contact lists, presence changes and feed entries live', async () => {
    await open(SMALL);
    await page.waitForSelector('.contact-row');
    const bob = SMALL.contacts['sip:bob@contoso.com']!;
    backend.setContacts({
      groups: [...SMALL.groups, { id: 'x', name: 'Project X', kind: 'personal', contactUris: ['sip:bob@contoso.com'] }],
      contacts: { ...SMALL.contacts, 'sip:bob@contoso.com': { ...bob, availability: 'Online' } },
    });
    const change: Change = { kind: 'contactPresenceChanged', at: Date.now(), contact: 'Bob Nguyen', contactUri: bob.uri, availability: 'Online' };
    backend.addChange(change);
    backend.addChange({ kind: 'groupRenamed', at: Date.now(), group: 'Core', previousGroup: 'Team' });
    await bridge.flush();
    await page.waitForSelector('.group-name:text-is("Project X")');
    expect(await page.locator('.contact-row', { hasText: 'Bob Nguyen' }).first().getAttribute('aria-label')).toBe('Bob Nguyen, Available');
    expect(await page.$$eval('.feed-text', (nodes) => nodes.map((n) => n.textContent))).toEqual([
      'Group Team renamed to Core',
      'Bob Nguyen is now Available',
    ]);
    expect(await page.getAttribute('#feed', 'role')).toBe('log');
    expect(await page.locator('.feed-time').first().textContent()).toMatch(/\d{1,2}:\d{2}/);
  });

  it('asks for a snapshot when it sees a gap in the patch batches, and shows what it missed', async () => {
    await open(SMALL);
    await page.waitForSelector('.contact-row');
    const eve = SMALL.contacts['sip:eve@contoso.com']!;
    const missed: ContactList = { ...SMALL, contacts: { ...SMALL.contacts, [eve.uri]: { ...eve, availability: 'Online' } } };
    backend.setContacts(missed, { lost: true });
    backend.setContacts({ ...missed, groups: [...missed.groups, { id: 'x', name: 'Project X', kind: 'personal', contactUris: [] }] });
    await bridge.flush();
    await page.waitForSelector('.group-name:text-is("Project X")');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.contact-row')].some((n) => n.getAttribute('aria-label') === 'Eve Garcia, Available'),
    );
    expect(bridge.calls.filter((c) => c.verb === 'contactsSnapshot')).toHaveLength(1);
  });

  it('treats a patch batch it cannot read as missed: it asks for a snapshot instead of applying it', async () => {
    await open(SMALL);
    await page.waitForSelector('.contact-row');
    const bob = SMALL.contacts['sip:bob@contoso.com']!;
    backend.pushRaw(IPC.contactsPatched, { seq: 1, patches: [{ kind: 'presenceChanged', uri: bob.uri, availability: '<b>x</b>' }] });
    // main's list moved on meanwhile; the snapshot carries it.
    backend.snapshot = { ...backend.snapshot, contactsSeq: 1, contacts: { ...SMALL, contacts: { ...SMALL.contacts, [bob.uri]: { ...bob, availability: 'Away' } } } };
    await bridge.flush();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.contact-row')].some((n) => n.getAttribute('aria-label') === 'Bob Nguyen, Appear away'),
    );
    expect(bridge.calls.filter((c) => c.verb === 'contactsSnapshot')).toHaveLength(1);
  });

  it('is fully usable from the keyboard: arrows rove, Left/Right collapse, Space watches, typing filters', async () => {
    await open(SMALL);
    await page.waitForSelector('.contact-row');
    await page.focus('#filter');
    await page.keyboard.press('ArrowDown');
    const focused = (): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    expect(await focused()).toMatch(/^Pinned Contacts, pinned/);
    // Visible focus: the focused row draws an outline (keyboard focus → :focus-visible).
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Alice Smith, Available, In the lab');
    await page.keyboard.press(' ');
    await bridge.flush();
    expect(bridge.calls.filter((c) => c.verb === 'watchContact')).toEqual([
      { verb: 'watchContact', arg: { uri: 'sip:alice@contoso.com', watch: true } },
    ]);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.endsWith('you will be told when available'));
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toMatch(/^Pinned Contacts/);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'false');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^Project Falcon/);
    await page.keyboard.press('End');
    expect(await focused()).toBe('Bob Nguyen, Busy');
    expect(await page.evaluate(() => document.querySelectorAll('#tree [tabindex="0"]').length)).toBe(1);
    await page.keyboard.type('eve');
    expect(await page.inputValue('#filter')).toBe('eve');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter');
  });

  it('keeps keyboard focus on the same contact when a live update moves it', async () => {
    await open(SMALL);
    await page.waitForSelector('.contact-row');
    await page.focus('#filter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const focusedName = (): Promise<string | null | undefined> =>
      page.evaluate(() => document.activeElement?.querySelector('.contact-name')?.textContent);
    expect(await focusedName()).toBe('Bob Nguyen');
    backend.setContacts({
      groups: [{ id: 'new', name: 'Brand new', kind: 'pinned', contactUris: ['sip:eve@contoso.com'] }, ...SMALL.groups],
      contacts: SMALL.contacts,
    });
    await bridge.flush();
    await page.waitForSelector('.group-name:text-is("Brand new")');
    expect(await focusedName()).toBe('Bob Nguyen');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key)).toBe('c:dl:sip:bob@contoso.com');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Engineering DL/);
  });

  it('sets my status, resets it and sets the note through window.ucwa', async () => {
    await open(SMALL);
    expect(await page.textContent('#me-availability')).toBe('Available (automatic)');
    await page.selectOption('#me-select', 'Busy');
    await page.waitForFunction(() => document.getElementById('me-availability')?.textContent === 'Busy');
    await page.fill('#me-note-input', 'Focus time');
    await page.click('#me-note-save');
    await page.waitForFunction(() => document.getElementById('me-note')?.textContent === 'Focus time');
    await page.click('#me-reset');
    await bridge.flush();
    expect(bridge.calls.filter((c) => !['getSnapshot', 'contactCapabilities', 'contactPhoto', 'setVisibleContacts'].includes(c.verb))).toEqual([
      { verb: 'setAvailability', arg: 'Busy' },
      { verb: 'setNote', arg: 'Focus time' },
      { verb: 'resetAvailability', arg: undefined },
    ]);
    expect(await page.inputValue('#me-select')).toBe('');
    const options = await page.$$eval('#me-select option', (nodes) => nodes.map((n) => (n as HTMLOptionElement).value));
    expect(options).toEqual(['', 'Online', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offwork']);
  });

  it('shows reconnecting with the retry countdown, errors with their message, and hides when online', async () => {
    await open(SMALL);
    expect(await page.isHidden('#banner')).toBe(true);
    backend.setSession({ state: 'reconnecting', attempt: 3, nextRetryAt: Date.now() + 42_000, lastError: 'server unreachable' });
    await bridge.flush();
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.textContent('#banner-text')).toMatch(
      /^Connection lost\. Reconnecting, attempt 3: next try at \d{1,2}:\d{2}:\d{2}\s[AP]M \(in (4[0-2])\ssec\)\.$/,
    );
    // The engine's technical detail is the banner's tooltip, not part of the sentence.
    expect(await page.getAttribute('#banner-text', 'title')).toBe('server unreachable');
    backend.setSession({ state: 'error', error: { reason: 'wrongPassword', message: 'The password was not accepted. Sign in again.' } });
    await bridge.flush();
    // Worded by the typed reason through the catalog.
    await page.waitForFunction(() => document.getElementById('banner-text')?.textContent === 'The address or password is wrong.');
    expect(await page.getAttribute('#banner', 'class')).toBe('banner banner-error');
    backend.setSession({ state: 'online' });
    await bridge.flush();
    await page.waitForSelector('#banner', { state: 'hidden' });
  });

  it('greys my status controls and says so when signed out; says how to sign in', async () => {
    await open(SMALL, { session: { state: 'signedOut' } });
    expect(await page.textContent('#me-availability')).toBe('Signed out');
    expect(await page.isDisabled('#me-select')).toBe(true);
    expect(await page.isDisabled('#me-note-save')).toBe(true);
    expect(await page.textContent('#banner-text')).toBe('You are signed out.');
    await page.click('#banner-sign-in');
    await expect.poll(() => bridge.calls.map((call) => call.verb)).toContain('showSignIn');
    backend.setSession({ state: 'online' });
    await bridge.flush();
    await page.waitForFunction(() => document.getElementById('me-availability')?.textContent === 'Available (automatic)');
    expect(await page.isEnabled('#me-select')).toBe(true);
  });

  it('toggles "tell me when available" from the bell button and follows pushed watch lists', async () => {
    await open(SMALL);
    const bell = page.locator('.contact-row', { hasText: 'Eve Garcia' }).locator('button.watch');
    expect(await bell.getAttribute('aria-pressed')).toBe('false');
    expect(await bell.getAttribute('aria-label')).toBe('Tell me when Eve Garcia is available');
    await bell.click({ force: true });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.contact-row')].some((r) => r.textContent?.includes('Eve Garcia') && r.querySelector('.watch')?.getAttribute('aria-pressed') === 'true'),
    );
    expect(bridge.calls.filter((c) => c.verb === 'watchContact').map((c) => c.arg)).toEqual([{ uri: 'sip:eve@contoso.com', watch: true }]);
    expect(backend.snapshot.watched).toEqual(['sip:eve@contoso.com']);
  });

  it('shows an empty state and enforces its CSP (an inline script does not run)', async () => {
    await open({ groups: [], contacts: {} });
    expect(await page.isVisible('#list-empty')).toBe(true);
    expect(await page.textContent('#filter-count')).toBe('0 contacts in 0 groups');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    // The refusal is logged as a console error: expected here, so drop it before afterEach checks.
    const refused = errors.filter((e) => e.includes('Content Security Policy'));
    expect(refused.length).toBeGreaterThan(0);
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('Content Security Policy')));
  });

  it('keeps the DOM bounded with 200 groups and 5,000 contacts, and reaches the last row', async () => {
    const big = largeContactList(200, 5000);
    await open(big);
    await page.waitForSelector('.contact-row');
    expect(await page.textContent('#filter-count')).toBe('5000 contacts in 200 groups');
    const rowCount = (): Promise<number> => page.evaluate(() => document.querySelectorAll('#tree [role="treeitem"]').length);
    // 600 px window / 30 px rows: about 20 visible + overscan, never thousands.
    expect(await rowCount()).toBeLessThan(60);
    const spacer = await page.$eval('#tree-spacer', (n) => (n as HTMLElement).style.height);
    expect(spacer).toBe(`${(5000 + 200) * 30}px`);
    await page.focus('#filter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    // Distribution lists come last; the last one in server order holds the last row.
    const last = big.groups.filter((g) => g.kind === 'distribution').at(-1)!;
    const lastContact = big.contacts[last.contactUris.at(-1)!]!;
    await page.waitForFunction((name) => document.activeElement?.querySelector('.contact-name')?.textContent === name, lastContact.name);
    expect(await rowCount()).toBeLessThan(60);
    await page.fill('#filter', 'user4999@');
    await page.waitForFunction(() => document.querySelectorAll('#tree .contact-row').length === 1);
    expect(await page.textContent('#filter-count')).toBe('1 of 5000 contacts match, in 1 group');
  });
});
