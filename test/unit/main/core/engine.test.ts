import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../main/core/engine';
import { unitEngineDeps } from './engine/fake-ucwa';
import type { DesiredPresence, SessionState } from '../../../../shared/models';

/** An engine whose network never answers: what it does before any application exists. */
function engine() {
  const requests: string[] = [];
  const e = createEngine(
    unitEngineDeps((input) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return new Promise<Response>(() => undefined);
    }),
  );
  const desired: DesiredPresence[] = [];
  const states: SessionState[] = [];
  e.desired$.subscribe((d) => desired.push(d));
  e.session$.subscribe((s) => states.push(s));
  return { e, desired, states, requests };
}

describe('engine facade without an application', () => {
  it('records availability, automatic and note choices and resolves at once, sending nothing', async () => {
    const { e, desired, requests } = engine();
    await e.setAvailability('Busy');
    expect(desired.at(-1)).toEqual({ availability: 'Busy', note: '' });
    await e.setNote('back at 3');
    expect(desired.at(-1)).toEqual({ availability: 'Busy', note: 'back at 3' });
    await e.resetAvailability();
    expect(desired.at(-1)).toEqual({ availability: null, note: 'back at 3' });
    expect(requests).toEqual([]);
    e.dispose();
  });

  it('starts signed out and offline, with an empty contact list', async () => {
    const { e, states } = engine();
    expect(states.map((s) => s.state)).toEqual(['signedOut']);
    await expect(firstValueFrom(e.presence$)).resolves.toEqual({ availability: 'Offline', note: '' });
    e.reconcile();
    expect(states.map((s) => s.state)).toEqual(['signedOut']);
    e.dispose();
  });

  it('the directory has no session to search before sign-in', async () => {
    const { e, requests } = engine();
    await expect(e.directory.search('dana', 5)).rejects.toMatchObject({ name: 'ContactListError', reason: 'notSignedIn' });
    expect(requests).toEqual([]);
    e.dispose();
  });

  it('sign-in starts discovery for the address domain; sign-out ends it', async () => {
    const { e, states, requests } = engine();
    const signedIn = e.signIn({ address: 'dana@contoso.com', password: 'pw' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(states.length).toBeGreaterThan(1);
    expect(states.at(-1)?.state).not.toBe('signedOut');
    expect(requests.some((r) => r.includes('contoso.com'))).toBe(true);
    await e.signOut();
    expect(states.at(-1)?.state).toBe('signedOut');
    await expect(signedIn).rejects.toMatchObject({ error: { message: 'Signed out before the sign-in finished.' } });
    e.dispose();
  });
});
