import { afterEach, describe, expect, it } from 'vitest';
import { people } from '../../../main/core/ucwa/people/people';
import { BATCH_CONCURRENCY } from '../../../main/core/ucwa/batch';
import type { ContactList } from '../../../shared/models';
import { largeDirectory } from '../../../scripts/bench/large-directory';
import { DANA, eventually, type Harness, startHarness } from './support/engine-harness';

/** What went over the wire in batch POSTs: every inner GET in send order, and how many batches were out at once. */
interface Wire {
  readonly innerGets: string[];
  mostBatchesInFlight: number;
}

/** A fetch that records batch POSTs on their way to the simulator; `answered` sees each batch's inner GETs once answered. */
function recordingFetch(wire: Wire, answered: (gets: readonly string[]) => Promise<void> = async () => {}): typeof fetch {
  let inFlight = 0;
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.method !== 'POST' || !/\/batch$/.test(new URL(request.url).pathname)) return fetch(request);
    const body = await request.clone().text();
    const gets = [...body.matchAll(/^GET (\S+) HTTP\/1\.1\r?$/gm)].map((match) => match[1]!);
    wire.innerGets.push(...gets);
    inFlight += 1;
    wire.mostBatchesInFlight = Math.max(wire.mostBatchesInFlight, inFlight);
    try {
      const response = await fetch(request);
      await answered(gets);
      return response;
    } finally {
      inFlight -= 1;
    }
  };
}

/** The contact a presence href belongs to, as the simulator spells it (`…/people/<uri>/presence`). */
function presenceOwner(path: string): string | undefined {
  const match = /\/people\/([^/]+)\/presence$/i.exec(path.split('?')[0]!);
  return match ? decodeURIComponent(match[1]!).toLowerCase() : undefined;
}

/** The contact a note href belongs to (`…/people/<uri>/note`). */
function noteOwner(path: string): string | undefined {
  const match = /\/people\/([^/]+)\/note$/i.exec(path.split('?')[0]!);
  return match ? decodeURIComponent(match[1]!).toLowerCase() : undefined;
}

