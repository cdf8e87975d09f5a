import { describe, expect, it } from 'vitest';
import { aggregateAvailability, endpointAvailability } from '../../simulator/presence-model';

describe('endpointAvailability', () => {
  it('degrades Online to IdleOnline then Away, and Busy to IdleBusy', () => {
    expect(endpointAvailability(null, 'active')).toBe('Online');
    expect(endpointAvailability(null, 'inactive')).toBe('IdleOnline');
    expect(endpointAvailability('Online', 'away')).toBe('Away');
    expect(endpointAvailability('Busy', 'inactive')).toBe('IdleBusy');
    expect(endpointAvailability('Busy', 'away')).toBe('IdleBusy');
  });

  it('leaves explicitly chosen non-online states alone', () => {
    expect(endpointAvailability('DoNotDisturb', 'away')).toBe('DoNotDisturb');
    expect(endpointAvailability('BeRightBack', 'inactive')).toBe('BeRightBack');
  });
});

describe('aggregateAvailability', () => {
  it('is Offline without endpoints and the latest publisher otherwise', () => {
    expect(aggregateAvailability([])).toBe('Offline');
    expect(
      aggregateAvailability([
        { availability: 'Busy', publishedAt: 5 },
        { availability: 'Online', publishedAt: 9 },
        { availability: 'Away', publishedAt: 1 },
      ]),
    ).toBe('Online');
  });
});
