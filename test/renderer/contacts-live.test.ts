import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC, type ContactPatchBatch } from '../../shared/ipc-contract';
import type { InstalledBridge } from './support/bridge';
import { launchChromium } from './support/chromium';
import { DANA, startLiveStack, type LiveStack } from './support/live-stack';
import { openBridgedPage, type OpenedPage } from './support/open-page';
import { buildRendererPages, type RendererPages } from './support/renderer-pages';
import { saveScreenshot } from './support/screenshots';

// The real renderer bundle in headless Chromium, its window.ucwa bound to the app service running the
// real engine against the UCWA simulator: what changes on the "server" must show up in the DOM.

const XSS = '<img src=x onerror=alert(1)>';
const USERS = `/_sim/users/${encodeURIComponent(DANA.address)}`;
const WAIT = { timeout: 20_000 };

let browser: Browser;
let pages: RendererPages;
let stack: LiveStack;
const pageErrors: string[] = [];

function openPage(url: string, size: { width: number; height: number }): Promise<OpenedPage> {
  return openBridgedPage(browser, url, stack.backend, size, pageErrors);
}

beforeAll(async () => {
  [pages, browser, stack] = await Promise.all([buildRendererPages(), launchChromium(), startLiveStack()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await pages?.dispose();
});

describe('sign-in window on the real stack', () => {
  it('says what to fix (wrong password, unreachable discovery URL), then signs in', async () => {
    const { page, bridge } = await openPage(pages.signInUrl, { width: 460, height: 480 });
    await page.fill('#address', DANA.address);
    await page.fill('#password', 'not-the-password');
    await page.fill('#discovery-url', stack.sim.rootUrl);
    await page.click('#submit');
    await page.waitForSelector('#password-error:not([hidden]), #form-error:not([hidden])', WAIT);
    expect(await page.isVisible('#password-error')).toBe(true);
    expect(await page.textContent('#password-error')).not.toContain('not-the-password');

    // A discovery URL nobody answers on (loopback only): the message says what to check.
    await page.fill('#password', DANA.password);
    await page.fill('#discovery-url', 'http://127.0.0.1:9/Autodiscover/AutodiscoverService.svc/root');
    await page.click('#submit');
    await page.waitForFunction(
      () => !document.getElementById('discovery-url-error')?.hidden || !document.getElementById('form-error')?.hidden,
      undefined,
      WAIT,
    );
    const shown = (await page.locator('#discovery-url-error:visible, #form-error:visible').first().textContent()) ?? '';
    expect(shown).toMatch(/discovery URL/i);
    expect(shown).not.toContain(DANA.password);

    await page.fill('#discovery-url', stack.sim.rootUrl);
    await page.click('#submit');
    await page.waitForFunction(() => document.getElementById('progress')?.textContent === 'Signed in.', undefined, WAIT);
    expect(stack.service.snapshot().session.state).toBe('online');
    bridge.dispose();
    await page.close();
  });
});

describe('contacts window on the real stack', () => {
  let page: Page;
  let bridge: InstalledBridge;

  const rowLabel = (name: string): Promise<string | null> =>
    page.locator('#tree [role="treeitem"]', { has: page.locator(`.contact-name:text-is("${name}")`) }).first().getAttribute('aria-label');
  const waitForFeed = (text: string): Promise<unknown> =>
    page
      .waitForFunction((t) => [...document.querySelectorAll('.feed-text')].some((n) => n.textContent === t), text, WAIT)
      .catch(async (error: unknown) => {
        const feed = await page.$$eval('.feed-text', (nodes) => nodes.map((n) => n.textContent));
        throw new Error(`feed never said "${text}"; it has ${JSON.stringify(feed)}`, { cause: error });
      });

  beforeAll(async () => {
    if (stack.service.snapshot().session.state !== 'online') {
      await stack.backend.signIn({ ...DANA, discoveryUrl: stack.sim.rootUrl, keepSignedIn: false, acceptWeakStorage: false });
    }
    ({ page, bridge } = await openPage(pages.contactsUrl, { width: 900, height: 620 }));
  });
  afterAll(async () => {
    bridge?.dispose();
    await page?.close();
  });

  it('shows the demo directory in group order with labelled presence', async () => {
    await page.waitForSelector('.group-name:text-is("Engineering DL")', WAIT);
    const groups = await page.$$eval('#tree .group-row', (nodes) =>
      [...nodes]
        .sort((a, b) => Number((a as HTMLElement).dataset.index) - Number((b as HTMLElement).dataset.index))
        .map((n) => n.querySelector('.group-name')?.textContent),
    );
    expect(groups).toEqual(['Pinned Contacts', 'Project Falcon', 'Lunch crew', 'Other Contacts', 'Engineering DL']);
    await page.waitForFunction(() => document.querySelector('.contact-row .dot-busy') !== null, undefined, WAIT);
    expect(await rowLabel('Manish Chopra')).toMatch(/^Manish Chopra, Busy/);
  });

  it('shows a group and a contact added in the simulator, and a rename, live', async () => {
    const { id } = (await stack.control('POST', `${USERS}/groups`, { name: 'Project X' })) as { id: string };
    await page.waitForSelector('.group-name:text-is("Project X")', WAIT);
    await waitForFeed('Group Project X added');
    await stack.control('POST', `${USERS}/groups/${encodeURIComponent(id)}/contacts`, { uri: 'sip:alice@contoso.com', name: 'Alice Smith' });
    await page.waitForSelector('.contact-name:text-is("Alice Smith")', WAIT);
    await waitForFeed('Alice Smith added to Project X');

    await stack.control('PATCH', `${USERS}/groups/${encodeURIComponent(id)}`, { name: 'Core' });
    await page.waitForSelector('.group-name:text-is("Core")', WAIT);
    expect(await page.locator('.group-name:text-is("Project X")').count()).toBe(0);
    await waitForFeed('Group Project X renamed to Core');
  });

  it("shows a contact's presence change made in the simulator, live", async () => {
    await stack.control('PUT', `/_sim/users/${encodeURIComponent('sarad@contoso.com')}/presence`, { availability: 'DoNotDisturb' });
    await page.waitForFunction(
      () => [...document.querySelectorAll('.contact-row')].some((n) => n.getAttribute('aria-label')?.startsWith('Sara Davis, Do not disturb')),
      undefined,
      WAIT,
    );
    await waitForFeed('Sara Davis is now Do not disturb');
  });

  it('gets a presence change as one small patch batch, not the whole list, and redraws only that', async () => {
    const batches: ContactPatchBatch[] = [];
    const recording = stack.service.push$.subscribe((push) => {
      if (push.channel === IPC.contactsPatched) batches.push(push.payload);
    });
    try {
      const sara = 'sip:sarad@contoso.com';
      const untouched = await page.evaluate(() => {
        const row = [...document.querySelectorAll<HTMLElement>('.contact-row')].find((n) => !n.dataset.key?.endsWith(':sip:sarad@contoso.com'));
        row?.setAttribute('data-probe', 'kept');
        return row?.dataset.key;
      });
      await stack.control('PUT', `/_sim/users/${encodeURIComponent('sarad@contoso.com')}/presence`, { availability: 'BeRightBack' });
      await page.waitForFunction(
        () => [...document.querySelectorAll('.contact-row')].some((n) => n.getAttribute('aria-label')?.startsWith('Sara Davis, Be right back')),
        undefined,
        WAIT,
      );
      const batch = batches.find((b) => b.patches.some((patch) => patch.kind === 'presenceChanged' && patch.uri === sara));
      expect(batch?.patches).toEqual([{ kind: 'presenceChanged', uri: sara, availability: 'BeRightBack' }]);
      expect(JSON.stringify(batch).length).toBeLessThan(1024);
      // Other rows were not rebuilt: the element we marked is still there, unchanged.
      expect(untouched).toBeDefined();
      expect(await page.locator(`[data-key="${untouched}"][data-probe="kept"]`).count()).toBe(1);
    } finally {
      recording.unsubscribe();
    }
  });

  it('starts from a snapshot after a reload, and then follows patches again', async () => {
    await stack.control('PUT', `/_sim/users/${encodeURIComponent('sarad@contoso.com')}/presence`, { availability: 'Away' });
    const before = bridge.calls.filter((c) => c.verb === 'getSnapshot').length;
    await page.reload();
    await page.waitForFunction(
      () => [...document.querySelectorAll('.contact-row')].some((n) => n.getAttribute('aria-label')?.startsWith('Sara Davis, Appear away')),
      undefined,
      WAIT,
    );
    expect(bridge.calls.filter((c) => c.verb === 'getSnapshot').length).toBe(before + 1);
    await stack.control('PUT', `/_sim/users/${encodeURIComponent('sarad@contoso.com')}/presence`, { availability: 'Busy' });
    await page.waitForFunction(
      () => [...document.querySelectorAll('.contact-row')].some((n) => n.getAttribute('aria-label')?.startsWith('Sara Davis, Busy')),
      undefined,
      WAIT,
    );
  });



  it('publishes my status chosen in the window to the simulator', async () => {
    await page.selectOption('#me-select', 'Busy');
    await page.fill('#me-note-input', 'Reviewing Falcon specs');
    await page.click('#me-note-save');
    let seen: { availability?: string; note?: string } = {};
    for (let i = 0; i < 100 && !(seen.availability === 'Busy' && seen.note === 'Reviewing Falcon specs'); i += 1) {
      seen = (await stack.control('GET', USERS)) as typeof seen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen).toMatchObject({ availability: 'Busy', note: 'Reviewing Falcon specs' });
    await page.waitForFunction(() => document.getElementById('me-availability')?.textContent === 'Busy', undefined, WAIT);
  });

  it('"tell me when available" from the window notifies when the contact becomes Available', async () => {
    const olivia = page.locator('.contact-row', { has: page.locator('.contact-name:text-is("Olivia Wilson")') });
    await olivia.locator('button.watch').click({ force: true });
    await page.waitForFunction(
      () => [...document.querySelectorAll('.contact-row')].some((r) => r.textContent?.includes('Olivia Wilson') && r.querySelector('.watch')?.getAttribute('aria-pressed') === 'true'),
      undefined,
      WAIT,
    );
    expect(stack.service.snapshot().watched).toEqual(['sip:oliviaw@contoso.com']);
    await stack.control('PUT', `/_sim/users/${encodeURIComponent('oliviaw@contoso.com')}/presence`, { availability: 'Online' });
    await waitForFeed('Olivia Wilson is now Available');
    const aboutOlivia = () => stack.notifications.filter((n) => n.title.includes('Olivia'));
    for (let i = 0; i < 50 && aboutOlivia().length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(aboutOlivia()).toEqual([{ title: 'Olivia Wilson is available', body: 'You asked to be told when they are available.' }]);
  });

  it('draws my status, the groups and the change feed, and saves the README screenshot', async () => {
    await stack.control('PUT', `/_sim/users/${encodeURIComponent('kimab@contoso.com')}/presence`, { availability: 'Online' });
    await waitForFeed('Kim Abercrombie is now Available');
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await rowLabel('Kim Abercrombie')).toMatch(/^Kim Abercrombie, Available/);
    expect(await page.textContent('#me-availability')).toBe('Busy');
    expect(await page.isHidden('#banner')).toBe(true);
    expect(await page.locator('#tree .group-row').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('#feed .feed-text').count()).toBeGreaterThan(0);
    const shot = await saveScreenshot(page, 'contacts-window.png');
    expect({ width: shot.width, height: shot.height }).toEqual({ width: 900, height: 620 });
    expect(shot.colours).toBeGreaterThan(50);
  });

  it('renders a group and a contact named like markup as text, with no dialog', async () => {
    const { id } = (await stack.control('POST', `${USERS}/groups`, { name: XSS })) as { id: string };
    await page.waitForSelector(`.group-name:text-is("${XSS}")`, WAIT);
    await stack.control('POST', `${USERS}/groups/${encodeURIComponent(id)}/contacts`, { uri: 'sip:mallory@contoso.com', name: XSS });
    await page.waitForSelector(`.contact-name:text-is("${XSS}")`, WAIT);
    await waitForFeed(`${XSS} added to ${XSS}`);
    // The only images are contact photos main handed over as data: URLs; the markup made none.
    expect(await page.locator('img:not(.avatar-photo)').count()).toBe(0);
    expect(await page.$$eval('img', (nodes) => nodes.every((n) => (n as HTMLImageElement).src.startsWith('data:image/png;base64,')))).toBe(true);
    expect(bridge.dialogs).toEqual([]);
    await stack.control('DELETE', `${USERS}/groups/${encodeURIComponent(id)}`);
    await page.waitForSelector(`.group-name:text-is("${XSS}")`, { ...WAIT, state: 'detached' });
  });

  it('filters the live list', async () => {
    await page.fill('#filter', 'sara');
    await page.waitForFunction(() => document.querySelectorAll('#tree .contact-row').length === 3, undefined, WAIT);
    const names = await page.$$eval('#tree .contact-name', (nodes) => [...new Set(nodes.map((n) => n.textContent))]);
    expect(names).toEqual(['Sara Davis']);
    expect(await page.textContent('#filter-count')).toMatch(/^1 of \d+ contacts match, in 3 groups$/);
    await page.press('#filter', 'Escape');
    await page.waitForFunction(() => document.querySelectorAll('#tree .contact-row').length > 3, undefined, WAIT);
  });

  it('logged no page errors (CSP violations included)', () => {
    expect(pageErrors).toEqual([]);
  });
});
