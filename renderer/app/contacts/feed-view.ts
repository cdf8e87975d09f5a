import { CHANGE_FEED_LIMIT } from '../../../shared/ipc-contract';
import type { Change } from '../../../shared/models';
import { element, setShown } from '../common/dom';
import type { Translator } from '../common/i18n';
import { presenceTone } from '../common/presence-style';
import { describeChange, formatChangeTime } from './change-text';

export interface FeedView {
  /** Replaces the feed (newest first), e.g. from a snapshot. */
  reset(changes: readonly Change[]): void;
  /** Adds one change at the top. */
  add(change: Change): void;
  /** Re-words every entry in another language. */
  setMessages(messages: Translator): void;
}

function entry(change: Change, now: number, messages: Translator): HTMLDivElement {
  const tone = change.kind === 'contactPresenceChanged' ? ` tone-${presenceTone(change.availability ?? 'Unknown')}` : '';
  const item = element('div', `feed-item feed-${change.kind}${tone}`);
  const time = element('time', 'feed-time', formatChangeTime(change.at, now, messages));
  time.dateTime = new Date(change.at).toISOString();
  item.append(time, element('span', 'feed-text', describeChange(change, messages)));
  return item;
}

/** The live change feed: an ARIA log (screen readers announce additions), capped at CHANGE_FEED_LIMIT. */
export function createFeedView(list: HTMLOListElement, empty: HTMLElement, initial: Translator): FeedView {
  let messages = initial;
  let shown: Change[] = [];
  const trim = (): void => {
    while (list.childElementCount > CHANGE_FEED_LIMIT) list.lastElementChild?.remove();
    shown = shown.slice(0, CHANGE_FEED_LIMIT);
    setShown(empty, list.childElementCount === 0);
  };
  const reset = (changes: readonly Change[]): void => {
    const now = Date.now();
    shown = changes.slice(0, CHANGE_FEED_LIMIT);
    // aria-busy keeps screen readers from reading out a whole history as if it had just happened.
    list.setAttribute('aria-busy', 'true');
    list.replaceChildren(...shown.map((change) => entry(change, now, messages)));
    trim();
    requestAnimationFrame(() => list.setAttribute('aria-busy', 'false'));
  };
  return {
    reset,
    add(change) {
      shown = [change, ...shown];
      list.prepend(entry(change, Date.now(), messages));
      trim();
    },
    setMessages(next) {
      messages = next;
      reset(shown);
    },
  };
}
