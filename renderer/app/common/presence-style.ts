import type { Availability } from '../../../shared/availability';

/** Colour family of a presence dot; the CSS has one class per family (`dot-available` …). */
export type PresenceTone = 'available' | 'busy' | 'dnd' | 'away' | 'offwork' | 'offline' | 'unknown';

const TONES: Readonly<Record<Availability, PresenceTone>> = {
  Online: 'available',
  IdleOnline: 'away',
  Busy: 'busy',
  IdleBusy: 'busy',
  DoNotDisturb: 'dnd',
  BeRightBack: 'away',
  Away: 'away',
  Offwork: 'offwork',
  Offline: 'offline',
  Unknown: 'unknown',
};

/** The dot colour family for an availability (colour is never the only cue: rows also carry the label). */
export function presenceTone(availability: Availability): PresenceTone {
  return TONES[availability];
}
