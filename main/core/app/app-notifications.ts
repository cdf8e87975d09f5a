import { ERROR_KEYS, englishTranslator, type Translator } from '../../../shared/i18n';
import type { Change, SessionState } from '../../../shared/models';

export interface Notification {
  readonly title: string;
  readonly body: string;
}

/** After this many failed reconnect attempts we tell the user (once per outage). */
export const RECONNECT_NOTIFY_ATTEMPT = 3;

/**
 * What to tell the user when the session changes, or null. `userInitiated` = the user asked to sign
 * out (no notification then). Errors are told by their typed reason, in `messages`' language.
 */
export function sessionNotification(
  previous: SessionState | undefined,
  next: SessionState,
  userInitiated: boolean,
  messages: Translator = englishTranslator(),
): Notification | null {
  if (userInitiated) return null;
  const wasConnected = previous?.state === 'online' || previous?.state === 'reconnecting';
  if (next.state === 'error' && previous?.state !== 'error') {
    return { title: messages.t('notifications.signedOutTitle'), body: messages.t(ERROR_KEYS[next.error.reason]) };
  }
  if (next.state === 'signedOut' && wasConnected) {
    return { title: messages.t('notifications.signedOutTitle'), body: messages.t('notifications.signedOutBody') };
  }
  if (next.state === 'reconnecting' && next.attempt === RECONNECT_NOTIFY_ATTEMPT && previous?.state === 'reconnecting') {
    return { title: messages.t('notifications.cannotReconnectTitle'), body: messages.t('notifications.cannotReconnectBody', { attempt: next.attempt }) };
  }
  return null;
}

/** "Alice is available" for a watched contact becoming available, else null. */
export function watchedContactNotification(
  change: Change,
  watched: readonly string[],
  messages: Translator = englishTranslator(),
): Notification | null {
  if (change.kind !== 'contactPresenceChanged' || change.availability !== 'Online') return null;
  if (change.contactUri === undefined || !watched.includes(change.contactUri)) return null;
  const name = change.contact ?? change.contactUri.replace(/^sip:/, '');
  return {
    title: messages.t('notifications.watchedTitle', { name }),
    body: messages.t('notifications.watchedBody'),
  };
}
