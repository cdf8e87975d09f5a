// Speed figures for the contacts window with 200 groups / 5,000 contacts, in headless Chromium
// (the @sparticuz/chromium devDependency, or the browser UCWA_TEST_CHROMIUM names).
// Not a test (no timed assertions anywhere): run `npx tsx test/renderer/bench-renderer.ts`, or call
// benchRenderer() from scripts/bench.ts.
import { pathToFileURL } from 'node:url';
import { serialize } from 'node:v8';
import { parseFilter } from '../../renderer/app/contacts/contact-filter';
import { buildRowModel } from '../../renderer/app/contacts/row-model';
import { diffContactPatches } from '../../shared/contact-patches';
import { IPC, type ContactPatchBatch } from '../../shared/ipc-contract';
import type { ContactList } from '../../shared/models';
import { installBridge } from './support/bridge';
import { launchChromium, resolveChromium } from './support/chromium';
import { largeContactList } from './support/contact-lists';
import { baseSnapshot, createFakeBackend } from './support/fake-backend';
import { buildRendererPages } from './support/renderer-pages';

export interface RendererBenchResult {
  /** Which browser ran, e.g. `147.0.7727.0 (@sparticuz/chromium 147.0.0)`. */
  readonly browser: string;
  readonly groups: number;
  readonly contacts: number;
  /** Test harness: page.goto until the first contact row exists (ms, includes Playwright overhead). */
  readonly openMs: number;
  /** In the page: navigation start → snapshot requested → received → list drawn (ms). */
  readonly startup: { readonly scriptStartedMs: number; readonly snapshotMs: number; readonly drawMs: number };
  /** buildRowModel over the whole list in Node (ms, median of 50): the work behind each push/keystroke. */
  readonly rowModelMs: number;
  /** One pushed patch batch (one presence changed) until painted: two animation frames (ms, median of 20). */
  readonly pushMs: number;
  /**
   * IPC bytes for one contact's presence change (Electron's structured-clone encoding, measured with
   * node:v8 serialize): the whole contact list as it used to be pushed vs the patch batch (median of 20).
   */
  readonly ipcBytesPerPresenceChange: { readonly wholeList: number; readonly patch: number };
  /** One filter keystroke until painted, two animation frames (ms, median of 20). */
  readonly filterMs: number;
  /** Scroll steps through the whole list: median and worst time per drawn step (ms). */
  readonly scrollMedianMs: number;
  readonly scrollWorstMs: number;
  /** Row elements in the DOM after scrolling (bounded by the window height). */
  readonly rowElements: number;
  /** JS heap in use (MB), Chromium's performance.memory. */
  readonly heapMb: number;
  /** Bundle sizes (bytes). */
  readonly bundleBytes: Readonly<Record<string, number>>;
  /**
   * A burst of 1,000 presence changes per second for 3 s (one patch batch each, as main pushes them),
   * the first rows on screen: the time between animation frames meanwhile (ms), median and 95th percentile.
   */
  readonly burst: { readonly changesPerSecond: number; readonly pushed: number; readonly frames: number; readonly frameP50Ms: number; readonly frameP95Ms: number };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export async function benchRenderer(groups = 200, contacts = 5000): Promise<RendererBenchResult> {
  const pages = await buildRendererPages();
  const browser = await launchChromium();
  try {
    const { stat } = await import('node:fs/promises');
    const bundleBytes: Record<string, number> = {};
    for (const file of ['contacts.js', 'contacts.css', 'sign-in.js', 'sign-in.css']) {
      bundleBytes[file] = (await stat(`${pages.outDir}/${file}`)).size;
    }
    const list = largeContactList(groups, contacts);
    const backend = createFakeBackend(baseSnapshot({ contacts: list }));
    const page = await browser.newPage({ viewport: { width: 900, height: 620 } });
    await installBridge(page, backend);
    const started = Date.now();
    await page.goto(pages.contactsUrl);
    await page.waitForSelector('.contact-row');
    const openMs = Date.now() - started;
    await page.waitForFunction(() => performance.getEntriesByName('ucwa:list-drawn').length > 0);
    const startup = await page.evaluate(() => {
      const at = (name: string): number => performance.getEntriesByName(name)[0]?.startTime ?? 0;
      return {
        scriptStartedMs: Math.round(at('ucwa:snapshot-requested')),
        snapshotMs: Math.round(at('ucwa:snapshot-received') - at('ucwa:snapshot-requested')),
        drawMs: Math.round(at('ucwa:list-drawn') - at('ucwa:snapshot-received')),
      };
    });
    const modelTimes: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const t0 = performance.now();
      buildRowModel(list, { filter: parseFilter(i % 2 === 0 ? '' : 'ali'), collapsed: new Set(), watched: new Set() });
      modelTimes.push(performance.now() - t0);
    }

    // Twenty consecutive presence changes, diffed in Node exactly as main does before it pushes.
    const batches: ContactPatchBatch[] = [];
    const wholeListBytes: number[] = [];
    let current: ContactList = list;
    Object.keys(list.contacts)
      .slice(0, 20)
      .forEach((uri, i) => {
        const contact = current.contacts[uri]!;
        const next: ContactList = {
          groups: current.groups,
          contacts: { ...current.contacts, [uri]: { ...contact, availability: i % 2 === 0 ? 'Busy' : 'Online' } },
        };
        batches.push({ seq: i + 1, patches: diffContactPatches(current, next) });
        wholeListBytes.push(serialize(next).length);
        current = next;
      });
    const pushTimes = await page.evaluate(
      async ({ batches, channel }) => {
        const push = (window as unknown as { __ucwaPush: (c: string, p: unknown) => void }).__ucwaPush;
        const twoFrames = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
        const times: number[] = [];
        for (const batch of batches) {
          const t0 = performance.now();
          push(channel, batch);
          await twoFrames();
          times.push(performance.now() - t0);
        }
        return times;
      },
      { batches, channel: IPC.contactsPatched },
    );
    const filterTimes = await page.evaluate(async () => {
      const input = document.getElementById('filter') as HTMLInputElement;
      const twoFrames = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
      const times: number[] = [];
      const words = ['a', 'al', 'ali', 'alic', 'alice', 'alic', 'ali', 'al', 'a', '', 'u', 'us', 'use', 'user', 'user4', 'user49', 'user4', 'user', 'us', ''];
      for (const word of words) {
        const t0 = performance.now();
        input.value = word;
        input.dispatchEvent(new Event('input'));
        await twoFrames();
        times.push(performance.now() - t0);
      }
      return times;
    });
    const scroll = await page.evaluate(async () => {
      const tree = document.getElementById('tree')!;
      const oneFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const times: number[] = [];
      for (let top = 0; top < tree.scrollHeight; top += 600) {
        const t0 = performance.now();
        tree.scrollTop = top;
        tree.dispatchEvent(new Event('scroll'));
        await oneFrame();
        await oneFrame();
        times.push(performance.now() - t0);
      }
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return { times, rows: tree.querySelectorAll('[role="treeitem"]').length, heap: memory?.usedJSHeapSize ?? 0 };
    });
    const burst = await page.evaluate(
      async ({ uris, channel, firstSeq }) => {
        const push = (window as unknown as { __ucwaPush: (c: string, p: unknown) => void }).__ucwaPush;
        const tree = document.getElementById('tree')!;
        tree.scrollTop = 0;
        tree.dispatchEvent(new Event('scroll'));
        const states = ['Online', 'Busy', 'Away', 'DoNotDisturb', 'BeRightBack'];
        const frames: number[] = [];
        let seq = firstSeq;
        let pushed = 0;
        let running = true;
        let last = performance.now();
        const onFrame = (now: number): void => {
          frames.push(now - last);
          last = now;
          if (running) requestAnimationFrame(onFrame);
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(onFrame);
        });
        // 10 changes every 10 ms, cycling through the first 200 contacts of the list.
        const timer = setInterval(() => {
          for (let i = 0; i < 10; i += 1) {
            const uri = uris[pushed % uris.length]!;
            push(channel, { seq: seq++, patches: [{ kind: 'presenceChanged', uri, availability: states[pushed % states.length] }] });
            pushed += 1;
          }
        }, 10);
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        clearInterval(timer);
        running = false;
        return { pushed, frames };
      },
      { uris: Object.keys(current.contacts).slice(0, 200), channel: IPC.contactsPatched, firstSeq: batches.length + 1 },
    );
    const sortedFrames = [...burst.frames].sort((a, b) => a - b);
    const percentile = (p: number): number => Math.round((sortedFrames[Math.min(sortedFrames.length - 1, Math.floor(sortedFrames.length * p))] ?? 0) * 10) / 10;
    await page.close();
    return {
      browser: `${browser.version()} (${(await resolveChromium()).source})`,
      groups,
      contacts,
      openMs,
      startup,
      rowModelMs: Math.round(median(modelTimes) * 100) / 100,
      pushMs: Math.round(median(pushTimes)),
      ipcBytesPerPresenceChange: {
        wholeList: median(wholeListBytes),
        patch: median(batches.map((batch) => serialize(batch).length)),
      },
      filterMs: Math.round(median(filterTimes)),
      scrollMedianMs: Math.round(median(scroll.times)),
      scrollWorstMs: Math.round(Math.max(...scroll.times)),
      rowElements: scroll.rows,
      heapMb: Math.round((scroll.heap / 1048576) * 10) / 10,
      bundleBytes,
      burst: {
        changesPerSecond: Math.round(burst.pushed / 3),
        pushed: burst.pushed,
        frames: burst.frames.length,
        frameP50Ms: percentile(0.5),
        frameP95Ms: percentile(0.95),
      },
    };
  } finally {
    await browser.close();
    await pages.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchRenderer();
  console.log(JSON.stringify(result, null, 2));
}
