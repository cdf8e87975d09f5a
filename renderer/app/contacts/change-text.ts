import { describeChange as describe, englishTranslator, formatClock, formatWeekday, type Translator } from '../../../shared/i18n';
import type { Change } from '../../../shared/models';

/** One sentence for a change-feed entry, in `messages`' language (the headless client words it the same). */
export function describeChange(change: Change, messages: Translator = englishTranslator()): string {
  return describe(change, messages);
}


/** Clock time for a feed entry in the locale's own clock: `14:05` / `2:05 PM` today, `Mon 14:05` for older entries. */
export function formatChangeTime(at: number, now: number, messages: Translator = englishTranslator()): string {
  const time = formatClock(at, messages.locale);
  const sameDay = new Date(now).toDateString() === new Date(at).toDateString();
  return sameDay ? time : `${formatWeekday(at, messages.locale)} ${time}`;
}
