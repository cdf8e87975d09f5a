import type { SettableAvailability } from '../../../shared/availability';
import { formatDurationLong, formatMinutesShort, type Translator } from '../../../shared/i18n';

/**
 * Timed status ("Busy for 1 hour", "Do not disturb until end of day"): pure arithmetic on epoch ms.
 * The end time is persisted, so it survives restarts and sleep; callers compare it with the clock.
 */

/** The availabilities the tray offers with a time limit. */
export const TIMED_AVAILABILITIES = ['Busy', 'DoNotDisturb'] as const satisfies readonly SettableAvailability[];
export type TimedAvailability = (typeof TIMED_AVAILABILITIES)[number];

/** Minutes, or `endOfDay` (local midnight). */
export const TIMED_DURATIONS = [30, 60, 120, 'endOfDay'] as const;
export type TimedDuration = (typeof TIMED_DURATIONS)[number];

/** What is persisted while a timed status runs. */
export interface TimedStatus {
  readonly availability: TimedAvailability;
  /** Epoch ms when it ends. */
  readonly until: number;
  /** The manual availability to go back to; null = automatic. */
  readonly previous: SettableAvailability | null;
}

export function isTimedAvailability(value: unknown): value is TimedAvailability {
  return value === 'Busy' || value === 'DoNotDisturb';
}

export function isTimedDuration(value: unknown): value is TimedDuration {
  return (TIMED_DURATIONS as readonly unknown[]).includes(value);
}

/**
 * Local midnight after `now`. Uses the JS Date local-time API on a given instant (no clock read),
 * so it stays deterministic for a given time zone.
 */
export function endOfLocalDay(now: number): number {
  const day = new Date(now);
  day.setHours(24, 0, 0, 0);
  return day.getTime();
}

/** When a timed status chosen at `now` ends. */
export function timedStatusEnd(now: number, duration: TimedDuration, endOfDay: (now: number) => number = endOfLocalDay): number {
  return duration === 'endOfDay' ? endOfDay(now) : now + duration * 60_000;
}

/** True once the end time has passed (also after sleeping through it). */
export function isTimedStatusExpired(status: TimedStatus, now: number): boolean {
  return now >= status.until;
}

/** "30 minutes", "1 hour", "2 hours" in the translator's locale (Intl unit words); null for end of day. */
export function durationLabel(duration: TimedDuration, messages: Translator): string | null {
  return duration === 'endOfDay' ? null : formatDurationLong(duration, messages.locale);
}

/** "47 min left", "1 h 5 min left" style, rounded up to the minute so "0 min" never shows while still active. */
export function timeLeftLabel(until: number, now: number, messages: Translator): string {
  const minutes = Math.max(0, Math.ceil((until - now) / 60_000));
  return messages.t('time.left', { duration: formatMinutesShort(minutes, messages.locale) });
}
