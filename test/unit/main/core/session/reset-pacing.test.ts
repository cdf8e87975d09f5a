import { Subject, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type ChannelReset, paceResets } from '../../../../../main/core/session/reset-pacing';

function paced(minIntervalMs: number) {
  const scheduler = new VirtualTimeScheduler();
  const resets = new Subject<ChannelReset>();
  const out: [number, ChannelReset][] = [];
  const subscription = resets.pipe(paceResets(minIntervalMs, scheduler)).subscribe((kind) => out.push([scheduler.now(), kind]));
  const at = (ms: number, kind: ChannelReset): void => {
    scheduler.schedule(() => resets.next(kind), ms);
  };
  const run = (): void => {
    scheduler.flush();
  };
  return { at, run, out, subscription };
}

describe('paceResets', () => {
  it('passes the first reset at once and merges the ones within the interval into one at its end', () => {
    const p = paced(1_000);
    for (let ms = 0; ms < 1_000; ms += 100) p.at(ms, 'resync');
    p.run();
    expect(p.out).toEqual([
      [0, 'resync'],
      [1_000, 'resync'],
    ]);
  });

  it('a held resume wins over a later resync, so re-created subscriptions are never skipped', () => {
    const p = paced(1_000);
    p.at(0, 'resync');
    p.at(200, 'resume');
    p.at(400, 'resync');
    p.run();
    expect(p.out).toEqual([
      [0, 'resync'],
      [1_000, 'resume'],
    ]);
  });

  it('resets further apart than the interval pass unchanged', () => {
    const p = paced(1_000);
    p.at(0, 'resync');
    p.at(1_500, 'resume');
    p.at(3_000, 'resync');
    p.run();
    expect(p.out).toEqual([
      [0, 'resync'],
      [1_500, 'resume'],
      [3_000, 'resync'],
    ]);
  });

  it('after a merged one, the next interval counts from it', () => {
    const p = paced(1_000);
    p.at(0, 'resync');
    p.at(500, 'resync');
    p.at(1_200, 'resync');
    p.run();
    expect(p.out).toEqual([
      [0, 'resync'],
      [1_000, 'resync'],
      [2_000, 'resync'],
    ]);
  });

  it('unsubscribing cancels a held reset', () => {
    const scheduler = new VirtualTimeScheduler();
    const resets = new Subject<ChannelReset>();
    const out: number[] = [];
    const subscription = resets.pipe(paceResets(1_000, scheduler)).subscribe(() => out.push(scheduler.now()));
    scheduler.schedule(() => resets.next('resync'), 0);
    scheduler.schedule(() => resets.next('resync'), 100);
    scheduler.schedule(() => subscription.unsubscribe(), 500);
    scheduler.flush();
    expect(out).toEqual([0]);
  });
});
