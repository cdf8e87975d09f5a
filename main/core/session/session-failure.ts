import type { SessionError, SessionErrorReason } from '../../../shared/models';

/**
 * A problem the user (or an administrator) must fix: wrong password, unknown domain… It is never
 * retried. `engine.signIn` rejects with it and `session$` shows `{state: 'error', error}`.
 * Messages never contain a secret.
 */
export class SessionFailure extends Error {
  override readonly name = 'SessionFailure';

  constructor(readonly error: SessionError) {
    super(error.message);
  }

  static of(reason: SessionErrorReason, message: string): SessionFailure {
    return new SessionFailure({ reason, message });
  }
}

export function isSessionFailure(error: unknown): error is SessionFailure {
  return error instanceof SessionFailure;
}
