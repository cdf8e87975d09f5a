import { afterEach, describe, expect, it } from 'vitest';
import { DANA, eventually, type Harness, signInBusy } from './support/engine-harness';

/**
 * One outage of the event channel is one `reconnecting` stretch (no `online` flicker while the
 * P-GET still fails) and costs one re-read of presence and note when it ends — not one per probe.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('engine: an event channel outage (503 × 5)', () => {
  it('stays reconnecting until the P-GET works again, then re-reads presence and note exactly once', async () => {
    const { h: harness, states } = await signInBusy((started) => (h = started), { engine: { pgetGraceMs: 300 } });
    // Let sign-in's own events (and the reads they trigger) pass: more than one P-GET hold (2 s).
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const since = await harness.lastSeq();
    const statesBefore = states.length;
    await harness.injectFault({ method: 'GET', path: '/events' }, { type: 'status', status: 503 }, 5);

    await eventually(async () => (await harness.faultsPending()) === 0, 'all five faults fired');
    await eventually(async () => states.at(-1)?.state === 'online', 'online again');
    await eventually(async () => (await harness.simUser()).availability === 'Busy', 'still Busy on the server');
    // The reapply runs just after `online`; give it time to show in the log.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const during = states.slice(statesBefore).map((s) => (s.state === 'reconnecting' ? `reconnecting#${s.attempt}` : s.state));
    expect(during).toEqual(['reconnecting#1', 'reconnecting#2', 'reconnecting#3', 'reconnecting#4', 'reconnecting#5', 'online']);

    const log = await harness.requests(since);
    const count = (method: string, pattern: RegExp): number => log.filter((r) => r.method === method && pattern.test(r.path)).length;
    expect(log.filter((r) => r.method === 'GET' && /\/events$/.test(r.path) && r.status === 503)).toHaveLength(5);
    // Exactly once: the outage's own re-read (nothing else reads presence while nothing changes).
    expect(count('GET', /\/me\/presence$/)).toBe(1);
    expect(count('GET', /\/me\/note$/)).toBe(1);
    // One probe per retry plus the reapply's own check.
    expect(count('GET', /\/applications\/[^/]+$/)).toBeLessThanOrEqual(6);
  });

  it('another endpoint changes our availability during the outage: afterwards it is republished', async () => {
    const { h: harness, states } = await signInBusy((started) => (h = started), { engine: { pgetGraceMs: 300 } });
    await harness.injectFault({ method: 'GET', path: '/events' }, { type: 'status', status: 503 }, 5);
    await eventually(async () => states.at(-1)?.state === 'reconnecting', 'the outage began');
    const since = await harness.lastSeq();
    // Her phone says Away while we cannot hear about it: only the outage's re-read can notice.
    await harness.control('PUT', `/_sim/users/${DANA.address}/presence`, { availability: 'Away' });
    expect((await harness.simUser()).availability).toBe('Away');
    await eventually(async () => (await harness.faultsPending()) === 0, 'all five faults fired');
    await eventually(async () => (await harness.simUser()).availability === 'Busy', 'Busy again on the server');
    const posts = (await harness.requests(since)).filter((r) => r.method === 'POST' && /\/me\/presence$/.test(r.path));
    expect(posts.length).toBeGreaterThanOrEqual(1);
  });
});
