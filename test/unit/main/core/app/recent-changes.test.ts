import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createRecentChanges } from '../../../../../main/core/app/recent-changes';
import { CHANGE_FEED_LIMIT } from '../../../../../shared/ipc-contract';
import type { Change } from '../../../../../shared/models';

const change = (at: number): Change => ({ kind: 'contactPresenceChanged', at, contact: 'Ann', contactUri: 'sip:ann@contoso.com', availability: 'Online' });

describe('createRecentChanges', () => {
  it('keeps the newest CHANGE_FEED_LIMIT changes, newest first, and passes each on', () => {
    const changes$ = new Subject<Change>();
    const recent = createRecentChanges(changes$);
    const added: number[] = [];
    recent.added$.subscribe((item) => added.push(item.at));
    expect(recent.list()).toEqual([]);
    for (let at = 1; at <= CHANGE_FEED_LIMIT + 2; at++) changes$.next(change(at));
    expect(recent.list()).toHaveLength(CHANGE_FEED_LIMIT);
    expect(recent.list()[0]?.at).toBe(CHANGE_FEED_LIMIT + 2);
    expect(recent.list().at(-1)?.at).toBe(3);
    expect(added).toHaveLength(CHANGE_FEED_LIMIT + 2);
  });

  it('once disposed keeps nothing more and completes its feed', () => {
    const changes$ = new Subject<Change>();
    const recent = createRecentChanges(changes$);
    let completed = false;
    recent.added$.subscribe({ complete: () => (completed = true) });
    recent.dispose();
    changes$.next(change(1));
    expect(recent.list()).toEqual([]);
    expect(completed).toBe(true);
  });
});
