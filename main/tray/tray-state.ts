import type { LanguageChoice, Locale } from '../../shared/i18n';
import type { DesiredPresence, MyPresence, SessionState } from '../../shared/models';
import type { TimedAvailability } from '../core/app/timed-status';

/**
 * Everything the tray shows, as plain data: the menu, the tooltip and the icon are pure functions of it.
 * Plain (no functions, no Dates) so it can be rendered to HTML for screenshots.
 */
export interface TrayState {
  readonly session: SessionState;
  readonly presence: MyPresence;
  readonly desired: DesiredPresence;
  /** A running timed status, or null. */
  readonly timed: { readonly availability: TimedAvailability; readonly until: number } | null;
  /** Epoch ms, for "time left" labels. */
  readonly now: number;
  /** `supported` is false where we cannot register a login item (the checkbox is then hidden). */
  readonly autostart: { readonly supported: boolean; readonly enabled: boolean };
  /** "Appear away when the screen locks"; the checkbox is shown only when this is given. */
  readonly awayOnLock?: boolean;
  /** The language words are shown in; English when absent. */
  readonly locale?: Locale;
  /** What the user chose in the Language submenu; the submenu is shown only when this is given. */
  readonly language?: LanguageChoice;
}

/** True while commands can reach the server. */
export function isSignedIn(session: SessionState): boolean {
  return session.state === 'online' || session.state === 'reconnecting';
}
