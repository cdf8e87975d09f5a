import { presenceTone } from '../../renderer/app/common/presence-style';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '../simulator/demo-directory';
import { axeViolations, BLOCKING_IMPACTS } from './support/axe';
import type { InstalledBridge } from './support/bridge';
import { launchChromium } from './support/chromium';
import { DANA, startLiveStack, type LiveStack } from './support/live-stack';
import { openBridgedPage } from './support/open-page';
import { saveScreenshot } from './support/screenshots';
import { buildRendererPages, type RendererPages } from './support/renderer-pages';

// Directory search and contact-list management in the real renderer bundle, its window.ucwa bound to
// the real engine against the simulator, in both server flavours: the simulator's truth and the
// change feed must show every change, and the window must never show a change the server did not make.

const XSS = '<img src=x onerror=alert(1)>';
const WAIT = { timeout: 20_000 };
const SARAH = 'sip:sarahj@contoso.com';
const USERS = `/_sim/users/${encodeURIComponent(DANA.address)}`;

interface SimGroup {
  readonly id: string;
  readonly name: string;
  readonly contacts: readonly { readonly uri: string }[];
}

let browser: Browser;
let pages: RendererPages;
const errors: string[] = [];

beforeAll(async () => {
  [pages, browser] = await Promise.all([buildRendererPages(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await pages?.dispose();
});

async function openSignedIn(stack: LiveStack): Promise<{ page: Page; bridge: InstalledBridge }> {
  await stack.backend.signIn({ ...DANA, discoveryUrl: stack.sim.rootUrl, keepSignedIn: false, acceptWeakStorage: false });
  const opened = await openBridgedPage(browser, pages.contactsUrl, stack.backend, { width: 900, height: 700 }, errors);
  await opened.page.waitForSelector('.group-name:text-is("Project Falcon")', WAIT);
  return opened;
}

async function simGroups(stack: LiveStack): Promise<SimGroup[]> {
  return ((await stack.control('GET', USERS)) as { groups: SimGroup[] }).groups;
}

/** Polls the simulator's truth until `check` holds (the change is on its way through the server). */
async function eventuallyTrue(stack: LiveStack, what: string, check: (groups: SimGroup[]) => boolean): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check(await simGroups(stack))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the simulator never showed: ${what}; it has ${JSON.stringify(await simGroups(stack))}`);
}

function waitForFeed(page: Page, text: string): Promise<unknown> {
  return page.waitForFunction((t) => [...document.querySelectorAll('.feed-text')].some((n) => n.textContent === t), text, WAIT);
}

/** axe-core's serious and critical violations inside `selectors` (the parts this file's features draw), as "rule: target" lines. */
async function seriousViolations(page: Page, selectors: readonly string[]): Promise<string[]> {
  return (await axeViolations(page, selectors))
    .filter((v) => BLOCKING_IMPACTS.has(v.impact))
    .flatMap((v) => v.targets.map((target) => `${v.id}: ${target}`));
}

/** Presses `key` until the focused element's text is `label` (menus list groups in server order). */
async function focusByKey(page: Page, key: string, label: string): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    if ((await page.evaluate(() => document.activeElement?.textContent)) === label) return;
    await page.keyboard.press(key);
  }
  throw new Error(`never focused "${label}"`);
}

describe('contact-list management on a server that offers it', () => {
  let stack: LiveStack;
  let page: Page;
  let bridge: InstalledBridge;
  beforeAll(async () => {
    const users = demoDirectory();
    users.users.push({ uri: 'sip:mallory@contoso.com', name: 'Mallory Hacker', title: XSS, department: `${XSS}<script>alert(2)</script>` });
    stack = await startLiveStack({ users });
    ({ page, bridge } = await openSignedIn(stack));
  });
  afterAll(async () => {
    bridge?.dispose();
    await page?.close();
    await stack?.close();
  });

  it('searches the directory from the keyboard and adds the person to a group: the simulator and the feed say so', async () => {
    await page.waitForSelector('#search:visible', WAIT);
    await page.focus('#search');
    await page.keyboard.type('s');
    // One character is not sent.
    expect(await page.textContent('#search-status')).toBe('Type at least 2 characters.');
    await page.keyboard.type('arah');
    await page.waitForSelector('.result-name:text-is("Sarah Jones")', WAIT);
    const sarah = page.locator('.result-contact', { has: page.locator('.result-name:text-is("Sarah Jones")') });
    expect(await sarah.locator('.result-details').textContent()).toBe('Recruiter · Human Resources');
    expect(await sarah.locator('.dot').count()).toBe(1);
    // Not on the list: the dot shows what her presence resource said when the search ran.
    expect(await sarah.locator('.dot').getAttribute('class')).toContain(`dot-${presenceTone('Online')}`);
    expect(await sarah.locator('.result-text').textContent()).toContain('Available');
    // Typed in one go: one request after the pause, not one per letter.
    expect(bridge.calls.filter((c) => c.verb === 'searchDirectory').map((c) => c.arg)).toEqual([{ query: 'sarah', limit: 20 }]);
    const shot = await saveScreenshot(page, 'contacts-search.png');
    expect(shot.colours).toBeGreaterThan(50);

    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add to ▸');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="menu"][aria-label="Add Sarah Jones to"]', WAIT);
    // Search open, a menu open: no serious or critical accessibility violation in either.
    expect(await seriousViolations(page, ['#search-bar', '#manage-bar', '[role="menu"]'])).toEqual([]);
    await focusByKey(page, 'ArrowDown', 'Project Falcon');
    await page.keyboard.press('Enter');

    await eventuallyTrue(stack, 'Sarah in Project Falcon', (groups) =>
      groups.some((g) => g.name === 'Project Falcon' && g.contacts.some((c) => c.uri === SARAH)),
    );
    await waitForFeed(page, 'Sarah Jones added to Project Falcon');
    await page.waitForSelector('.contact-row .contact-name:text-is("Sarah Jones")', WAIT);
    // The window sent a request and drew nothing of its own: the row came with the server's change.
    expect(bridge.calls.filter((c) => c.verb === 'changeContactList').map((c) => c.arg)).toEqual([
      { kind: 'addContact', uri: SARAH, groupId: (await simGroups(stack)).find((g) => g.name === 'Project Falcon')!.id },
    ]);
  });

  it('removes a contact from a group with Delete', async () => {
    const falcon = (await simGroups(stack)).find((g) => g.name === 'Project Falcon')!;
    await page.focus(`[data-key="c:${falcon.id}:${SARAH}"]`);
    await page.keyboard.press('Delete');
    await eventuallyTrue(stack, 'Sarah out of Project Falcon', (groups) =>
      groups.some((g) => g.id === falcon.id && !g.contacts.some((c) => c.uri === SARAH)),
    );
    await waitForFeed(page, 'Sarah Jones removed from Project Falcon');
    await page.waitForSelector(`[data-key="c:${falcon.id}:${SARAH}"]`, { ...WAIT, state: 'detached' });
  });

  it('creates, renames (inline) and deletes (after a confirmation naming it) a group', async () => {
    await page.click('#new-group');
    await page.keyboard.type('Falcon QA');
    await page.keyboard.press('Enter');
    await eventuallyTrue(stack, 'group Falcon QA', (groups) => groups.some((g) => g.name === 'Falcon QA'));
    await waitForFeed(page, 'Group Falcon QA added');
    const id = (await simGroups(stack)).find((g) => g.name === 'Falcon QA')!.id;

    await page.focus(`[data-key="g:${id}"]`);
    await page.keyboard.press('F2');
    const editor = page.locator('input.inline-editor-row');
    expect(await editor.getAttribute('aria-label')).toBe('New name for Falcon QA');
    await editor.fill('Falcon Test');
    await editor.press('Enter');
    await eventuallyTrue(stack, 'renamed to Falcon Test', (groups) => groups.some((g) => g.id === id && g.name === 'Falcon Test'));
    await waitForFeed(page, 'Group Falcon QA renamed to Falcon Test');
    await page.waitForSelector('.group-name:text-is("Falcon Test")', WAIT);

    await page.focus(`[data-key="g:${id}"]`);
    await page.keyboard.press('Shift+F10');
    await page.waitForSelector('[role="menu"][aria-label="Actions for Falcon Test"]', WAIT);
    await focusByKey(page, 'ArrowDown', 'Delete group…');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#confirm[open]', WAIT);
    expect(await page.textContent('#confirm-text')).toBe('Delete the group “Falcon Test” and its 0 contacts?');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-cancel');
    expect(await seriousViolations(page, ['#confirm'])).toEqual([]);
    await page.click('#confirm-ok');
    await eventuallyTrue(stack, 'Falcon Test deleted', (groups) => !groups.some((g) => g.id === id));
    await waitForFeed(page, 'Group Falcon Test removed');
    await page.waitForSelector(`[data-key="g:${id}"]`, { ...WAIT, state: 'detached' });
  });

  it("shows the server's refusal in words (a name already used: 409 AlreadyExists)", async () => {
    await page.click('#new-group');
    await page.keyboard.type('Lunch crew');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#manage-problem:visible', WAIT);
    expect(await page.textContent('#manage-problem')).toBe('That is already on the contact list (or a group has that name).');
    expect((await simGroups(stack)).filter((g) => g.name === 'Lunch crew')).toHaveLength(1);
  });

  it('expands a distribution group found in the directory into its members', async () => {
    await page.fill('#search', 'falcon');
    const falcon = page.locator('.result-group', { has: page.locator('.result-name:text-is("Falcon Core Team")') });
    await falcon.waitFor(WAIT);
    const members = falcon.locator('.result-members');
    expect(await members.getAttribute('aria-expanded')).toBe('false');
    await members.focus();
    await page.keyboard.press('Enter');
    await falcon.locator('.result-members-list .result-name:text-is("Alex Doe")').waitFor(WAIT);
    expect(await members.getAttribute('aria-expanded')).toBe('true');
    const names = await falcon.locator('.result-members-list .result-name').allTextContents();
    expect(names.sort()).toEqual(['Alex Doe', 'Pilar Pinilla', 'Sara Davis']);
  });

  it('renders a hostile title and department as text', async () => {
    await page.fill('#search', 'mallory');
    await page.waitForSelector('.result-name:text-is("Mallory Hacker")', WAIT);
    const details = page.locator('.result-contact', { has: page.locator('.result-name:text-is("Mallory Hacker")') }).locator('.result-details');
    expect(await details.textContent()).toBe(`${XSS} · ${XSS}<script>alert(2)</script>`);
    expect(await page.locator('#search-results img, #search-results script').count()).toBe(0);
    expect(bridge.dialogs).toEqual([]);
  });
});

describe('a read-only server (no contact-list management resources)', () => {
  let stack: LiveStack;
  let page: Page;
  let bridge: InstalledBridge;
  beforeAll(async () => {
    stack = await startLiveStack({ config: { contactListManagement: false } });
    ({ page, bridge } = await openSignedIn(stack));
  });
  afterAll(async () => {
    bridge?.dispose();
    await page?.close();
    await stack?.close();
  });

  it('hides every change action and says why; search still works', async () => {
    await page.waitForSelector('#manage-notice:visible', WAIT);
    expect(await page.textContent('#manage-notice')).toBe('Your server does not allow changing the contact list.');
    expect(await page.isHidden('#new-group')).toBe(true);
    await page.fill('#search', 'sarah');
    await page.waitForSelector('.result-name:text-is("Sarah Jones")', WAIT);
    expect(await page.locator('#search-results .result-add').count()).toBe(0);
    // Keyboard actions on rows do nothing: no menu, no request.
    await page.locator('.group-row', { has: page.locator('.group-name:text-is("Project Falcon")') }).focus();
    await page.keyboard.press('Shift+F10');
    await page.keyboard.press('Delete');
    expect(await page.locator('[role="menu"]').count()).toBe(0);
    expect(await page.locator('#confirm[open]').count()).toBe(0);
    expect(bridge.calls.filter((c) => c.verb === 'changeContactList')).toEqual([]);
  });

  it('logged no page errors in either flavour (CSP violations included)', () => {
    expect(errors).toEqual([]);
  });
});
