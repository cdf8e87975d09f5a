import { BehaviorSubject, filter, firstValueFrom, type Observable, type SchedulerLike, skip, take } from 'rxjs';
import type { SessionState } from '../../../shared/models';
import type { Disposable } from '../lifetime/disposable-store';
import type { Logger } from '../ports';
import { SessionFailure } from '../session/session-failure';
import { type SessionEvent, sessionTransition } from '../session/session-machine';
import { describeError } from '../session/session-state';

/** The session's state: the one place `SessionEvent`s become `SessionState`s. */
export interface SessionStore extends Disposable {
  readonly state$: Observable<SessionState>;
  readonly value: SessionState;
  /** Applies one event; a state change is logged, a no-op transition emits nothing. */
  dispatch(event: SessionEvent): void;
  /** `reconnecting`, with the time of the next try taken from the injected clock. */
  retrying(attempt: number, delayMs: number, error: unknown): void;
  /**
   * Resolves when the sign-in started now has an outcome: rejects with the session's error, or
   * when it was signed out first. Subscribe before starting the sign-in.
   */
  outcome(): Promise<void>;
}

export function createSessionStore(scheduler: SchedulerLike, logger: Logger): SessionStore {
  const session = new BehaviorSubject<SessionState>({ state: 'signedOut' });
  const dispatch = (event: SessionEvent): void => {
    const previous = session.value;
    const next = sessionTransition(previous, event);
    if (next === previous) return;
    session.next(next);
    if (previous.state !== next.state) logger.log('info', 'session', { state: next.state });
  };
  return {
    state$: session.asObservable(),
    get value() {
      return session.value;
    },
    dispatch,
    retrying: (attempt, delayMs, error) =>
      dispatch({ type: 'retry', attempt, nextRetryAt: scheduler.now() + delayMs, lastError: describeError(error) }),
    outcome: () => settled(session),
    dispose: () => session.complete(),
  };
}

async function settled(session: BehaviorSubject<SessionState>): Promise<void> {
  const result = await firstValueFrom(
    session.pipe(
      skip(1),
      filter((s) => s.state === 'online' || s.state === 'error' || s.state === 'signedOut'),
      take(1),
    ),
  );
  if (result.state === 'error') throw new SessionFailure(result.error);
  if (result.state === 'signedOut') throw SessionFailure.of('unknown', 'Signed out before the sign-in finished.');
}
