import type { SessionState } from '../../../shared/models';

/** What the banner above the list says about the connection, or null when there is nothing to say. */
export interface SessionBanner {
  readonly tone: 'info' | 'warning' | 'error';
  readonly text: string;
  /** Offer the sign-in button. */
  readonly signIn: boolean;
}

function seconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * Maps the session state to banner text. `now` (epoch ms) turns the next retry time into a countdown;
 * `formatTime` prints that time of day (injectable so tests do not depend on the machine's locale).
 */
export function sessionBanner(
  session: SessionState,
  now: number,
  formatTime: (at: number) => string = clockTime,
): SessionBanner | null {
  switch (session.state) {
    case 'online':
      return null;
    case 'signedOut':
      return { tone: 'warning', text: 'You are signed out.', signIn: true };
    case 'discovering':
      return { tone: 'info', text: 'Finding your Skype for Business server…', signIn: false };
    case 'authenticating':
      return { tone: 'info', text: 'Signing in…', signIn: false };
    case 'connecting':
      return { tone: 'info', text: 'Connecting…', signIn: false };
    case 'reconnecting': {
      const wait = session.nextRetryAt - now;
      const when = wait > 0 ? `next try at ${formatTime(session.nextRetryAt)} (in ${seconds(wait)})` : 'trying now';
      const why = session.lastError ? ` (${session.lastError})` : '';
      return {
        tone: 'warning',
        text: `Connection lost${why}. Reconnecting, attempt ${session.attempt}: ${when}.`,
        signIn: false,
      };
    }
    case 'error':
      return { tone: 'error', text: session.error.message, signIn: true };
  }
}
