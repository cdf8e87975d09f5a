import { defer, type Observable, race, retry, type SchedulerLike, switchMap, take, tap, throwError, timer } from 'rxjs';
import type { SignInRequest } from '../../../shared/models';
import { DisposableStore, type Disposable } from '../lifetime/disposable-store';
import type { Logger } from '../ports';
import { describeError } from '../session/session-state';
import type { ApplicationIdentity, ApplicationLinks } from '../ucwa/application';
import type { ApplicationOwner } from '../ucwa/application-lifecycle';
import { classifyError } from '../ucwa/error-classification';
import type { DiscoveryCache } from './discovery-cache';
import type { EngineSettings } from './engine-settings';
import type { PeopleRuns } from './people-runs';
import type { PresencePublisher } from './presence-publisher';
import { decideRetry, FIRST_TRY, ONLINE, type Retry, type RetryCount } from './retry-policy';
import type { SessionSignals } from './session-signals';
import type { SessionStore } from './session-store';
import type { TokenLifecycle } from './token-lifecycle';

/** What one sign-in's run is built from. */
export interface SessionRunnerParts {
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  readonly settings: EngineSettings;
  readonly session: SessionStore;
  readonly signals: SessionSignals;
  readonly presence: PresencePublisher;
  readonly identity: ApplicationIdentity;
  readonly discovery: DiscoveryCache;
  readonly applications: ApplicationOwner;
  readonly tokens: TokenLifecycle;
  readonly people: PeopleRuns;
  /** Everything that runs while one application lives (`onlineSession$`); errors end the application. */
  readonly online$: (app: ApplicationLinks) => Observable<never>;
}

/**
 * Runs one sign-in: discover, create the application, become available, stay online, and start
 * over after whatever failure the retry policy says to retry. Knows the application in use.
 */
export interface SessionRunner extends Disposable {
  /** The application in use while online; none while connecting or reconnecting. */
  readonly current: ApplicationLinks | undefined;
  /** Runs `request` until `stop`; `onEnd` when the run ends by itself with an error it did not retry. */
  start(request: SignInRequest, onEnd: (error: unknown) => void): void;
  /** Ends the run (no request of it is left open) and leaves people without an application. */
  stop(): void;
}

export function createSessionRunner(parts: SessionRunnerParts): SessionRunner {
  let current: ApplicationLinks | undefined;
  const running = new DisposableStore();
  const stop = (): void => {
    running.clear();
    current = undefined;
    parts.people.detach();
  };
  const inUse = (app: ApplicationLinks | undefined): void => {
    current = app;
  };
  return {
    get current() {
      return current;
    },
    start: (request, onEnd) => {
      running.add(
        run$(parts, request, inUse).subscribe({
          error: (error: unknown) => {
            running.clear();
            onEnd(error);
          },
        }),
      );
    },
    stop,
    dispose: () => {
      running.dispose();
      current = undefined;
    },
  };
}

function run$(parts: SessionRunnerParts, request: SignInRequest, inUse: (app: ApplicationLinks | undefined) => void): Observable<never> {
  return defer(() => {
    let count: RetryCount = FIRST_TRY;
    return connect$(parts, request).pipe(
      tap((app) => {
        inUse(app);
        count = ONLINE;
        parts.session.dispatch({ type: 'online' });
      }),
      switchMap((app) => parts.online$(app)),
      retry({
        delay: (error: unknown) => {
          inUse(undefined);
          parts.people.detach();
          const { decision, count: next } = afterFailure(parts, error, count);
          if (decision.action === 'stop') return throwError(() => decision.error);
          count = next;
          return waitForRetry$(parts, decision, error);
        },
      }),
    );
  });
}

function connect$(parts: SessionRunnerParts, request: SignInRequest): Observable<ApplicationLinks> {
  return parts.discovery.applications$(request).pipe(
    tap(() => parts.session.dispatch({ type: 'connect' })),
    switchMap((href) => parts.applications.create$(href, parts.identity)),
    // The contact list needs no makeMeAvailable: its reads overlap that round trip and the ones
    // after it, instead of waiting for them.
    tap((created) => parts.people.attach(created)),
    switchMap((created) => parts.presence.becomeAvailable$(created)),
  );
}

function afterFailure(parts: SessionRunnerParts, error: unknown, count: RetryCount): ReturnType<typeof decideRetry> {
  const kind = classifyError(error);
  // Whatever made us start over, the next application replaces this one: never two live.
  parts.applications.retire(kind === 'recreate');
  if (kind === 'bug') logBug(parts, 'programming error: the session stops', error);
  else parts.logger.log('warn', 'session interrupted', { class: kind, error: describeError(error) });
  return decideRetry(error, kind, count, parts.settings);
}

function waitForRetry$(parts: SessionRunnerParts, retryAfter: Retry, error: unknown): Observable<unknown> {
  if (retryAfter.rediscover) parts.discovery.forget();
  if (retryAfter.reauth) parts.tokens.clear();
  parts.session.retrying(retryAfter.attempt, retryAfter.delayMs, error);
  return race(timer(retryAfter.delayMs, parts.scheduler), parts.signals.reconcile$.pipe(take(1)));
}

/** Programming errors are logged with their stack: that is what finds them. */
function logBug(parts: SessionRunnerParts, what: string, error: unknown): void {
  const fields: Record<string, string> = { error: error instanceof Error ? error.name : typeof error };
  if (error instanceof Error && error.stack !== undefined) fields['stack'] = error.stack;
  parts.logger.log('error', what, fields);
}
