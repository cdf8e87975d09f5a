import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '../../simulator/clock';
import { DEFAULT_CONFIG } from '../../simulator/config';
import type { QueuedEvent } from '../../simulator/event-batch';
import { EventChannel } from '../../simulator/event-channel';
import type { SimResponse } from '../../simulator/http-types';

const PATH = '/ucwa/oauth/v1/applications/12345678901/events';

function setup() {
  const clock = new SimClock(() => 0);
  const calls = { ended: 0, resumed: 0 };
  const channel = new EventChannel({
    clock,
    config: () => DEFAULT_CONFIG,
    path: PATH,
    onEnded: () => calls.ended++,
    onRequest: () => undefined,
    onResume: () => calls.resumed++,
  });
  const get = (query: string): { res: Promise<SimResponse>; abort: () => void; done: () => boolean } => {
    const ctl = new AbortController();
    let settled = false;
    const res = channel.handle(new URL(`http://h${PATH}${query}`), ctl.signal);
    void res.then(() => (settled = true));
    return { res, abort: () => ctl.abort(), done: () => settled };
  };
  const event = (priority: QueuedEvent['priority'], href = '/c'): QueuedEvent => ({
    sender: { rel: 'people', href: '/p' },
    link: { rel: 'contact', href },
    type: 'added',
    priority,
    queuedAt: clock.now(),
  });
  return { clock, channel, get, event, calls };
}

const body = async (res: Promise<SimResponse>): Promise<Record<string, unknown>> => JSON.parse((await res).body ?? '') as Record<string, unknown>;
const flush = () => new Promise((r) => setImmediate(r));

describe('EventChannel', () => {
  const clocks: SimClock[] = [];
  afterEach(() => clocks.splice(0).forEach((c) => c.stop()));

  it('parks until a high-priority event arrives, then answers with next = ack+1', async () => {
    const s = setup();
    clocks.push(s.clock);
    const p = s.get('?ack=1');
    await flush();
    expect(p.done()).toBe(false);
    s.channel.enqueue([s.event('high')]);
    const b = await body(p.res);
    expect(b['_links']).toEqual({ self: { href: `${PATH}?ack=1` }, next: { href: `${PATH}?ack=2` } });
    expect((b['sender'] as unknown[]).length).toBe(1);
  });

  it('holds medium events for the medium window', async () => {
    const s = setup();
    clocks.push(s.clock);
    const p = s.get('?ack=1');
    s.channel.enqueue([s.event('medium')]);
    s.clock.advance(4);
    await flush();
    expect(p.done()).toBe(false);
    s.clock.advance(1);
    expect(((await body(p.res))['sender'] as unknown[]).length).toBe(1);
  });

  it('answers an empty P-GET after the timeout, clamped to at least 180 s', async () => {
    const s = setup();
    clocks.push(s.clock);
    const p = s.get('?ack=1&timeout=30');
    s.clock.advance(179);
    await flush();
    expect(p.done()).toBe(false);
    s.clock.advance(1);
    expect(await body(p.res)).toEqual({ _links: { self: { href: `${PATH}?ack=1` }, next: { href: `${PATH}?ack=2` } }, sender: [] });
  });

  it('releases the older of two P-GETs with 409 PGetReplaced', async () => {
    const s = setup();
    clocks.push(s.clock);
    const first = s.get('?ack=1');
    const second = s.get('?ack=1');
    const replaced = await first.res;
    expect(replaced.status).toBe(409);
    expect(JSON.parse(replaced.body ?? '')).toMatchObject({ code: 'Conflict', subcode: 'PGetReplaced' });
    s.channel.enqueue([s.event('high')]);
    expect((await second.res).status).toBe(200);
  });

  it('redelivers the same batch for a repeated ack and resyncs an out-of-range one', async () => {
    const s = setup();
    clocks.push(s.clock);
    const p = s.get('?ack=1');
    s.channel.enqueue([s.event('high', '/c1')]);
    const original = (await p.res).body;
    expect((await s.get('?ack=1').res).body).toBe(original);
    expect(await body(s.get('?ack=99').res)).toEqual({ _links: { resync: { href: `${PATH}?ack=1` } } });
  });

  it('answers resume after long inactivity and drops subscriptions', async () => {
    const s = setup();
    clocks.push(s.clock);
    const p = s.get('?ack=1');
    s.channel.enqueue([s.event('high')]);
    await p.res;
    s.clock.advance(DEFAULT_CONFIG.resumeAfterSeconds + 1);
    const b = await body(s.get('?ack=2').res);
    expect(b['_links']).toEqual({ self: { href: `${PATH}?ack=2` }, resume: { href: `${PATH}?ack=3` } });
    expect(s.calls.resumed).toBe(1);
  });

  it('reports the end of a P-GET when the client aborts it', async () => {
    const s = setup();
    clocks.push(s.clock);
    const p = s.get('?ack=1');
    const before = s.calls.ended;
    p.abort();
    await flush();
    expect(s.calls.ended).toBe(before + 1);
    expect(s.channel.isParked).toBe(false);
  });
});
