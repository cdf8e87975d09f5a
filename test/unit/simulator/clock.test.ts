import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimClock } from '../../simulator/clock';

describe('SimClock', () => {
  const clocks: SimClock[] = [];
  const make = (): SimClock => {
    const clock = new SimClock(() => 1_000_000);
    clocks.push(clock);
    return clock;
  };
  afterEach(() => clocks.splice(0).forEach((c) => c.stop()));

  it('reads real time plus the advanced offset', () => {
    const clock = make();
    expect(clock.now()).toBe(1_000_000);
    clock.advance(90);
    expect(clock.now()).toBe(1_090_000);
  });

  it('fires due timers in due order, with now() at each due time', () => {
    const clock = make();
    const seen: [string, number][] = [];
    clock.after(30_000, () => seen.push(['b', clock.now()]));
    clock.after(10_000, () => seen.push(['a', clock.now()]));
    clock.after(120_000, () => seen.push(['late', clock.now()]));
    clock.advance(60);
    expect(seen).toEqual([
      ['a', 1_010_000],
      ['b', 1_030_000],
    ]);
    expect(clock.pending()).toBe(1);
  });

  it('fires timers scheduled by a firing timer when they fall inside the same advance', () => {
    const clock = make();
    const seen: number[] = [];
    clock.after(300_000, () => {
      seen.push(clock.now());
      clock.after(300_000, () => seen.push(clock.now()));
    });
    clock.advance(700);
    expect(seen).toEqual([1_300_000, 1_600_000]);
  });

  it('does not fire a cancelled timer', () => {
    const clock = make();
    let fired = false;
    const id = clock.after(1_000, () => (fired = true));
    clock.cancel(id);
    clock.advance(10);
    expect(fired).toBe(false);
  });

  it('rejects a negative advance', () => {
    expect(() => make().advance(-1)).toThrow(RangeError);
  });

  it('fires in real time too when the clock is not advanced', async () => {
    const clock = new SimClock();
    clocks.push(clock);
    const fired = new Promise<boolean>((resolve) => clock.after(20, () => resolve(true)));
    await expect(fired).resolves.toBe(true);
  });

  it('keeps one real timer however many are queued, and still fires them in real time in order', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const clock = new SimClock();
      clocks.push(clock);
      const fired: number[] = [];
      for (let i = 1000; i >= 1; i -= 1) clock.after(i * 1000, () => fired.push(i));
      expect(clock.pending()).toBe(1000);
      expect(vi.getTimerCount()).toBe(1);
      clock.advance(10);
      expect(fired).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(5000);
      expect(fired.slice(10)).toEqual([11, 12, 13, 14, 15]);
      clock.cancel(1); // already fired: harmless
      clock.stop();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
