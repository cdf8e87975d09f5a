import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../../../main/core/engine/session-store';
import { isSessionFailure } from '../../../../../main/core/session/session-failure';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';
import type { SessionState } from '../../../../../shared/models';
import { recordingLogger } from './fake-client';

function store() {
  const scheduler = new VirtualTimeScheduler();
  const { logger, lines } = recordingLogger();
  const session = createSessionStore(scheduler, logger);
  const states: SessionState[] = [];
  session.state$.subscribe((s) => states.push(s));
  return { scheduler, session, states, lines };
}

describe('session store', () => {
  it('moves through the session machine and logs each change of state once', () => {
    const { session, states, lines } = store();
    session.dispatch({ type: 'discover' });
    session.dispatch({ type: 'connect' });
    session.dispatch({ type: 'online' });
    session.dispatch({ type: 'online' });
    expect(states.map((s) => s.state)).toEqual(['signedOut', 'discovering', 'connecting', 'online']);
    expect(session.value.state).toBe('online');
    session.dispatch({ type: 'authenticate' });
    expect(states).toHaveLength(4);
    expect(lines.filter((l) => l.message === 'session').map((l) => l.fields?.['state'])).toEqual(['discovering', 'connecting', 'online']);
  });

  it('shows reconnecting with the next try on the injected clock and a secret-free error', () => {
    const { scheduler, session } = store();
    session.dispatch({ type: 'connect' });
    session.dispatch({ type: 'online' });
    scheduler.schedule(() => undefined, 5_000);
    scheduler.flush();
    session.retrying(2, 1_500, new UcwaError('network', 'down'));
    expect(session.value).toEqual({ state: 'reconnecting', attempt: 2, nextRetryAt: 6_500, lastError: 'down' });
  });

  it('settles a sign-in when online, and rejects on an error or an early sign-out', async () => {
    const online = store();
    const settled = online.session.outcome();
    online.session.dispatch({ type: 'connect' });
    online.session.dispatch({ type: 'online' });
    await expect(settled).resolves.toBeUndefined();

    const failed = store();
    const rejected = failed.session.outcome();
    failed.session.dispatch({ type: 'fail', error: { reason: 'wrongPassword', message: 'Wrong password.' } });
    const error: unknown = await rejected.catch((e: unknown) => e);
    expect(isSessionFailure(error) && error.error.reason).toBe('wrongPassword');

    const signedOut = store();
    const early = signedOut.session.outcome();
    signedOut.session.dispatch({ type: 'connect' });
    signedOut.session.dispatch({ type: 'signOut' });
    await expect(early).rejects.toThrow('Signed out before the sign-in finished.');
  });

  it('completes state$ on dispose', () => {
    const { session } = store();
    let completed = false;
    session.state$.subscribe({ complete: () => (completed = true) });
    session.dispose();
    expect(completed).toBe(true);
  });
});
