import { Subject, type Observable, type Subscription } from 'rxjs';
import { CHANGE_FEED_LIMIT } from '../../../shared/ipc-contract';
import type { Change } from '../../../shared/models';

/** The newest changes of the change feed, kept for windows opened later. */
export interface RecentChanges {
  /** Newest first, at most CHANGE_FEED_LIMIT. */
  list(): readonly Change[];
  /** Each change as it is kept. */
  readonly added$: Observable<Change>;
  dispose(): void;
}

/** Keeps the latest CHANGE_FEED_LIMIT changes of `changes$` (the engine's feed). */
export function createRecentChanges(changes$: Observable<Change>): RecentChanges {
  const added$ = new Subject<Change>();
  let changes: readonly Change[] = [];
  const subscription: Subscription = changes$.subscribe((change) => {
    changes = [change, ...changes].slice(0, CHANGE_FEED_LIMIT);
    added$.next(change);
  });
  return {
    list: () => changes,
    added$: added$.asObservable(),
    dispose() {
      subscription.unsubscribe();
      added$.complete();
    },
  };
}
