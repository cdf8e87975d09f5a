import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../../../shared/models';
import { type SessionEvent, sessionTransition } from '../../../../../main/core/session/session-machine';

const fold = (events: SessionEvent[], start: SessionState = { state: 'signedOut' }): SessionState[] => {
  const seen: SessionState[] = [start];
  for (const event of events) {
    const next = sessionTransition(seen.at(-1)!, event);
    if (next !== seen.at(-1)) seen.push(next);
  }
  return seen;
};

const retry: SessionEvent = { type: 'retry', attempt: 1, nextRetryAt: 5, lastError: 'down' };

describe('sessionTransition', () => {
  it('walks a sign-in, an outage and a recovery', () => {
    expect(
      fold([{ type: 'discover' }, { type: 'authenticate' }, { type: 'connect' }, { type: 'online' }, retry, { type: 'online' }]).map(
        (s) => s.state,
      ),
    ).toEqual(['signedOut', 'discovering', 'authenticating', 'connecting', 'online', 'reconnecting', 'online']);
  });

  it('keeps attempt, next retry time and last error while reconnecting', () => {
    expect(sessionTransition({ state: 'online' }, retry)).toEqual({
      state: 'reconnecting',
      attempt: 1,
      nextRetryAt: 5,
      lastError: 'down',
    });
  });

  it('ignores late events after sign-out or a fatal error', () => {
    const signedOut: SessionState = { state: 'signedOut' };
    expect(sessionTransition(signedOut, { type: 'online' })).toBe(signedOut);
    expect(sessionTransition(signedOut, retry)).toBe(signedOut);
    const error: SessionState = { state: 'error', error: { reason: 'wrongPassword', message: 'm' } };
    expect(sessionTransition(error, { type: 'online' })).toBe(error);
  });

  it('does not show a silent re-authentication while online, and dedupes repeats', () => {
    const online: SessionState = { state: 'online' };
    expect(sessionTransition(online, { type: 'authenticate' })).toBe(online);
    expect(sessionTransition(online, { type: 'online' })).toBe(online);
  });

  it('fails from anywhere and signs out from anywhere', () => {
    expect(sessionTransition({ state: 'connecting' }, { type: 'fail', error: { reason: 'unknown', message: 'x' } }).state).toBe('error');
    expect(sessionTransition({ state: 'online' }, { type: 'signOut' })).toEqual({ state: 'signedOut' });
  });

  it('returns the same object for a repeated sign-out, discover or connect', () => {
    for (const [state, event] of [
      ['signedOut', 'signOut'],
      ['discovering', 'discover'],
      ['connecting', 'connect'],
    ] as const) {
      const current = { state } as SessionState;
      expect(sessionTransition(current, { type: event })).toBe(current);
    }
    expect(sessionTransition({ state: 'online' }, { type: 'discover' })).toEqual({ state: 'discovering' });
    expect(sessionTransition({ state: 'discovering' }, { type: 'connect' })).toEqual({ state: 'connecting' });
  });

  it('shows authenticating while discovering or connecting only', () => {
    expect(sessionTransition({ state: 'discovering' }, { type: 'authenticate' })).toEqual({ state: 'authenticating' });
    expect(sessionTransition({ state: 'connecting' }, { type: 'authenticate' })).toEqual({ state: 'authenticating' });
    const reconnecting: SessionState = { state: 'reconnecting', attempt: 1, nextRetryAt: 5, lastError: 'down' };
    expect(sessionTransition(reconnecting, { type: 'authenticate' })).toBe(reconnecting);
  });
});
