import { concatMap, from, type OperatorFunction, pairwise } from 'rxjs';
import type { Change, ContactList } from '../../../shared/models';
import { diffContactLists } from './contact-list-diff';

/**
 * Turns successive contact lists into the change feed: each list is diffed with the one before,
 * stamped with `now()` (the engine's scheduler). The first list is a snapshot, not a change.
 * Because re-reads (new application, resync) also arrive as lists, nothing is lost or repeated.
 */
export function changeFeed(now: () => number): OperatorFunction<ContactList, Change> {
  return (lists$) =>
    lists$.pipe(
      pairwise(),
      concatMap(([prev, next]) => from(prev === next ? [] : diffContactLists(prev, next, now()))),
    );
}
