import { describe, expect, it } from 'vitest';
import { formatClock } from '../../../../shared/i18n';
import { TOOLTIP_LIMIT, trayTooltip } from '../../../../main/tray/tray-tooltip';
import type { TrayState } from '../../../../main/tray/tray-state';

const base: TrayState = {
  session: { state: 'online' },
  presence: { availability: 'Busy', note: 'Quarterly review' },
  desired: { availability: 'Busy', note: 'Quarterly review' },
  timed: { availability: 'Busy', until: 30 * 60_000 },
  now: 0,
  autostart: { supported: false, enabled: false },
};

describe('trayTooltip', () => {
  it('shows status, note, time left and connection state', () => {
    expect(trayTooltip(base).replace(/\s/g, ' ')).toBe(
      `Skype for Business: Busy Note: Quarterly review Busy until ${formatClock(30 * 60_000, 'en')} (30 min left) Connected`.replace(/\s/g, ' '),
    );
  });

  it('shows the reconnect attempt and last error', () => {
    const text = trayTooltip({ ...base, timed: null, session: { state: 'reconnecting', attempt: 3, nextRetryAt: 0, lastError: 'Server unreachable' } });
    expect(text).toContain('Reconnecting… (Busy)');
    expect(text).toContain('Connection lost (attempt 3)');
    // The engine's English detail stays out of a tooltip that may be in another language.
    expect(text).not.toContain('Server unreachable');
  });

  it('shows only "Signed out" when signed out', () => {
    expect(trayTooltip({ ...base, session: { state: 'signedOut' } })).toBe('Skype for Business: Signed out');
  });

  it('fits the Windows limit', () => {
    const text = trayTooltip({ ...base, presence: { availability: 'Busy', note: 'x'.repeat(300) } });
    expect(text.length).toBe(TOOLTIP_LIMIT);
    expect(text.endsWith('…')).toBe(true);
  });
});
