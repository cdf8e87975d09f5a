import { concatMap, from, type OperatorFunction, pairwise } from 'rxjs';
import type { Change, ContactList } from '../../../shared/models';
import { diffContactLists } from './contact-list-diff';

/** A contact list and the time (engine scheduler, epoch ms) it became true. */
export interface StampedContactList {
  readonly list: ContactList;
  readonly at: number;
}

/**
 * Turns successive contact lists into the change feed: each list is diffed with the one before
 * and the changes carry the newer list's `at`. The first list is a snapshot, not a change.
 * Because re-reads (new application, resync) also arrive as lists, nothing is lost or repeated.
 */
export function changeFeed(): OperatorFunction<StampedContactList, Change> {
  return (lists$) =>
    lists$.pipe(
      pairwise(),
      concatMap(([prev, next]) => from(prev.list === next.list ? [] : diffContactLists(prev.list, next.list, next.at))),
    );
}
