import { firstValueFrom } from 'rxjs';
import type { DesiredPresence, SignInRequest } from '../../../shared/models';
import { toSessionError } from '../session/session-state';
import { discoveryCandidates, signInDomain } from '../ucwa/discovery';
import type { EngineServices } from './engine-services';

/** Longest we wait for our applications' DELETE when a session ends. */
const DELETE_TIMEOUT_MS = 5_000;

/** The sign-in's start and end: the one place that begins and ends every per-sign-in service. */
export interface SignInLifecycle {
  signIn(request: SignInRequest & { readonly password: string }, initial?: Partial<DesiredPresence>): Promise<void>;
  signOut(): Promise<void>;
  /** Signs out and disposes every service. */
  dispose(): Promise<void>;
}

export function createSignInLifecycle(services: EngineServices): SignInLifecycle {
  const { session, people, runner } = services;
  /** Ends the run and deletes every application we own (the one in use and any left over). */
  const stop = async (): Promise<void> => {
    runner.stop();
    await firstValueFrom(services.applications.deleteAll$(DELETE_TIMEOUT_MS), { defaultValue: undefined });
    services.tokens.end();
    services.trust.end();
    services.discovery.forget();
    services.presence.markOffline();
  };
  const fail = (error: unknown): void => {
    session.dispatch({ type: 'fail', error: toSessionError(error) });
    void stop();
  };
  return {
    async signIn(request, initial) {
      await stop();
      try {
        signInDomain(request.address);
        discoveryCandidates(request.address, request.discoveryUrl);
      } catch (error) {
        session.dispatch({ type: 'fail', error: toSessionError(error) });
        throw error;
      }
      services.presence.begin(initial ?? {});
      // A contact list only the user can fix (no right to read it), or a bug, is an error they see.
      people.start((error) => {
        services.logger.log('warn', 'the contact list stopped', { reason: error.reason });
        runner.stop();
        session.dispatch({ type: 'fail', error });
        void stop();
      });
      services.trust.begin(request);
      services.tokens.begin(request.address, request.password);
      const outcome = session.outcome();
      runner.start(request, fail);
      await outcome;
    },
    async signOut() {
      people.unwatch();
      await stop();
      people.end();
      session.dispatch({ type: 'signOut' });
    },
    async dispose() {
      people.unwatch();
      await stop();
      session.dispatch({ type: 'signOut' });
      services.lifetime.dispose();
    },
  };
}
