import { BehaviorSubject, Subject, Subscription, pairwise, type Observable } from 'rxjs';
import type { ContactPatchBatch, ContactSnapshot } from '../../../shared/ipc-contract';
import { diffContactPatches } from '../../../shared/contact-patches';
import type { ContactList } from '../../../shared/models';
import { EMPTY_CONTACT_LIST } from '../../../shared/models';

/** The contact list for windows: the latest list, and every change to it as a numbered patch batch. */
export interface ContactFeed {
  /** The latest list and the number of the last batch it includes. */
  snapshot(): ContactSnapshot;
  /** One batch per list that differs from the one before; numbered 1, 2, 3… */
  readonly patches$: Observable<ContactPatchBatch>;
  dispose(): void;
}

/** Numbers the differences between successive lists of `lists$` (the engine's `contacts$`). */
export function createContactFeed(lists$: Observable<ContactList>): ContactFeed {
  const list$ = new BehaviorSubject<ContactList>(EMPTY_CONTACT_LIST);
  const patches$ = new Subject<ContactPatchBatch>();
  const owned = new Subscription();
  let seq = 0;
  // Subscribed before the lists flow in, so a batch is numbered while `list$` already holds its list:
  // a snapshot taken by a batch's subscriber has the batch's number and contents.
  owned.add(
    list$.pipe(pairwise()).subscribe(([prev, next]) => {
      const patches = diffContactPatches(prev, next);
      if (patches.length === 0) return;
      seq += 1;
      patches$.next({ seq, patches });
    }),
  );
  owned.add(lists$.subscribe((list) => list$.next(list)));
  return {
    snapshot: () => ({ seq, contacts: list$.value }),
    patches$: patches$.asObservable(),
    dispose: () => owned.unsubscribe(),
  };
}
