import type { SessionError, SessionState } from '../../../shared/models';

/** What happens to a session; `session$` is the fold of these over `sessionTransition`. */
export type SessionEvent =
  | { readonly type: 'discover' }
  | { readonly type: 'authenticate' }
  | { readonly type: 'connect' }
  | { readonly type: 'online' }
  | { readonly type: 'retry'; readonly attempt: number; readonly nextRetryAt: number; readonly lastError: string }
  | { readonly type: 'fail'; readonly error: SessionError }
  | { readonly type: 'signOut' };

const ACTIVE: ReadonlySet<SessionState['state']> = new Set([
  'discovering',
  'authenticating',
  'connecting',
  'online',
  'reconnecting',
]);

/**
 * The session state machine, pure:
 * signedOut/error → discovering|connecting → (authenticating) → connecting → online ⇄ reconnecting,
 * any → error | signedOut. Events that do not fit the current state (a late "recovered" after
 * sign-out, "authenticating" during a silent token renewal while online) leave it unchanged, and an
 * unchanged state is returned as the same object so subscribers can skip it.
 */
export function sessionTransition(state: SessionState, event: SessionEvent): SessionState {
  const active = ACTIVE.has(state.state);
  switch (event.type) {
    case 'signOut':
      return state.state === 'signedOut' ? state : { state: 'signedOut' };
    case 'fail':
      return { state: 'error', error: event.error };
    case 'discover':
      return state.state === 'discovering' ? state : { state: 'discovering' };
    case 'connect':
      return state.state === 'connecting' ? state : { state: 'connecting' };
    case 'authenticate':
      // Only worth showing while signing in; re-authentication later happens behind the scenes.
      return state.state === 'discovering' || state.state === 'connecting' ? { state: 'authenticating' } : state;
    case 'online':
      return active && state.state !== 'online' ? { state: 'online' } : state;
    case 'retry':
      return active
        ? { state: 'reconnecting', attempt: event.attempt, nextRetryAt: event.nextRetryAt, lastError: event.lastError }
        : state;
  }
}
