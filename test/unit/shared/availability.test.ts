import { describe, expect, it } from 'vitest';
import {
  SETTABLE_AVAILABILITIES,
  isSettableAvailability,
  toAvailability,
} from '../../../shared/availability';

describe('availability values', () => {
  it('accepts exactly the six PreferredAvailability values for publishing', () => {
    expect(SETTABLE_AVAILABILITIES).toEqual(['Online', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offwork']);
    expect(isSettableAvailability('Busy')).toBe(true);
    expect(isSettableAvailability('Offline')).toBe(false);
    expect(isSettableAvailability('IdleOnline')).toBe(false);
    expect(isSettableAvailability('busy')).toBe(false);
    expect(isSettableAvailability(42)).toBe(false);
  });

  it('maps server values it does not know to Unknown instead of failing', () => {
    expect(toAvailability('IdleBusy')).toBe('IdleBusy');
    expect(toAvailability('Inactive')).toBe('Unknown');
    expect(toAvailability(undefined)).toBe('Unknown');
  });
});
