import { map, merge, type Observable } from 'rxjs';
import { IPC, type ContactPatchBatch } from '../../../shared/ipc-contract';
import type { Change, DesiredPresence, MyPresence, SessionState } from '../../../shared/models';
import type { TimedStatus } from './timed-status';

/** One push to renderers: the channel and its payload, typed together. */
export type AppPush =
  | { readonly channel: typeof IPC.sessionChanged; readonly payload: SessionState }
  | { readonly channel: typeof IPC.presenceChanged; readonly payload: MyPresence }
  | { readonly channel: typeof IPC.contactsPatched; readonly payload: ContactPatchBatch }
  | { readonly channel: typeof IPC.changeAdded; readonly payload: Change }
  | { readonly channel: typeof IPC.watchedChanged; readonly payload: readonly string[] };

/** What the tray needs (besides the clock and autostart). */
export interface AppStatus {
  readonly session: SessionState;
  readonly presence: MyPresence;
  readonly desired: DesiredPresence;
  readonly timed: TimedStatus | null;
}

/** The streams windows are told about. */
export interface PushSources {
  readonly session$: Observable<SessionState>;
  readonly presence$: Observable<MyPresence>;
  readonly patches$: Observable<ContactPatchBatch>;
  readonly changes$: Observable<Change>;
  readonly watched$: Observable<readonly string[]>;
}

/** Every source's values as pushes on their IPC channels. */
export function appPushes(sources: PushSources): Observable<AppPush> {
  return merge(
    sources.session$.pipe(map((payload): AppPush => ({ channel: IPC.sessionChanged, payload }))),
    sources.presence$.pipe(map((payload): AppPush => ({ channel: IPC.presenceChanged, payload }))),
    sources.patches$.pipe(map((payload): AppPush => ({ channel: IPC.contactsPatched, payload }))),
    sources.changes$.pipe(map((payload): AppPush => ({ channel: IPC.changeAdded, payload }))),
    sources.watched$.pipe(map((payload): AppPush => ({ channel: IPC.watchedChanged, payload }))),
  );
}

/** The whole status, read by `current`, again each time any of `changes` emits. */
export function appStatus(current: () => AppStatus, changes: readonly Observable<unknown>[]): Observable<AppStatus> {
  return merge(...changes).pipe(map(() => current()));
}
