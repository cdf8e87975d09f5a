import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { memorySettings, type AppSettings } from '../../../../../main/core/app/app-settings';
import { createPresenceChoice } from '../../../../../main/core/app/presence-choice';
import type { TimedStatus } from '../../../../../main/core/app/timed-status';
import { createTimedStatusTimer } from '../../../../../main/core/app/timed-status-timer';
import { FakeEngine } from './fake-engine';
import { clock, memoryLogger, MIN, settle, START } from './virtual-clock';

function setup(initial: Partial<AppSettings> = {}) {
  const engine = new FakeEngine();
  const settings = memorySettings(initial);
  const time = clock();
  const wake$ = new Subject<unknown>();
  const logger = memoryLogger();
  const choice = createPresenceChoice({ engine, settings });
  const timed = createTimedStatusTimer({ settings, choice, scheduler: time.scheduler, wake$, logger });
  const seen: (TimedStatus | null)[] = [];
  timed.timed$.subscribe((status) => seen.push(status));
  return { engine, settings, time, wake$, logger, timed, seen };
}

describe('createTimedStatusTimer', () => {
  it('runs for its duration, then goes back to the choice before it and says so in the log', async () => {
    const { engine, settings, time, logger, timed, seen } = setup({ lastAvailability: 'Away' });
    await timed.begin('Busy', 30);
    const running = { availability: 'Busy', until: START + 30 * MIN, previous: 'Away' };
    expect(timed.value()).toEqual(running);
    expect(settings.get('timedStatus')).toEqual(running);
    expect(settings.get('lastAvailability')).toBe('Busy');
    time.advance(30 * MIN - 1);
    await settle();
    expect(engine.calls).toEqual(['setAvailability Busy']);
    time.advance(1);
    await settle();
    expect(engine.calls).toEqual(['setAvailability Busy', 'setAvailability Away']);
    expect(timed.value()).toBeNull();
    expect(settings.get('timedStatus')).toBeNull();
    expect(logger.lines).toEqual(['info timed status ended']);
    expect(seen).toEqual([null, running, null]);
  });

  it('a second timed status keeps the choice from before the first', async () => {
    const { time, engine, timed } = setup({ lastAvailability: 'Away' });
    await timed.begin('Busy', 30);
    await timed.begin('DoNotDisturb', 60);
    expect(timed.value()).toEqual({ availability: 'DoNotDisturb', until: START + 60 * MIN, previous: 'Away' });
    time.advance(30 * MIN);
    await settle();
    expect(engine.calls.at(-1)).toBe('setAvailability DoNotDisturb');
    time.advance(30 * MIN);
    await settle();
    expect(engine.calls.at(-1)).toBe('setAvailability Away');
  });

  it('a second timed status during one chosen from automatic still goes back to automatic', async () => {
    const { time, engine, settings, timed } = setup({ lastAvailability: null });
    await timed.begin('Busy', 30);
    expect(timed.value()?.previous).toBeNull();
    await timed.begin('DoNotDisturb', 60);
    expect(timed.value()).toEqual({ availability: 'DoNotDisturb', until: START + 60 * MIN, previous: null });
    time.advance(60 * MIN);
    await settle();
    expect(engine.calls).toEqual(['setAvailability Busy', 'setAvailability DoNotDisturb', 'resetAvailability']);
    expect(settings.get('lastAvailability')).toBeNull();
  });

  it('ends at local midnight for end of day', async () => {
    const { timed } = setup();
    await timed.begin('DoNotDisturb', 'endOfDay');
    const midnight = new Date(START);
    midnight.setHours(24, 0, 0, 0);
    expect(timed.value()?.until).toBe(midnight.getTime());
  });

  it('cancel goes back at once; clear forgets without restoring; neither does anything when none runs', async () => {
    const { engine, time, logger, timed } = setup({ lastAvailability: 'Away' });
    await timed.cancel();
    timed.clear();
    expect(engine.calls).toEqual([]);
    await timed.begin('Busy', 30);
    await timed.cancel();
    expect(engine.calls).toEqual(['setAvailability Busy', 'setAvailability Away']);
    await timed.begin('Busy', 30);
    timed.clear();
    time.advance(60 * MIN);
    await settle();
    expect(engine.calls).toEqual(['setAvailability Busy', 'setAvailability Away', 'setAvailability Busy']);
    expect(logger.lines).toEqual([]);
  });

  it('at start keeps one still running (and ends it on time), and drops one that ended meanwhile', async () => {
    const still = setup({ timedStatus: { availability: 'Busy', until: START + 10 * MIN, previous: 'Away' }, lastAvailability: 'Busy' });
    still.timed.restore();
    expect(still.timed.value()?.until).toBe(START + 10 * MIN);
    still.time.advance(10 * MIN);
    await settle();
    expect(still.engine.calls).toEqual(['setAvailability Away']);

    const ended = setup({ timedStatus: { availability: 'Busy', until: START, previous: null }, lastAvailability: 'Busy' });
    ended.timed.restore();
    expect(ended.timed.value()).toBeNull();
    expect(ended.settings.get('timedStatus')).toBeNull();
    expect(ended.settings.get('lastAvailability')).toBeNull();
    expect(ended.engine.calls).toEqual([]);

    const none = setup();
    none.timed.restore();
    expect(none.timed.value()).toBeNull();
  });

  it('at wake ends one whose end passed during sleep, and leaves one still running', async () => {
    const { engine, time, wake$, timed } = setup({ lastAvailability: 'Away' });
    await timed.begin('Busy', 30);
    time.scheduler.frame += 29 * MIN;
    wake$.next('resume');
    await settle();
    expect(timed.value()).not.toBeNull();
    time.scheduler.frame += MIN;
    wake$.next('resume');
    await settle();
    expect(timed.value()).toBeNull();
    expect(engine.calls.at(-1)).toBe('setAvailability Away');
  });

  it('can be disposed with none running, and a wake then does nothing', async () => {
    const { engine, wake$, timed } = setup({ lastAvailability: 'Away' });
    expect(() => timed.dispose()).not.toThrow();
    wake$.next('resume');
    await settle();
    expect(engine.calls).toEqual([]);
  });

  it('once disposed neither its timer nor a wake ends it', async () => {
    const { engine, time, wake$, timed } = setup({ lastAvailability: 'Away' });
    await timed.begin('Busy', 30);
    timed.dispose();
    time.scheduler.frame += 45 * MIN;
    wake$.next('resume');
    time.advance(MIN);
    await settle();
    expect(engine.calls).toEqual(['setAvailability Busy']);
  });
});
