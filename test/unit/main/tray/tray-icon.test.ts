import { describe, expect, it } from 'vitest';
import { READABLE_AVAILABILITIES } from '../../../../shared/availability';
import { TRAY_ICON_NAMES, trayIconName } from '../../../../main/tray/tray-icon';

describe('trayIconName', () => {
  it('follows my presence while online, one icon per availability', () => {
    const names = READABLE_AVAILABILITIES.map((availability) =>
      trayIconName({ session: { state: 'online' }, presence: { availability, note: '' } }),
    );
    expect(names).toEqual(['online', 'busy', 'do-not-disturb', 'be-right-back', 'away', 'offwork', 'idle-online', 'idle-busy', 'offline']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('lets connection state win over presence', () => {
    const presence = { availability: 'Busy' as const, note: '' };
    expect(trayIconName({ session: { state: 'signedOut' }, presence })).toBe('signed-out');
    expect(trayIconName({ session: { state: 'error', error: { reason: 'unknown', message: 'x' } }, presence })).toBe('signed-out');
    expect(trayIconName({ session: { state: 'authenticating' }, presence })).toBe('signing-in');
    expect(trayIconName({ session: { state: 'reconnecting', attempt: 1, nextRetryAt: 0, lastError: 'x' }, presence })).toBe('reconnecting');
  });

  it('shows signing-in until the server reports my presence', () => {
    expect(trayIconName({ session: { state: 'online' }, presence: { availability: 'Unknown', note: '' } })).toBe('signing-in');
  });

  it('only uses known icon names', () => {
    expect(TRAY_ICON_NAMES).toHaveLength(12);
  });
});
