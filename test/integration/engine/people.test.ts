import { afterEach, describe, expect, it } from 'vitest';
import { people } from '../../../main/core/ucwa/people/people';
import type { Change, ContactList } from '../../../shared/models';
import { DANA, eventually, type Harness, type SimUserView, startHarness } from './support/engine-harness';

/** The engine's list in the shape of the simulator's truth (groups in the engine's order). */
function engineView(list: ContactList): { name: string; kind: string; contacts: string[] }[] {
  return list.groups.map((g) => ({ name: g.name, kind: g.kind, contacts: [...g.contactUris].sort() }));
}

function simView(user: SimUserView): { name: string; kind: string; contacts: string[] }[] {
  const order = ['pinned', 'personal', 'default', 'distribution'];
  return [...user.groups]
    .map((g, index) => ({ g, index }))
    .sort((a, b) => order.indexOf(a.g.kind) - order.indexOf(b.g.kind) || a.index - b.index)
    .map(({ g }) => ({ name: g.name, kind: g.kind, contacts: g.contacts.map((c) => c.uri).sort() }));
}

describe('people against the simulator', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function signedIn(): Promise<{ h: Harness; lists: ContactList[]; changes: Change[] }> {
    h = await startHarness({ engine: { people } });
    const lists: ContactList[] = [];
    const changes: Change[] = [];
    h.engine.contacts$.subscribe((list) => lists.push(list));
    h.engine.changes$.subscribe((change) => changes.push(change));
    await h.engine.signIn({ address: DANA.address, discoveryUrl: h.sim.rootUrl, password: DANA.password }, { availability: 'Busy' });
    return { h, lists, changes };
  }

  const latest = (lists: ContactList[]): ContactList => lists[lists.length - 1]!;

  it('reads the structure in one round (groups, memberships, contacts), the rest through batch, and equals the simulator truth', async () => {
    const { h, lists } = await signedIn();
    const truth = simView(await h.simUser());
    await eventually(async () => JSON.stringify(engineView(latest(lists))) === JSON.stringify(truth), 'engine list = sim list');
    const requests = (await h.control('GET', '/_sim/requests')) as { requests: { method: string; path: string; query: string; status: number }[] };
    const gets = (pattern: RegExp): number => requests.requests.filter((r) => r.method === 'GET' && pattern.test(r.path)).length;
    expect([gets(/\/people\/groups$/i), gets(/\/people\/groupMemberships$/i)]).toEqual([1, 1]);
    // myContacts once; no group's members read one GET per group.
    const contactGets = requests.requests.filter((r) => r.method === 'GET' && /\/people\/contacts$/i.test(r.path));
    expect(contactGets.map((r) => r.query)).toEqual(['']);
    expect(requests.requests.some((r) => r.method === 'POST' && /\/batch$/.test(r.path))).toBe(true);
    // Presence was read too: every contact has a real availability.
    await eventually(async () => Object.values(latest(lists).contacts).every((c) => c.availability !== 'Unknown'), 'every presence read');
  });

  it('follows groups, members, contact presence and notes changed through the control API, as change-feed entries', async () => {
    const { h, lists, changes } = await signedIn();
    await eventually(async () => latest(lists).groups.length > 0, 'first list');
    const { id } = (await h.control('POST', `/_sim/users/${DANA.address}/groups`, { name: 'Book club' })) as { id: string };
    await eventually(async () => changes.some((c) => c.kind === 'groupAdded' && c.group === 'Book club'), 'groupAdded');
    await h.control('POST', `/_sim/users/${DANA.address}/groups/${id}/contacts`, { uri: 'sip:zoe@contoso.com', name: 'Zoe Ng' });
    await eventually(async () => changes.some((c) => c.kind === 'contactAdded' && c.group === 'Book club'), 'contactAdded');
    await h.control('PATCH', `/_sim/users/${DANA.address}/groups/${id}`, { name: 'Reading club' });
    await eventually(async () => changes.some((c) => c.kind === 'groupRenamed' && c.group === 'Reading club' && c.previousGroup === 'Book club'), 'groupRenamed');
    const someone = Object.values(latest(lists).contacts).find((c) => c.availability !== 'DoNotDisturb' && c.uri !== 'sip:zoe@contoso.com')!;
    await h.control('PUT', `/_sim/users/${someone.uri.replace(/^sip:/, '')}/presence`, { availability: 'DoNotDisturb' });
    await eventually(
      async () => changes.some((c) => c.kind === 'contactPresenceChanged' && c.contactUri === someone.uri && c.availability === 'DoNotDisturb'),
      'contactPresenceChanged',
    );
    await h.control('PUT', `/_sim/users/${someone.uri.replace(/^sip:/, '')}/presence`, { note: 'Back after lunch' });
    await eventually(async () => latest(lists).contacts[someone.uri]?.note === 'Back after lunch', 'contact note');
    await h.control('DELETE', `/_sim/users/${DANA.address}/groups/${id}`);
    await eventually(async () => changes.some((c) => c.kind === 'groupRemoved' && c.group === 'Reading club'), 'groupRemoved');
    const truth = simView(await h.simUser());
    await eventually(async () => JSON.stringify(engineView(latest(lists))) === JSON.stringify(truth), 'engine list = sim list');
    // Each change is reported once.
    expect(changes.filter((c) => c.kind === 'groupAdded')).toHaveLength(1);
    expect(changes.every((c) => typeof c.at === 'number' && c.at > 0)).toBe(true);
  });

  it('after the application is reaped, recovers the list and reports a change made meanwhile exactly once', async () => {
    const { h, lists, changes } = await signedIn();
    await eventually(async () => latest(lists).groups.length > 0, 'first list');
    await h.control('POST', `/_sim/users/${DANA.address}/applications/expire`);
    await h.control('POST', `/_sim/users/${DANA.address}/groups`, { name: 'While away' });
    await eventually(async () => changes.some((c) => c.group === 'While away'), 'change after recovery', 20_000);
    const truth = simView(await h.simUser());
    await eventually(async () => JSON.stringify(engineView(latest(lists))) === JSON.stringify(truth), 'engine list = sim list');
    expect(changes.filter((c) => c.group === 'While away')).toEqual([expect.objectContaining({ kind: 'groupAdded' })]);
  });

  it('empties the list on sign-out, and signing in as someone else is a fresh snapshot, not a diff', async () => {
    const { h, lists, changes } = await signedIn();
    await eventually(async () => latest(lists).groups.length > 0, 'Dana\'s list');
    const danaGroups = latest(lists).groups.map((g) => g.name);
    await h.engine.signOut();
    expect(latest(lists)).toEqual({ groups: [], contacts: {} });
    const changesBefore = changes.length;

    await h.engine.signIn({ address: 'sarad@contoso.com', discoveryUrl: h.sim.rootUrl, password: 'Passw0rd!' });
    const truth = simView(await h.simUser('sarad@contoso.com'));
    await eventually(async () => JSON.stringify(engineView(latest(lists))) === JSON.stringify(truth), 'engine list = Sara\'s list');
    // Dana's groups never show up as removed, nor Sara's as added: a new sign-in is a snapshot.
    expect(changes.slice(changesBefore)).toEqual([]);
    expect(latest(lists).groups.map((g) => g.name)).not.toEqual(danaGroups);
  });
});
