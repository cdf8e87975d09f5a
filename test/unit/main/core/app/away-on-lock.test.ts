import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { memorySettings } from '../../../../../main/core/app/app-settings';
import { createAwayOnLock } from '../../../../../main/core/app/away-on-lock';
import { createPresenceChoice } from '../../../../../main/core/app/presence-choice';
import type { SettableAvailability } from '../../../../../shared/availability';
import type { SessionState } from '../../../../../shared/models';
import { FakeEngine } from './fake-engine';
import { settle } from './virtual-clock';

function setup(chosen: SettableAvailability | null = null, enabled = true) {
  const engine = new FakeEngine();
  const settings = memorySettings({ awayOnLock: enabled, lastAvailability: chosen });
  const session$ = new BehaviorSubject<SessionState>({ state: 'online' });
  const sleep$ = new Subject<'lock' | 'suspend'>();
  const wake$ = new Subject<'resume' | 'unlock' | 'network'>();
  const choice = createPresenceChoice({ engine, settings });
  const away = createAwayOnLock({
    settings,
    choice,
    session: () => session$.value,
    desired: () => ({ availability: chosen, note: '' }),
    system: { sleep$, wake$ },
  });
  const cycle = async (): Promise<void> => {
    sleep$.next('lock');
    await settle();
    wake$.next('unlock');
    await settle();
  };
  return { engine, settings, session$, sleep$, wake$, away, cycle };
}

describe('createAwayOnLock', () => {
  it('appears away at lock and restores automatic at wake, once', async () => {
    const { engine, settings, sleep$, wake$ } = setup(null);
    sleep$.next('lock');
    sleep$.next('suspend');
    await settle();
    expect(engine.calls).toEqual(['setAvailability Away']);
    wake$.next('unlock');
    wake$.next('resume');
    await settle();
    expect(engine.calls).toEqual(['setAvailability Away', 'resetAvailability']);
    expect(settings.get('lastAvailability')).toBeNull();
  });

  it('from Available comes back to Available', async () => {
    const { engine, cycle } = setup('Online');
    await cycle();
    expect(engine.calls).toEqual(['setAvailability Away', 'setAvailability Online']);
  });

  it('leaves a chosen Busy alone, and does nothing when off or not online', async () => {
    const busy = setup('Busy');
    await busy.cycle();
    expect(busy.engine.calls).toEqual([]);
    const off = setup(null, false);
    await off.cycle();
    expect(off.engine.calls).toEqual([]);
    const offline = setup(null);
    offline.session$.next({ state: 'reconnecting', attempt: 1, nextRetryAt: 0, lastError: 'x' });
    await offline.cycle();
    expect(offline.engine.calls).toEqual([]);
  });

  it('a wake without a lock restores nothing; forget drops what the wake would restore', async () => {
    const { engine, sleep$, wake$, away } = setup(null);
    wake$.next('network');
    await settle();
    expect(engine.calls).toEqual([]);
    sleep$.next('lock');
    await settle();
    away.forget();
    wake$.next('unlock');
    await settle();
    expect(engine.calls).toEqual(['setAvailability Away']);
  });

  it('switches on and off in settings', () => {
    const { settings, away } = setup(null, false);
    expect(away.enabled()).toBe(false);
    away.setEnabled(true);
    expect(away.enabled()).toBe(true);
    expect(settings.get('awayOnLock')).toBe(true);
  });

  it('once disposed ignores locks', async () => {
    const { engine, away, cycle } = setup(null);
    away.dispose();
    await cycle();
    expect(engine.calls).toEqual([]);
  });

  it('without system events does nothing and disposes cleanly', () => {
    const away = createAwayOnLock({
      settings: memorySettings(),
      choice: createPresenceChoice({ engine: new FakeEngine(), settings: memorySettings() }),
      session: () => ({ state: 'online' }),
      desired: () => ({ availability: null, note: '' }),
    });
    expect(() => away.dispose()).not.toThrow();
  });
});
