import { ERROR_KEYS, englishTranslator, formatClockSeconds, formatSecondsShort, type Translator } from '../../../shared/i18n';
import type { SessionState } from '../../../shared/models';

/** What the banner above the list says about the connection, or null when there is nothing to say. */
export interface SessionBanner {
  readonly tone: 'info' | 'warning' | 'error';
  readonly text: string;
  /** Offer the sign-in button. */
  readonly signIn: boolean;
  /** The engine's technical description of the last failure (shown as the banner's tooltip), if any. */
  readonly detail?: string;
}

/**
 * Maps the session state to banner text in `messages`' language. `now` (epoch ms) turns the next retry
 * time into a countdown; `formatTime` prints that time of day (injectable so tests can fix it).
 */
export function sessionBanner(
  session: SessionState,
  now: number,
  messages: Translator = englishTranslator(),
  formatTime: (at: number) => string = (at) => formatClockSeconds(at, messages.locale),
): SessionBanner | null {
  switch (session.state) {
    case 'online':
      return null;
    case 'signedOut':
      return { tone: 'warning', text: messages.t('banner.signedOut'), signIn: true };
    case 'discovering':
      return { tone: 'info', text: messages.t('banner.discovering'), signIn: false };
    case 'authenticating':
      return { tone: 'info', text: messages.t('banner.authenticating'), signIn: false };
    case 'connecting':
      return { tone: 'info', text: messages.t('banner.connecting'), signIn: false };
    case 'reconnecting': {
      const wait = session.nextRetryAt - now;
      const text =
        wait > 0
          ? messages.t('banner.reconnectingAt', {
              attempt: session.attempt,
              time: formatTime(session.nextRetryAt),
              wait: formatSecondsShort(Math.ceil(wait / 1000), messages.locale),
            })
          : messages.t('banner.reconnectingNow', { attempt: session.attempt });
      return { tone: 'warning', text, signIn: false, ...(session.lastError ? { detail: session.lastError } : {}) };
    }
    case 'error':
      return { tone: 'error', text: messages.t(ERROR_KEYS[session.error.reason]), signIn: true };
  }
}
