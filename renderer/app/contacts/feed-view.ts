import { CHANGE_FEED_LIMIT } from '../../../shared/ipc-contract';
import type { Change } from '../../../shared/models';
import { element, setShown } from '../common/dom';
import { presenceTone } from '../common/presence-style';
import { describeChange, formatChangeTime } from './change-text';

export interface FeedView {
  /** Replaces the feed (newest first), e.g. from a snapshot. */
  reset(changes: readonly Change[]): void;
  /** Adds one change at the top. */
  add(change: Change): void;
}

function entry(change: Change, now: number): HTMLLIElement {
  const tone = change.kind === 'contactPresenceChanged' ? ` tone-${presenceTone(change.availability ?? 'Unknown')}` : '';
  const item = element('li', `feed-item feed-${change.kind}${tone}`);
  const time = element('time', 'feed-time', formatChangeTime(change.at, now));
  time.dateTime = new Date(change.at).toISOString();
  item.append(time, element('span', 'feed-text', describeChange(change)));
  return item;
}

/** The live change feed: an ARIA log (screen readers announce additions), capped at CHANGE_FEED_LIMIT. */
export function createFeedView(list: HTMLOListElement, empty: HTMLElement): FeedView {
  const trim = (): void => {
    while (list.childElementCount > CHANGE_FEED_LIMIT) list.lastElementChild?.remove();
    setShown(empty, list.childElementCount === 0);
  };
  return {
    reset(changes) {
      const now = Date.now();
      // aria-busy keeps screen readers from reading out a whole history as if it had just happened.
      list.setAttribute('aria-busy', 'true');
      list.replaceChildren(...changes.slice(0, CHANGE_FEED_LIMIT).map((change) => entry(change, now)));
      trim();
      requestAnimationFrame(() => list.setAttribute('aria-busy', 'false'));
    },
    add(change) {
      list.prepend(entry(change, Date.now()));
      trim();
    },
  };
}
