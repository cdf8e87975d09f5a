import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../../../main/core/app/app-pushes';
import { TRAY_RENDER_AUDIT_MS, TRAY_TICK_MS, trayStates } from '../../../../main/tray/tray-states';
import type { TrayState } from '../../../../main/tray/tray-state';
import type { LanguageChoice } from '../../../../shared/i18n';
import { clock, MIN, START } from '../core/app/virtual-clock';

function setup() {
  const time = clock();
  const status$ = new BehaviorSubject<AppStatus>({
    session: { state: 'online' },
    presence: { availability: 'Online', note: '' },
    desired: { availability: null, note: '' },
    timed: null,
  });
  const autostartEnabled$ = new BehaviorSubject(false);
  const awayOnLock$ = new BehaviorSubject(true);
  const language$ = new BehaviorSubject<LanguageChoice>('system');
  const states: TrayState[] = [];
  const subscription = trayStates({
    status$,
    autostartEnabled$,
    awayOnLock$,
    language$,
    autostartSupported: true,
    systemLanguages: ['de-DE', 'en-US'],
    scheduler: time.scheduler,
  }).subscribe((state) => states.push(state));
  return { time, status$, autostartEnabled$, awayOnLock$, language$, states, subscription };
}

describe('trayStates', () => {
  it('renders everything it is given once the changes settle, with the clock and the locale in force', () => {
    const { time, states } = setup();
    expect(states).toEqual([]);
    time.advance(TRAY_RENDER_AUDIT_MS);
    expect(states).toEqual([
      {
        session: { state: 'online' },
        presence: { availability: 'Online', note: '' },
        desired: { availability: null, note: '' },
        timed: null,
        now: START + TRAY_RENDER_AUDIT_MS,
        autostart: { supported: true, enabled: false },
        awayOnLock: true,
        locale: 'de',
        language: 'system',
      },
    ]);
  });

  it('renders once for several changes close together, again for a later one', () => {
    const { time, status$, autostartEnabled$, language$, states } = setup();
    time.advance(TRAY_RENDER_AUDIT_MS);
    status$.next({ ...status$.value, presence: { availability: 'Busy', note: '' } });
    autostartEnabled$.next(true);
    language$.next('fr');
    time.advance(TRAY_RENDER_AUDIT_MS);
    expect(states).toHaveLength(2);
    expect(states[1]).toMatchObject({ presence: { availability: 'Busy' }, autostart: { enabled: true }, locale: 'fr', language: 'fr' });
    time.advance(10 * MIN);
    expect(states).toHaveLength(2);
  });

  it('re-renders every minute while a timed status runs, and stops after it', () => {
    const { time, status$, states } = setup();
    status$.next({ ...status$.value, timed: { availability: 'Busy', until: START + 30 * MIN, previous: null } });
    time.advance(TRAY_RENDER_AUDIT_MS);
    expect(states).toHaveLength(1);
    expect(states[0]?.timed).toEqual({ availability: 'Busy', until: START + 30 * MIN });
    time.advance(TRAY_TICK_MS);
    time.advance(TRAY_TICK_MS);
    expect(states).toHaveLength(3);
    expect(states[2]!.now - states[1]!.now).toBe(TRAY_TICK_MS);
    status$.next({ ...status$.value, timed: null });
    time.advance(TRAY_RENDER_AUDIT_MS);
    const after = states.length;
    time.advance(5 * TRAY_TICK_MS);
    expect(states).toHaveLength(after);
    expect(states.at(-1)?.timed).toBeNull();
  });

  it('stops when unsubscribed', () => {
    const { time, status$, states, subscription } = setup();
    subscription.unsubscribe();
    status$.next({ ...status$.value, timed: { availability: 'Busy', until: START + 30 * MIN, previous: null } });
    time.advance(5 * TRAY_TICK_MS);
    expect(states).toEqual([]);
  });
});
