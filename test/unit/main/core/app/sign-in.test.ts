import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_POLICY, type AdminPolicy } from '../../../../../main/core/admin-policy';
import { memorySettings } from '../../../../../main/core/app/app-settings';
import { createCredentials, PASSWORD_SECRET } from '../../../../../main/core/app/credentials';
import { createPresenceChoice } from '../../../../../main/core/app/presence-choice';
import { createSignIn } from '../../../../../main/core/app/sign-in';
import { createSignInSettings } from '../../../../../main/core/app/sign-in-settings';
import type { SignInForm } from '../../../../../shared/ipc-contract';
import type { SessionState } from '../../../../../shared/models';
import { FakeEngine, FakeSecrets } from './fake-engine';

function setup(policy: AdminPolicy = DEFAULT_ADMIN_POLICY) {
  const engine = new FakeEngine();
  const settings = memorySettings({ lastAvailability: 'Busy', note: 'hi' });
  const secrets = new FakeSecrets();
  const session$ = new BehaviorSubject<SessionState>({ state: 'signedOut' });
  engine.session$.subscribe(session$);
  const notices: boolean[] = [];
  let connects = 0;
  const credentials = createCredentials({ secrets, settings, policy, notifier: { notify: () => undefined } });
  const signIn = createSignIn({
    engine,
    policy,
    session: () => session$.value,
    choice: createPresenceChoice({ engine, settings }),
    notifications: { userSignOut: (active) => notices.push(active) },
    signInSettings: createSignInSettings(settings, policy),
    credentials,
    beforeConnect: () => connects++,
  });
  return { engine, settings, secrets, session$, notices, credentials, signIn, connects: () => connects };
}

const form: SignInForm = { address: 'sip:dana@contoso.com', password: 'Passw0rd!', discoveryUrl: '', keepSignedIn: false, acceptWeakStorage: false };

describe('createSignIn', () => {
  it('connect asks the engine with the saved presence, without a discovery URL when none is given', async () => {
    const { engine, notices, signIn, connects } = setup();
    await signIn.connect({ address: 'dana@contoso.com', password: 'p', discoveryUrl: undefined });
    expect(engine.lastSignIn).toEqual({ address: 'dana@contoso.com', password: 'p', initial: { availability: 'Busy', note: 'hi' } });
    expect(engine.calls).toEqual(['signIn dana@contoso.com']);
    expect(notices).toEqual([false]);
    expect(connects()).toBe(1);
    await signIn.connect({ address: 'dana@contoso.com', password: 'p', discoveryUrl: 'https://d.example' });
    expect(engine.lastSignIn?.discoveryUrl).toBe('https://d.example');
  });

  it('connect signs a running session out first, as the user’s own sign-out; not after an error', async () => {
    const { engine, notices, session$, signIn } = setup();
    await signIn.connect({ address: 'dana@contoso.com', password: 'p', discoveryUrl: undefined });
    await signIn.connect({ address: 'erin@contoso.com', password: 'p', discoveryUrl: undefined });
    expect(engine.calls).toEqual(['signIn dana@contoso.com', 'signOut', 'signIn erin@contoso.com']);
    expect(notices).toEqual([false, true, false]);
    session$.next({ state: 'error', error: { reason: 'wrongPassword', message: 'x' } });
    await signIn.connect({ address: 'erin@contoso.com', password: 'p', discoveryUrl: undefined });
    expect(engine.calls.at(-2)).toBe('signIn erin@contoso.com');
  });

  it('signIn checks the form before any traffic', async () => {
    const { engine, signIn, connects } = setup();
    expect(await signIn.signIn({ ...form, address: 'nobody' })).toMatchObject({ ok: false, field: 'address' });
    expect(engine.calls).toEqual([]);
    expect(connects()).toBe(0);
  });

  it('signIn remembers the address used and keeps the password when asked', async () => {
    const { settings, secrets, credentials, signIn } = setup();
    await credentials.probe();
    expect(await signIn.signIn({ ...form, keepSignedIn: true, discoveryUrl: 'https://d.example' })).toEqual({ ok: true });
    expect(settings.get('signInAddress')).toBe('dana@contoso.com');
    expect(settings.get('discoveryUrl')).toBe('https://d.example');
    expect(secrets.values.get(PASSWORD_SECRET)).toBe('Passw0rd!');
    expect(settings.get('keepSignedIn')).toBe(true);
  });

  it('a rejected sign-in says what to fix and remembers nothing', async () => {
    const { engine, settings, signIn } = setup();
    engine.signInError = { reason: 'serverUnreachable', message: 'The server cannot be reached.' };
    expect(await signIn.signIn({ ...form, discoveryUrl: 'https://d.example' })).toEqual({
      ok: false, field: 'discoveryUrl', code: 'serverUnreachable', message: 'The server cannot be reached.',
    });
    expect(settings.get('signInAddress')).toBe('');
    engine.signInError = { reason: 'serverUnreachable', message: 'The server cannot be reached.' };
    expect(await signIn.signIn(form)).toEqual({ ok: false, code: 'serverUnreachable', message: 'The server cannot be reached.' });
  });

  it("an admin-preset discovery URL is not the user's typing: an unreachable server is not blamed on the field", async () => {
    const { engine, signIn } = setup({ allowKeepSignedIn: true, discoveryUrl: 'https://lyncdiscover.contoso.com' });
    engine.signInError = { reason: 'serverUnreachable', message: 'The server cannot be reached.' };
    expect(await signIn.signIn(form)).toEqual({ ok: false, code: 'serverUnreachable', message: 'The server cannot be reached.' });
  });

  it('a failure read from the session error when the rejection says nothing', async () => {
    const { engine, session$, signIn } = setup();
    engine.signInError = new Error('opaque');
    const original = engine.signIn.bind(engine);
    engine.signIn = async (request, initial) => {
      session$.next({ state: 'error', error: { reason: 'wrongPassword', message: 'Wrong password.' } });
      return original(request, initial);
    };
    expect(await signIn.signIn(form)).toMatchObject({ ok: false, field: 'password', code: 'wrongPassword' });
  });
});