describe('people at sign-in: structure, then visible first, pipelined', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('reads each contact\'s presence in one pass, the visible contacts first, with several batches in flight', async () => {
    const wire: Wire = { innerGets: [], mostBatchesInFlight: 0 };
    h = await startHarness({
      engine: { people },
      users: largeDirectory(12, 240),
      deps: { fetch: recordingFetch(wire) },
    });
    // A slow network, so batches sent together are still out together (the simulator's delay fault).
    await h.injectFault({ method: 'POST', path: '/batch' }, { type: 'delay', ms: 150 }, 1_000);
    // Rows far down the list: read before everyone else although the list order puts them last.
    const visible = ['sip:person239@contoso.com', 'sip:person227@contoso.com', 'sip:person11@contoso.com'];
    h.engine.setVisibleContacts(visible);
    const lists: ContactList[] = [];
    h.engine.contacts$.subscribe((list) => lists.push(list));
    await h.engine.signIn({ address: DANA.address, discoveryUrl: h.sim.rootUrl, password: DANA.password });
    const latest = (): ContactList => lists[lists.length - 1]!;
    // The fence contact's presence comes only with its initial event, after the fence: once every
    // presence is known, every initial event has been through, so the count below is final.
    await eventually(async () => Object.keys(latest()?.contacts ?? {}).length === 240 && Object.values(latest().contacts).every((c) => c.availability !== 'Unknown'), 'every presence read', 20_000);

    const presenceReads = wire.innerGets.map(presenceOwner).filter((uri): uri is string => uri !== undefined);
    const perContact = new Map<string, number>();
    for (const uri of presenceReads) perContact.set(uri, (perContact.get(uri) ?? 0) + 1);
    expect(perContact.size).toBe(240);
    expect([...perContact.entries()].filter(([, reads]) => reads !== 1)).toEqual([]);
    expect(presenceReads.slice(0, visible.length).sort()).toEqual(visible.map((uri) => uri.replace(/^sip:/, '').toLowerCase()).sort());
    expect(wire.mostBatchesInFlight).toBeGreaterThan(1);
    expect(wire.mostBatchesInFlight).toBeLessThanOrEqual(BATCH_CONCURRENCY);
    // The later contacts' notes come after everyone's presence, each read once too.
    const noteReads = (): string[] => wire.innerGets.map(noteOwner).filter((uri): uri is string => uri !== undefined);
    await eventually(async () => new Set(noteReads()).size === 240, 'every note read', 20_000);
    expect(noteReads()).toHaveLength(240);
    // Where the sign-in pass's presence reads end (the fence contact's presence is not read in it).
    let seen = 0;
    const passEnd = wire.innerGets.findIndex((get) => presenceOwner(get) !== undefined && (seen += 1) === 239);
    const laterNotes = wire.innerGets.filter((get, at) => at > passEnd && noteOwner(get) !== undefined);
    expect(laterNotes.length).toBeGreaterThan(200);
  });

  it('a presence change made during the load, after that contact was read, still arrives', async () => {
    const wire: Wire = { innerGets: [], mostBatchesInFlight: 0 };
    const target = 'sip:person11@contoso.com';
    let changed = false;
    h = await startHarness({
      engine: { people },
      users: largeDirectory(12, 240),
      deps: {
        fetch: recordingFetch(wire, async (gets) => {
          // Our read of the target has been answered: a change now is one the read cannot see. Its event
          // is raised while the target's initial event is still queued, so the server merges the two.
          if (changed || !gets.some((get) => presenceOwner(get) === 'person11@contoso.com')) return;
          changed = true;
          await h!.control('PUT', `/_sim/users/${target}/presence`, { availability: 'DoNotDisturb' });
        }),
      },
    });
    await h.injectFault({ method: 'POST', path: '/batch' }, { type: 'delay', ms: 25 }, 1_000);
    h.engine.setVisibleContacts([target]);
    const lists: ContactList[] = [];
    h.engine.contacts$.subscribe((list) => lists.push(list));
    await h.engine.signIn({ address: DANA.address, discoveryUrl: h.sim.rootUrl, password: DANA.password });
    await eventually(async () => changed, 'the target read and changed');
    await eventually(async () => lists[lists.length - 1]?.contacts[target]?.availability === 'DoNotDisturb', 'the change made during the load shown', 20_000);
    // Person 11 was Offline when read (availabilities cycle): the read came first, the change after it.
    expect(lists.some((list) => list.contacts[target]?.availability === 'Offline')).toBe(true);
  });
  it('a page of over a thousand initial events that arrives while the list is read does not stop the contact list', async () => {
    h = await startHarness({ engine: { people }, users: largeDirectory(20, 600) });
    // Batches slow enough that the subscription's initial events (600 additions, 600 presence
    // updates) come in one P-GET page while the list is still being read, and queue behind it.
    await h.injectFault({ method: 'POST', path: '/batch' }, { type: 'delay', ms: 60 }, 1_000);
    const lists: ContactList[] = [];
    h.engine.contacts$.subscribe((list) => lists.push(list));
    await h.engine.signIn({ address: DANA.address, discoveryUrl: h.sim.rootUrl, password: DANA.password });
    const latest = (): ContactList | undefined => lists[lists.length - 1];
    // The last contact subscribed learns its presence only from its initial event, handled after the page's thousand others.
    await eventually(async () => {
      const contacts = Object.values(latest()?.contacts ?? {});
      return contacts.length === 600 && contacts.every((c) => c.availability !== 'Unknown');
    }, 'every contact\'s presence, the last one subscribed included', 20_000);
    // And the contact list still follows the server afterwards.
    const target = 'sip:person599@contoso.com';
    const next = latest()?.contacts[target]?.availability === 'Away' ? 'Busy' : 'Away';
    await h.control('PUT', `/_sim/users/${target}/presence`, { availability: next });
    await eventually(async () => latest()?.contacts[target]?.availability === next, 'a change after sign-in shown', 20_000);
  });
});
