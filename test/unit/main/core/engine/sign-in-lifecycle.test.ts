import { EMPTY, of, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { EngineServices } from '../../../../../main/core/engine/engine-services';
import { createSessionStore } from '../../../../../main/core/engine/session-store';
import { createSignInLifecycle } from '../../../../../main/core/engine/sign-in-lifecycle';
import { DisposableStore } from '../../../../../main/core/lifetime/disposable-store';
import type { SessionError, SignInRequest } from '../../../../../shared/models';
import { recordingLogger, ScriptedClient } from './fake-client';

const REQUEST = { address: 'dana@contoso.com', password: 'secret' };

/** Real session store; every other service records what the lifecycle asks of it. */
function services() {
  const calls: string[] = [];
  const record = (name: string) => () => void calls.push(name);
  const { logger, lines } = recordingLogger();
  const session = createSessionStore(new VirtualTimeScheduler(), logger);
  let peopleFailure: ((error: SessionError) => void) | undefined;
  let runEnd: ((error: unknown) => void) | undefined;
  const lifetime = new DisposableStore();
  lifetime.add(record('dispose'));
  const fake = {
    scheduler: new VirtualTimeScheduler(),
    logger,
    client: new ScriptedClient(),
    session,
    lifetime,
    trust: { gate: undefined, admit: () => Promise.resolve(), begin: record('trust.begin'), end: record('trust.end'), dispose: record('trust.dispose') },
    tokens: {
      authenticator: { authorization: () => undefined, authenticate: () => Promise.resolve() },
      begin: (address: string, password: string) => void calls.push(`tokens.begin ${address} ${password}`),
      clear: record('tokens.clear'),
      end: record('tokens.end'),
      dispose: record('tokens.dispose'),
    },
    applications: {
      current: undefined,
      create$: () => EMPTY,
      retire: record('applications.retire'),
      deleteAll$: () => (calls.push('applications.deleteAll'), of(undefined)),
    },
    discovery: { applications$: () => EMPTY, forget: record('discovery.forget'), dispose: record('discovery.dispose') },
    presence: { begin: (initial: object) => void calls.push(`presence.begin ${JSON.stringify(initial)}`), markOffline: record('presence.markOffline') },
    people: {
      start: (onFailure: (error: SessionError) => void) => {
        peopleFailure = onFailure;
        calls.push('people.start');
      },
      unwatch: record('people.unwatch'),
      end: record('people.end'),
    },
    runner: {
      current: undefined,
      start: (request: SignInRequest, onEnd: (error: unknown) => void) => {
        runEnd = onEnd;
        calls.push(`runner.start ${request.address}`);
      },
      stop: record('runner.stop'),
    },
  } as unknown as EngineServices;
  return { fake, calls, lines, session, failPeople: (e: SessionError) => peopleFailure?.(e), endRun: (e: unknown) => runEnd?.(e) };
}

const STOP = ['runner.stop', 'applications.deleteAll', 'tokens.end', 'trust.end', 'discovery.forget', 'presence.markOffline'];

describe('sign-in lifecycle', () => {
  it('ends the previous sign-in, then begins every per-sign-in service and resolves once online', async () => {
    const { fake, calls, session } = services();
    const lifecycle = createSignInLifecycle(fake);
    const signedIn = lifecycle.signIn(REQUEST, { availability: 'Busy' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([
      ...STOP,
      'presence.begin {"availability":"Busy"}',
      'people.start',
      'trust.begin',
      'tokens.begin dana@contoso.com secret',
      'runner.start dana@contoso.com',
    ]);
    session.dispatch({ type: 'connect' });
    session.dispatch({ type: 'online' });
    await expect(signedIn).resolves.toBeUndefined();
  });

  it('refuses an address without a domain before starting anything', async () => {
    const { fake, calls, session } = services();
    await expect(createSignInLifecycle(fake).signIn({ ...REQUEST, address: 'dana' })).rejects.toThrow();
    expect(session.value.state).toBe('error');
    expect(calls).toEqual(STOP);
  });

  it("shows the contact list's own failure, stops the run and ends the sign-in", async () => {
    const { fake, calls, lines, session, failPeople } = services();
    const signedIn = createSignInLifecycle(fake).signIn(REQUEST);
    await new Promise((resolve) => setTimeout(resolve, 0));
    calls.length = 0;
    failPeople({ reason: 'forbidden', message: 'You may not read your contact list.' });
    await expect(signedIn).rejects.toMatchObject({ error: { reason: 'forbidden' } });
    expect(session.value).toEqual({ state: 'error', error: { reason: 'forbidden', message: 'You may not read your contact list.' } });
    expect(calls).toEqual(['runner.stop', ...STOP]);
    expect(lines.map((l) => l.message)).toContain('the contact list stopped');
  });

  it('turns a run that ended by itself into an error the user sees', async () => {
    const { fake, calls, session, endRun } = services();
    const signedIn = createSignInLifecycle(fake).signIn(REQUEST);
    await new Promise((resolve) => setTimeout(resolve, 0));
    calls.length = 0;
    endRun(new Error('boom'));
    await expect(signedIn).rejects.toMatchObject({ error: { reason: 'unknown' } });
    expect(session.value.state).toBe('error');
    expect(calls).toEqual(STOP);
  });

  it('signs out (list emptied) and disposes (services disposed) after ending the sign-in', async () => {
    const out = services();
    await createSignInLifecycle(out.fake).signOut();
    expect(out.calls).toEqual(['people.unwatch', ...STOP, 'people.end']);
    const gone = services();
    await createSignInLifecycle(gone.fake).dispose();
    expect(gone.calls).toEqual(['people.unwatch', ...STOP, 'dispose']);
    expect(gone.session.value.state).toBe('signedOut');
  });
});
