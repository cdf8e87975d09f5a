import type { Locale } from './locale';

/**
 * Dates, times and durations through Intl in the user's locale: 12/24-hour clocks, unit words and
 * their plurals are the locale's own (CLDR), not ours.
 */

/** "3:30 PM" (en) / "15:30" (de, fr, pt-BR, es). */
export function formatClock(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(at);
}

/** As formatClock, with seconds (reconnect countdowns). */
export function formatClockSeconds(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(at);
}

/** "Mon" / "lun." for feed entries older than today. */
export function formatWeekday(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short' }).format(at);
}

function unit(value: number, name: 'hour' | 'minute' | 'second', locale: Locale, display: 'long' | 'short'): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: display }).format(value);
}

/** "30 minutes", "1 hour", "2 hours" (menu labels: whole hours from 60 minutes on). */
export function formatDurationLong(minutes: number, locale: Locale): string {
  return minutes >= 60 && minutes % 60 === 0 ? unit(minutes / 60, 'hour', locale, 'long') : unit(minutes, 'minute', locale, 'long');
}

function join(parts: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(parts);
}

/** "25 min", "1 h", "1 h 5 min" (compact, for the tray and tooltip). */
export function formatMinutesShort(minutes: number, locale: Locale): string {
  if (minutes < 60) return unit(minutes, 'minute', locale, 'short');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? unit(hours, 'hour', locale, 'short') : join([unit(hours, 'hour', locale, 'short'), unit(rest, 'minute', locale, 'short')], locale);
}

/** "45 s", "2 min", "1 min 5 s" (reconnect countdown). */
export function formatSecondsShort(seconds: number, locale: Locale): string {
  if (seconds < 60) return unit(seconds, 'second', locale, 'short');
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? unit(minutes, 'minute', locale, 'short') : join([unit(minutes, 'minute', locale, 'short'), unit(rest, 'second', locale, 'short')], locale);
}
