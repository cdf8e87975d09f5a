import { describe, expect, it } from 'vitest';
import { RECONNECT_NOTIFY_ATTEMPT, sessionNotification, watchedContactNotification } from '../../../../../main/core/app/app-notifications';
import type { Change, SessionState } from '../../../../../shared/models';

const online: SessionState = { state: 'online' };
const signedOut: SessionState = { state: 'signedOut' };
const reconnecting = (attempt: number): SessionState => ({ state: 'reconnecting', attempt, nextRetryAt: 0, lastError: 'network' });
const failed: SessionState = { state: 'error', error: { reason: 'wrongPassword', message: 'wrong' } };
const SIGNED_OUT = 'Signed out of Skype for Business';

describe('sessionNotification', () => {
  it('tells an error once, in words for its reason, unless the user signed out', () => {
    expect(sessionNotification(online, failed, false)).toEqual({ title: SIGNED_OUT, body: 'The address or password is wrong.' });
    expect(sessionNotification(undefined, failed, false)).toEqual({ title: SIGNED_OUT, body: 'The address or password is wrong.' });
    expect(sessionNotification(failed, failed, false)).toBeNull();
    expect(sessionNotification(online, failed, true)).toBeNull();
  });

  it('tells a sign-out only after being connected (online or reconnecting)', () => {
    const told = { title: SIGNED_OUT, body: 'Sign in again from the tray menu.' };
    expect(sessionNotification(online, signedOut, false)).toEqual(told);
    expect(sessionNotification(reconnecting(1), signedOut, false)).toEqual(told);
    expect(sessionNotification({ state: 'connecting' }, signedOut, false)).toBeNull();
    expect(sessionNotification(undefined, signedOut, false)).toBeNull();
    expect(sessionNotification(online, signedOut, true)).toBeNull();
    expect(sessionNotification(online, { state: 'discovering' }, false)).toBeNull();
  });

  it('tells "cannot reconnect" once, at the attempt it names, while reconnecting', () => {
    const n = RECONNECT_NOTIFY_ATTEMPT;
    expect(n).toBe(3);
    expect(sessionNotification(reconnecting(n - 1), reconnecting(n), false)).toEqual({
      title: 'Cannot reconnect to Skype for Business',
      body: 'Still trying (attempt 3).',
    });
    expect(sessionNotification(reconnecting(n - 2), reconnecting(n - 1), false)).toBeNull();
    expect(sessionNotification(reconnecting(n), reconnecting(n + 1), false)).toBeNull();
    expect(sessionNotification(online, reconnecting(n), false)).toBeNull();
    expect(sessionNotification(undefined, reconnecting(n), false)).toBeNull();
  });
});

describe('watchedContactNotification', () => {
  const available: Change = { kind: 'contactPresenceChanged', at: 0, contact: 'Alice Ames', contactUri: 'sip:alice@contoso.com', availability: 'Online' };

  it('names a watched contact that became available, by display name or else by address', () => {
    const told = { title: 'Alice Ames is available', body: 'You asked to be told when they are available.' };
    expect(watchedContactNotification(available, ['sip:alice@contoso.com'])).toEqual(told);
    const { contact: _unnamed, ...noName } = available;
    expect(watchedContactNotification(noName, ['sip:alice@contoso.com'])?.title).toBe('alice@contoso.com is available');
    // Only a leading sip: is dropped.
    expect(watchedContactNotification({ ...noName, contactUri: 'tel:sip:1' }, ['tel:sip:1'])?.title).toBe('tel:sip:1 is available');
  });

  it('says nothing for another availability, another kind, an unwatched or an unnamed contact', () => {
    expect(watchedContactNotification({ ...available, availability: 'Away' }, ['sip:alice@contoso.com'])).toBeNull();
    expect(watchedContactNotification({ ...available, kind: 'contactAdded' }, ['sip:alice@contoso.com'])).toBeNull();
    expect(watchedContactNotification(available, ['sip:bob@contoso.com'])).toBeNull();
    const { contactUri: _noUri, ...noUri } = available;
    expect(watchedContactNotification(noUri, ['sip:alice@contoso.com'])).toBeNull();
  });
});
