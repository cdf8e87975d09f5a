import { AVAILABILITY_LABELS } from '../../shared/availability';
import { timeLeftLabel } from '../core/app/timed-status';
import { statusLine } from './tray-template';
import type { TrayState } from './tray-state';

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip). */
export const TOOLTIP_LIMIT = 127;

/** Tooltip: status, note, connection state and time left on a timed status. */
export function trayTooltip(state: TrayState): string {
  const lines = [`Skype for Business: ${statusLine(state)}`];
  if (state.session.state === 'online' || state.session.state === 'reconnecting') {
    if (state.presence.note !== '') lines.push(`Note: ${state.presence.note}`);
    if (state.timed !== null) {
      lines.push(`${AVAILABILITY_LABELS[state.timed.availability]}, ${timeLeftLabel(state.timed.until, state.now)}`);
    }
    lines.push(state.session.state === 'online' ? 'Connected' : `Connection lost (attempt ${state.session.attempt}): ${state.session.lastError}`);
  }
  const text = lines.join('\n');
  return text.length <= TOOLTIP_LIMIT ? text : `${text.slice(0, TOOLTIP_LIMIT - 1)}…`;
}
