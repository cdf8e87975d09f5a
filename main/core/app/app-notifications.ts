import { AVAILABILITY_LABELS } from '../../../shared/availability';
import type { Change, SessionState } from '../../../shared/models';

export interface Notification {
  readonly title: string;
  readonly body: string;
}

/** After this many failed reconnect attempts we tell the user (once per outage). */
export const RECONNECT_NOTIFY_ATTEMPT = 3;

/**
 * What to tell the user when the session changes, or null. `userInitiated` = the user asked to sign
 * out (no notification then).
 */
export function sessionNotification(
  previous: SessionState | undefined,
  next: SessionState,
  userInitiated: boolean,
): Notification | null {
  if (userInitiated) return null;
  const wasConnected = previous?.state === 'online' || previous?.state === 'reconnecting';
  if (next.state === 'error' && previous?.state !== 'error') {
    return { title: 'Signed out of Skype for Business', body: next.error.message };
  }
  if (next.state === 'signedOut' && wasConnected) {
    return { title: 'Signed out of Skype for Business', body: 'Sign in again from the tray menu.' };
  }
  if (next.state === 'reconnecting' && next.attempt === RECONNECT_NOTIFY_ATTEMPT && previous?.state === 'reconnecting') {
    return { title: 'Cannot reconnect to Skype for Business', body: `Still trying. Last error: ${next.lastError}` };
  }
  return null;
}

/** "Alice is now Available" for a watched contact becoming available, else null. */
export function watchedContactNotification(change: Change, watched: readonly string[]): Notification | null {
  if (change.kind !== 'contactPresenceChanged' || change.availability !== 'Online') return null;
  if (change.contactUri === undefined || !watched.includes(change.contactUri)) return null;
  const name = change.contact ?? change.contactUri.replace(/^sip:/, '');
  return { title: `${name} is ${AVAILABILITY_LABELS.Online.toLowerCase()}`, body: 'You asked to be told when they are available.' };
}
