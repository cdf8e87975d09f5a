import { BehaviorSubject, Subscription } from 'rxjs';
import type { DesiredPresence, MyPresence, SessionState } from '../../../shared/models';
import type { Engine } from '../engine-api';

/** The engine's session and presence, held so the app can read the latest value at any time. */
export interface EngineMirror {
  readonly session$: BehaviorSubject<SessionState>;
  readonly presence$: BehaviorSubject<MyPresence>;
  readonly desired$: BehaviorSubject<DesiredPresence>;
  dispose(): void;
}

/**
 * Mirrors the engine's session, presence and desired presence. `desired` is what the app will ask
 * for at sign-in (the saved choice), shown until the engine says otherwise.
 */
export function createEngineMirror(engine: Engine, desired: DesiredPresence): EngineMirror {
  const session$ = new BehaviorSubject<SessionState>({ state: 'signedOut' });
  const presence$ = new BehaviorSubject<MyPresence>({ availability: 'Unknown', note: '' });
  const desired$ = new BehaviorSubject<DesiredPresence>(desired);
  const owned = new Subscription();
  owned.add(engine.session$.subscribe((value) => session$.next(value)));
  owned.add(engine.presence$.subscribe((value) => presence$.next(value)));
  owned.add(engine.desired$.subscribe((value) => desired$.next(value)));
  return { session$, presence$, desired$, dispose: () => owned.unsubscribe() };
}
