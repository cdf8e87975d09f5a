import { afterEach, describe, expect, it } from 'vitest';
import { people } from '../../../main/core/ucwa/people/people';
import type { Change, ContactList } from '../../../shared/models';
import type { SimConfig } from '../../simulator/index';
import { DANA, eventually, type Harness, type SimUserView, startHarness } from './support/engine-harness';

/**
 * People after channel faults and subscription expiry: the contact list keeps equalling the
 * simulator's truth, and changes made afterwards still arrive (so the subscriptions are alive).
 */
function sameList(list: ContactList, user: SimUserView): boolean {
  const order = ['pinned', 'personal', 'default', 'distribution'];
  const truth = [...user.groups]
    .map((g, index) => ({ g, index }))
    .sort((a, b) => order.indexOf(a.g.kind) - order.indexOf(b.g.kind) || a.index - b.index)
    .map(({ g }) => `${g.name}:${g.contacts.map((c) => c.uri).sort().join(',')}`);
  const ours = list.groups.map((g) => `${g.name}:${[...g.contactUris].sort().join(',')}`);
  return JSON.stringify(ours) === JSON.stringify(truth);
}

describe('people after faults', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function signedIn(config: Partial<SimConfig> = {}): Promise<{ h: Harness; lists: ContactList[]; changes: Change[] }> {
    h = await startHarness({ engine: { people }, config });
    const lists: ContactList[] = [];
    const changes: Change[] = [];
    h.engine.contacts$.subscribe((list) => lists.push(list));
    h.engine.changes$.subscribe((change) => changes.push(change));
    await h.engine.signIn({ address: DANA.address, discoveryUrl: h.sim.rootUrl, password: DANA.password }, { availability: 'Busy' });
    await eventually(async () => (lists.at(-1)?.groups.length ?? 0) > 0, 'first list');
    return { h, lists, changes };
  }

  /** A group change and a contact presence change made now must both reach the change feed. */
  async function stillLive(h: Harness, lists: ContactList[], changes: Change[], tag: string): Promise<void> {
    await h.control('POST', `/_sim/users/${DANA.address}/groups`, { name: `Group ${tag}` });
    await eventually(async () => changes.some((c) => c.kind === 'groupAdded' && c.group === `Group ${tag}`), `groupAdded ${tag}`);
    const contact = Object.values(lists.at(-1)!.contacts).find((c) => c.availability !== 'BeRightBack')!;
    await h.control('PUT', `/_sim/users/${contact.uri.replace(/^sip:/, '')}/presence`, { availability: 'BeRightBack' });
    await eventually(
      async () => lists.at(-1)!.contacts[contact.uri]?.availability === 'BeRightBack',
      `presence of ${contact.name} after ${tag}`,
    );
    const user = await h.simUser();
    await eventually(async () => sameList(lists.at(-1)!, user), `list = sim truth after ${tag}`);
  }

  it('resume: subscriptions are re-created and the list stays true', async () => {
    const { h, lists, changes } = await signedIn();
    const before = (await h.control('GET', '/_sim/requests')) as { requests: { seq: number }[] };
    const since = before.requests.at(-1)?.seq ?? 0;
    await h.injectFault({ method: 'GET', path: 'events' }, { type: 'resume' });
    await eventually(async () => {
      const log = (await h.control('GET', `/_sim/requests?since=${since}`)) as { requests: { method: string; path: string }[] };
      return log.requests.some((r) => r.method === 'POST' && /presenceSubscriptions$/i.test(r.path));
    }, 'presence subscription re-created');
    await stillLive(h, lists, changes, 'after resume');
    expect(changes.filter((c) => c.group === 'Group after resume')).toHaveLength(1);
  });

  it('resync: a member added without an event is reported once by the re-read, and nothing is reported twice', async () => {
    const { h, lists, changes } = await signedIn();
    const group = (await h.simUser()).groups.find((g) => g.kind === 'personal')!;
    await h.control('POST', `/_sim/users/${DANA.address}/groups/${group.id}/contacts`, {
      uri: 'sip:quinn@contoso.com',
      name: 'Quinn Lost-Event',
      announce: false,
    });
    await h.injectFault({ method: 'GET', path: 'events' }, { type: 'resync' });
    await eventually(async () => changes.some((c) => c.kind === 'contactAdded' && c.contact === 'Quinn Lost-Event'), 'contactAdded from the re-read');
    await stillLive(h, lists, changes, 'after resync');
    expect(changes.filter((c) => c.kind === 'contactAdded' && c.contact === 'Quinn Lost-Event')).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'groupAdded')).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'contactRemoved')).toEqual([]);
  });

  it('subscriptions outlive their 30-minute duration (refreshed on the warnings)', async () => {
    // Keep the simulator from reaping or resuming the application while its clock jumps.
    const { h, lists, changes } = await signedIn({ appReapSeconds: 86_400, resumeAfterSeconds: 86_400 });
    for (let i = 0; i < 3; i += 1) {
      // 28 minutes: past both warning points of a 30-minute subscription.
      await h.control('POST', '/_sim/clock/advance', { seconds: 28 * 60 });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await stillLive(h, lists, changes, 'after 84 minutes');
  });
});
