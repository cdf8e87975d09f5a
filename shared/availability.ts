/**
 * Availability values, as UCWA spells them.
 *
 * Only the six PreferredAvailability values can be published (POST presence, `signInAs`);
 * the server can additionally report idle and offline states (ucwa-protocol.md §4.3, §11).
 */
export const SETTABLE_AVAILABILITIES = [
  'Online',
  'Busy',
  'DoNotDisturb',
  'BeRightBack',
  'Away',
  'Offwork',
] as const;

export type SettableAvailability = (typeof SETTABLE_AVAILABILITIES)[number];

export const READABLE_AVAILABILITIES = [
  ...SETTABLE_AVAILABILITIES,
  'IdleOnline',
  'IdleBusy',
  'Offline',
] as const;

/** What the server may report for me or a contact; `Unknown` when it said nothing we understand. */
export type Availability = (typeof READABLE_AVAILABILITIES)[number] | 'Unknown';

export function isSettableAvailability(value: unknown): value is SettableAvailability {
  return typeof value === 'string' && (SETTABLE_AVAILABILITIES as readonly string[]).includes(value);
}

export function isAvailability(value: unknown): value is Availability {
  return (
    value === 'Unknown' ||
    (typeof value === 'string' && (READABLE_AVAILABILITIES as readonly string[]).includes(value))
  );
}

/** Parses a server-reported value; anything unexpected becomes `Unknown` rather than an error. */
export function toAvailability(value: unknown): Availability {
  return isAvailability(value) ? value : 'Unknown';
}
