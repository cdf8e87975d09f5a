import { debounceTime, filter, merge, type Observable, type SchedulerLike, share, take } from 'rxjs';
import { EMPTY_CONTACT_LIST, type ContactList } from '../../shared/models';

/** How long the list must stay unchanged before a snapshot is printed with presence still unread. */
export const PRESENCE_SETTLE_MS = 2_000;

/** True once every contact's presence has been read (the list structure arrives before presence). */
export function presenceKnown(list: ContactList): boolean {
  return Object.values(list.contacts).every((contact) => contact.availability !== 'Unknown');
}

/**
 * The one contacts snapshot the CLI prints: the first list whose presence is all read, or, when
 * some contact's presence stays Unknown (it may truly be), the list once it has been quiet for
 * `settleMs`. Later presence arrives as change lines, so printing the structure alone would leave
 * every status Unknown for good.
 */
export function firstSnapshot(contacts$: Observable<ContactList>, scheduler: SchedulerLike, settleMs = PRESENCE_SETTLE_MS): Observable<ContactList> {
  const lists$ = contacts$.pipe(
    filter((list) => list !== EMPTY_CONTACT_LIST),
    share(),
  );
  return merge(lists$.pipe(filter(presenceKnown)), lists$.pipe(debounceTime(settleMs, scheduler))).pipe(take(1));
}
