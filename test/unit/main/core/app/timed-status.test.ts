import { translator } from '../../../../../shared/i18n';
import { describe, expect, it } from 'vitest';
import {
  isTimedDuration,
  durationLabel,
  endOfLocalDay,
  isTimedStatusExpired,
  timeLeftLabel,
  timedStatusEnd,
} from '../../../../../main/core/app/timed-status';
import { trayActionFromId, trayItemId } from '../../../../../main/tray/tray-action';

describe('timed status', () => {
  it('knows the durations it offers', () => {
    for (const duration of [30, 60, 120, 'endOfDay']) expect(isTimedDuration(duration)).toBe(true);
    for (const other of [45, '30', null, undefined, 'endofday']) expect(isTimedDuration(other)).toBe(false);
  });

  it('computes end times from the chosen duration', () => {
    expect(timedStatusEnd(1_000, 30)).toBe(1_000 + 30 * 60_000);
    expect(timedStatusEnd(1_000, 120)).toBe(1_000 + 120 * 60_000);
    expect(timedStatusEnd(1_000, 'endOfDay', () => 99)).toBe(99);
  });

  it('ends the day at the next local midnight', () => {
    const now = new Date(2026, 10, 23, 15, 30).getTime();
    expect(endOfLocalDay(now)).toBe(new Date(2026, 10, 24, 0, 0).getTime());
  });

  it('expires at or after the end, also after sleeping through it', () => {
    const status = { availability: 'Busy' as const, until: 5_000, previous: null };
    expect(isTimedStatusExpired(status, 4_999)).toBe(false);
    expect(isTimedStatusExpired(status, 5_000)).toBe(true);
    expect(isTimedStatusExpired(status, 50_000_000)).toBe(true);
  });

  it('labels durations and time left', () => {
    const en = translator('en');
    expect([30, 60, 120, 'endOfDay'].map((d) => durationLabel(d as 30, en))).toEqual(['30 minutes', '1 hour', '2 hours', null]);
    expect(timeLeftLabel(60_000 * 5 + 1, 0, en)).toBe('6 min left');
    expect(timeLeftLabel(120 * 60_000, 0, en)).toBe('2 hr left');
    expect(timeLeftLabel(65 * 60_000, 0, en)).toBe('1 hr 5 min left');
    expect(timeLeftLabel(0, 10, en)).toBe('0 min left');
  });

  it('words durations and time left through Intl in the locale', () => {
    const de = translator('de');
    expect(durationLabel(60, de)).toBe('1 Stunde');
    expect(durationLabel(30, translator('pt-BR'))).toBe('30 minutos');
    expect(timeLeftLabel(65 * 60_000, 0, de)).toBe('noch 1 Std., 5 Min.');
    expect(timeLeftLabel(47 * 60_000, 0, translator('fr'))).toBe('encore 47\u00a0min');
  });

  it('round-trips tray action ids', () => {
    for (const id of ['timed:Busy:30', 'timed:DoNotDisturb:endOfDay', 'availability:Away', 'availability:reset', 'app:quit']) {
      const action = trayActionFromId(id);
      expect(action).not.toBeNull();
      expect(trayItemId(action!)).toBe(id);
    }
    expect(trayActionFromId('timed:Away:30')).toBeNull();
    expect(trayActionFromId('availability:Idle')).toBeNull();
    expect(trayActionFromId('timed:Busy:45')).toBeNull();
  });
});
