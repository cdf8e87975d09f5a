/**
 * Sign-in of a large contact list over a slow network: the simulator's delay fault on every request
 * (a round trip of 0, 25 and 150 ms), the real engine, and a fetch that counts what it sends.
 * Prints and returns wall times from sign-in to online, to the list structure, to the first rows'
 * presence and to all presence; batch POSTs and their most in flight; presence reads per contact.
 *
 *   npx tsx scripts/bench/sign-in-pipeline.ts [--quick]
 */
import { people } from '../../main/core/ucwa/people/people';
import type { ContactList } from '../../shared/models';
import { DANA, startHarness } from '../../test/integration/engine/support/engine-harness';
import { largeDirectory } from './large-directory';

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
  readonly structureAfterOnlineMs: number;
  readonly firstRowsPresenceAfterOnlineMs: number;
  readonly allPresenceAfterOnlineMs: number;
  readonly batchPosts: number;
  readonly mostBatchesInFlight: number;
  readonly presenceReadsPerContact: number;
}

export async function measurePipeline(groups: number, contacts: number, roundTripMs: number): Promise<PipelineFigures> {
  const wire: Wire = { presenceReads: 0, batchPosts: 0, inFlight: 0, mostInFlight: 0 };
  const h = await startHarness({ engine: { people }, users: largeDirectory(groups, contacts), deps: { fetch: countingFetch(wire) } });
  try {
    if (roundTripMs > 0) await h.injectFault({ path: '/' }, { type: 'delay', ms: roundTripMs }, 1_000_000);
    const marks: Partial<Record<'structure' | 'firstRows' | 'all', number>> = {};
    const done = new Promise<void>((resolve) => {
      h.engine.contacts$.subscribe((list: ContactList) => {
        const uris = list.groups.flatMap((g) => g.contactUris);
        if (uris.length < contacts) return;
        const now = performance.now();
        marks.structure ??= now;
        const known = (uri: string): boolean => list.contacts[uri]?.availability !== 'Unknown';
        if (uris.slice(0, FIRST_ROWS).every(known)) marks.firstRows ??= now;
        if (uris.every(known)) {
          marks.all ??= now;
          resolve();
        }
      });
    });
    const t0 = performance.now();
    await h.engine.signIn({ address: DANA.address, discoveryUrl: h.sim.rootUrl, password: DANA.password });
    const online = performance.now();
    await done;
    // Late initial events (the simulator's medium window) may still cause reads: count them too.
    await new Promise((resolve) => setTimeout(resolve, 6_000 + 4 * roundTripMs));
    const after = (at: number | undefined): number => Math.round(Math.max(0, (at ?? NaN) - online));
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
    await h.close();
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const [groups, contacts] = quick ? [20, 500] : [200, 5000];
  const rows: PipelineFigures[] = [];
  for (const rtt of [0, 25, 150]) {
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
