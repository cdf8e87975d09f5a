/**
 * Sign-in of a large contact list over a slow network: the simulator (in a process of its own, as a
 * server is on a machine of its own) with its delay fault on every request (a round trip of 0, 25
 * and 150 ms), the real engine with its default options, and a fetch that counts what it sends.
 * Prints and returns wall times from sign-in to online, to the list structure, to the first rows'
 * presence and to all presence; batch POSTs and their most in flight; presence reads per contact.
 *
 *   npx tsx scripts/bench/sign-in-pipeline.ts [--quick] [--rtt MS]
 */
import { asyncScheduler, Subject } from 'rxjs';
import { createEngine } from '../../main/core/engine';
import { people } from '../../main/core/ucwa/people/people';
import type { ContactList } from '../../shared/models';
import { DANA } from './bench-session';
import { largeDirectory } from './large-directory';
import { startSimulatorProcess } from './simulator-process';

/** How long one measurement may take before it is reported as not reached (null) instead of hanging. */
const MEASURE_LIMIT_MS = 120_000;

/** The rows the window shows before scrolling: the first contacts in group order. */
const FIRST_ROWS = 30;

interface Wire {
  presenceReads: number;
  batchPosts: number;
  inFlight: number;
  mostInFlight: number;
}

function countingFetch(wire: Wire): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.method !== 'POST' || !/\/batch$/.test(new URL(request.url).pathname)) return fetch(request);
    const body = await request.clone().text();
    wire.presenceReads += [...body.matchAll(/^GET \S+\/presence HTTP\/1\.1\r?$/gm)].length;
    wire.batchPosts += 1;
    wire.inFlight += 1;
    wire.mostInFlight = Math.max(wire.mostInFlight, wire.inFlight);
    try {
      return await fetch(request);
    } finally {
      wire.inFlight -= 1;
    }
  };
}

export interface PipelineFigures {
  readonly roundTripMs: number;
  readonly onlineMs: number;
  /** null: not reached within the measurement's limit. */
  readonly structureAfterOnlineMs: number | null;
  readonly firstRowsPresenceAfterOnlineMs: number | null;
  readonly allPresenceAfterOnlineMs: number | null;
  readonly batchPosts: number;
  readonly mostBatchesInFlight: number;
  readonly presenceReadsPerContact: number;
}

export async function measurePipeline(groups: number, contacts: number, roundTripMs: number): Promise<PipelineFigures> {
  const wire: Wire = { presenceReads: 0, batchPosts: 0, inFlight: 0, mostInFlight: 0 };
  const sim = await startSimulatorProcess(largeDirectory(groups, contacts));
  const engine = createEngine(
    {
      fetch: countingFetch(wire),
      scheduler: asyncScheduler,
      logger: { log: () => undefined },
      idle: { idleSeconds: () => 0 },
      system: { wake$: new Subject(), sleep$: new Subject() },
      endpointId: '0b6f3c1e-2f7d-4d8e-9a51-7c3e2b1d0f42',
      userAgent: 'ucwa-presence-tray-bench/0.1.0',
      culture: 'en-US',
    },
    { people },
  );
  try {
    if (roundTripMs > 0) await sim.control('POST', '/_sim/faults', { match: { path: '/' }, times: 1_000_000, fault: { type: 'delay', ms: roundTripMs } });
    const marks: Partial<Record<'structure' | 'firstRows' | 'all', number>> = {};
    // The subscriber marks structure and first rows (cheap); a 10 ms poll scans all 5,000 contacts,
    // so the bench's own checking does not take the engine's time on every emission.
    let latest: { list: ContactList; uris: readonly string[] } | undefined;
    const known = (list: ContactList, uri: string): boolean => list.contacts[uri]?.availability !== 'Unknown';
    engine.contacts$.subscribe((list: ContactList) => {
      const uris = latest?.list.groups === list.groups ? latest.uris : list.groups.flatMap((g) => g.contactUris);
      latest = { list, uris };
      if (uris.length < contacts) return;
      const now = performance.now();
      marks.structure ??= now;
      if (marks.firstRows === undefined && uris.slice(0, FIRST_ROWS).every((uri) => known(list, uri))) marks.firstRows = now;
    });
    let poll: ReturnType<typeof setInterval> | undefined;
    // Contacts before `checked` were known at the last poll; presence read at sign-in stays known,
    // so each poll looks only at a list it has not seen, from the first contact still unknown.
    let checked = 0;
    let polled: ContactList | undefined;
    const done = new Promise<void>((resolve) => {
      poll = setInterval(() => {
        if (latest === undefined || latest.uris.length < contacts || latest.list === polled) return;
        const { list, uris } = latest;
        polled = list;
        if (checked > uris.length) checked = 0;
        while (checked < uris.length && known(list, uris[checked]!)) checked += 1;
        if (checked === uris.length) {
          marks.all = performance.now();
          resolve();
        }
      }, 10);
    });
    const t0 = performance.now();
    await engine.signIn({ address: DANA.address, discoveryUrl: sim.rootUrl, password: DANA.password });
    const online = performance.now();
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, MEASURE_LIMIT_MS))]);
    clearInterval(poll);
    // Late initial events (the simulator's medium window) may still cause reads: count them too.
    await new Promise((resolve) => setTimeout(resolve, 6_000 + 4 * roundTripMs));
    const after = (at: number | undefined): number | null => (at === undefined ? null : Math.round(Math.max(0, at - online)));
    return {
      roundTripMs,
      onlineMs: Math.round(online - t0),
      structureAfterOnlineMs: after(marks.structure),
      firstRowsPresenceAfterOnlineMs: after(marks.firstRows),
      allPresenceAfterOnlineMs: after(marks.all),
      batchPosts: wire.batchPosts,
      mostBatchesInFlight: wire.mostInFlight,
      presenceReadsPerContact: Math.round((wire.presenceReads / contacts) * 100) / 100,
    };
  } finally {
    await engine.dispose();
    await sim.stop();
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const [groups, contacts] = quick ? [20, 500] : [200, 5000];
  const rows: PipelineFigures[] = [];
  const only = process.argv.indexOf('--rtt');
  const rtts = only > 0 ? [Number(process.argv[only + 1])] : [0, 25, 150];
  for (const rtt of rtts) {
    const row = await measurePipeline(groups, contacts, rtt);
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  console.log(`sign-in pipeline, ${groups} groups / ${contacts} contacts${quick ? ' (--quick)' : ''}`);
  console.table(rows);
  console.log(JSON.stringify({ signInPipeline: { groups, contacts, rows } }));
}

if (process.argv[1]?.endsWith('sign-in-pipeline.ts')) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
