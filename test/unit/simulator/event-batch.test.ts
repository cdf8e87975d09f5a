import { describe, expect, it } from 'vitest';
import { clampParam, earliestDeadline, eventsBody, mergeSuperseded, releaseDeadline, type QueuedEvent } from '../../simulator/event-batch';

const me = { rel: 'me', href: '/a/1/me' };
const people = { rel: 'people', href: '/a/1/people' };
const ev = (over: Partial<QueuedEvent>): QueuedEvent => ({
  sender: me,
  link: { rel: 'presence', href: '/a/1/me/presence' },
  type: 'updated',
  priority: 'medium',
  queuedAt: 1000,
  ...over,
});
const windows = { mediumMs: 5000, lowMs: 15000 };

describe('release deadlines', () => {
  it('releases high at once, medium and low after their windows', () => {
    expect(releaseDeadline(ev({ priority: 'high' }), windows)).toBe(1000);
    expect(releaseDeadline(ev({ priority: 'medium' }), windows)).toBe(6000);
    expect(releaseDeadline(ev({ priority: 'low' }), windows)).toBe(16000);
  });

  it('takes the earliest deadline of the queue, undefined when empty', () => {
    expect(earliestDeadline([], windows)).toBeUndefined();
    expect(earliestDeadline([ev({ priority: 'low', queuedAt: 0 }), ev({ priority: 'medium', queuedAt: 2000 })], windows)).toBe(7000);
  });
});

describe('mergeSuperseded', () => {
  it('keeps only the newest update of one resource, at its later position', () => {
    const first = ev({ queuedAt: 1 });
    const other = ev({ link: { rel: 'note', href: '/a/1/me/note' }, queuedAt: 2 });
    const second = ev({ queuedAt: 3 });
    expect(mergeSuperseded([first, other, second])).toEqual([other, second]);
  });

  it('never merges added/deleted events', () => {
    const added = ev({ type: 'added', link: { rel: 'contact', href: '/c' } });
    const deleted = ev({ type: 'deleted', link: { rel: 'contact', href: '/c' } });
    expect(mergeSuperseded([added, deleted, added])).toHaveLength(3);
  });
});

describe('eventsBody', () => {
  it('groups runs of one sender into blocks and keeps global order', () => {
    const body = eventsBody(
      { self: '/e?ack=4', next: '/e?ack=5' },
      [ev({}), ev({ sender: people, link: { rel: 'contact', href: '/c' }, in: { rel: 'myContacts', href: '/mc' }, type: 'added' }), ev({ link: { rel: 'note', href: '/n' } })],
      'array',
    );
    expect(body['_links']).toEqual({ self: { href: '/e?ack=4' }, next: { href: '/e?ack=5' } });
    const sender = body['sender'] as { rel: string; events: unknown[] }[];
    expect(sender.map((b) => [b.rel, b.events.length])).toEqual([
      ['me', 1],
      ['people', 1],
      ['me', 1],
    ]);
    expect(sender[1]!.events[0]).toEqual({ link: { rel: 'contact', href: '/c' }, in: { rel: 'myContacts', href: '/mc' }, type: 'added' });
  });

  it('spells an empty answer as sender [] or without sender, as configured', () => {
    expect(eventsBody({ self: '/e?ack=1', next: '/e?ack=2' }, [], 'array')['sender']).toEqual([]);
    expect('sender' in eventsBody({ self: '/e?ack=1', next: '/e?ack=2' }, [], 'omit')).toBe(false);
  });

  it('carries resume instead of next when asked', () => {
    expect(eventsBody({ self: '/e?ack=7', resume: '/e?ack=8' }, [], 'array')['_links']).toEqual({ self: { href: '/e?ack=7' }, resume: { href: '/e?ack=8' } });
  });
});

describe('clampParam', () => {
  it('clamps into range and falls back on junk', () => {
    expect(clampParam('60', 180, 180, 1800)).toBe(180);
    expect(clampParam('900', 180, 180, 1800)).toBe(900);
    expect(clampParam('99999', 180, 180, 1800)).toBe(1800);
    expect(clampParam('abc', 180, 180, 1800)).toBe(180);
    expect(clampParam(null, 42, 0, 100)).toBe(42);
  });
});
