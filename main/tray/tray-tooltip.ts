import { statusLine, timedLine, trayMessages } from './tray-template';
import type { TrayState } from './tray-state';

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip). */
export const TOOLTIP_LIMIT = 127;

/** Tooltip: status, note, connection state and time left on a timed status, in the state's locale. */
export function trayTooltip(state: TrayState): string {
  const messages = trayMessages(state);
  const lines = [messages.t('tooltip.title', { status: statusLine(state) })];
  if (state.session.state === 'online' || state.session.state === 'reconnecting') {
    if (state.presence.note !== '') lines.push(messages.t('tooltip.note', { note: state.presence.note }));
    const timed = timedLine(state);
    if (timed !== null) lines.push(timed);
    lines.push(
      state.session.state === 'online'
        ? messages.t('tooltip.connected')
        : messages.t('tooltip.connectionLost', { attempt: state.session.attempt }),
    );
  }
  const text = lines.join('\n');
  return text.length <= TOOLTIP_LIMIT ? text : `${text.slice(0, TOOLTIP_LIMIT - 1)}…`;
}
