import { describe, expect, it } from 'vitest';
import { sessionBanner } from '../../../../../renderer/app/contacts/session-banner';

describe('sessionBanner', () => {
  it('says nothing when online', () => {
    expect(sessionBanner({ state: 'online' }, 0)).toBeNull();
  });
  it('offers sign-in when signed out or failed, with the error message', () => {
    expect(sessionBanner({ state: 'signedOut' }, 0)).toEqual({ tone: 'warning', text: 'You are signed out.', signIn: true });
    expect(
      sessionBanner({ state: 'error', error: { reason: 'certificate', message: 'The server certificate is not trusted.' } }, 0),
    ).toEqual({ tone: 'error', text: 'The server certificate is not trusted.', signIn: true });
  });
  it('counts down to the next reconnect attempt', () => {
    const session = { state: 'reconnecting', attempt: 2, nextRetryAt: 100_000, lastError: 'timeout' } as const;
    const at = (ms: number): string => `T+${ms / 1000}s`;
    expect(sessionBanner(session, 10_000, at)?.text).toBe(
      'Connection lost (timeout). Reconnecting, attempt 2: next try at T+100s (in 1 min 30 s).',
    );
    expect(sessionBanner(session, 99_500, at)?.text).toBe('Connection lost (timeout). Reconnecting, attempt 2: next try at T+100s (in 1 s).');
    expect(sessionBanner(session, 100_000, at)?.text).toBe('Connection lost (timeout). Reconnecting, attempt 2: trying now.');
    expect(sessionBanner({ ...session, lastError: '' }, 40_000, at)?.text).toBe(
      'Connection lost. Reconnecting, attempt 2: next try at T+100s (in 1 min).',
    );
  });
  it('shows sign-in progress without a button', () => {
    for (const state of ['discovering', 'authenticating', 'connecting'] as const) {
      expect(sessionBanner({ state }, 0)).toMatchObject({ tone: 'info', signIn: false });
    }
  });
});
