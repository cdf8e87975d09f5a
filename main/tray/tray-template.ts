import type { MenuItemConstructorOptions } from 'electron';
import { AVAILABILITY_LABELS, SETTABLE_AVAILABILITIES } from '../../shared/availability';
import {
  TIMED_AVAILABILITIES,
  TIMED_DURATIONS,
  durationLabel,
  timeLeftLabel,
} from '../core/app/timed-status';
import { trayItemId } from './tray-action';
import type { TrayState } from './tray-state';

export type { TrayState } from './tray-state';

/** Header line: what the tray icon means, in words. */
export function statusLine(state: TrayState): string {
  const { session } = state;
  switch (session.state) {
    case 'signedOut':
      return 'Signed out';
    case 'error':
      return `Signed out: ${session.error.message}`;
    case 'discovering':
    case 'authenticating':
    case 'connecting':
      return 'Signing in…';
    case 'reconnecting':
      return `Reconnecting… (${AVAILABILITY_LABELS[state.desired.availability ?? state.presence.availability]})`;
    case 'online':
      return AVAILABILITY_LABELS[state.presence.availability];
  }
}

/** Why status items are greyed out, or null when they are usable. */
export function disabledReason(state: TrayState): string | null {
  switch (state.session.state) {
    case 'online':
    case 'reconnecting':
      return null;
    case 'discovering':
    case 'authenticating':
    case 'connecting':
      return 'Available once signed in';
    case 'signedOut':
    case 'error':
      return 'Sign in to change your status';
  }
}

/**
 * The whole tray menu for a state. Pure: no click handlers (the tray controller maps item ids to
 * actions with `trayActionFromId`), stable ids, plain data. Rebuilt on every change because Linux
 * StatusNotifier menus do not update items in place
 * (https://www.electronjs.org/docs/latest/api/tray#traysetcontextmenumenu).
 */
export function trayTemplate(state: TrayState): MenuItemConstructorOptions[] {
  const reason = disabledReason(state);
  const enabled = reason === null;
  const greyed = reason === null ? {} : { sublabel: reason };
  const manual = state.desired.availability;
  const items: MenuItemConstructorOptions[] = [];

  items.push({ id: 'status', label: statusLine(state), enabled: false });
  if (state.presence.note !== '' && enabled) {
    items.push({ id: 'status:note', label: `“${truncate(state.presence.note, 60)}”`, enabled: false });
  }
  if (state.timed !== null && enabled) {
    items.push({
      id: 'status:timed',
      label: `${AVAILABILITY_LABELS[state.timed.availability]}: ${timeLeftLabel(state.timed.until, state.now)}`,
      enabled: false,
    });
  }
  if (reason !== null) items.push({ id: 'status:reason', label: reason, enabled: false });
  items.push({ type: 'separator' });

  for (const availability of SETTABLE_AVAILABILITIES) {
    items.push({
      id: trayItemId({ type: 'setAvailability', availability }),
      label: AVAILABILITY_LABELS[availability],
      type: 'radio',
      checked: enabled && manual === availability,
      enabled,
      ...greyed,
    });
  }
  items.push({
    id: trayItemId({ type: 'resetAvailability' }),
    label: 'Reset to automatic',
    type: 'radio',
    checked: enabled && manual === null,
    enabled,
    ...greyed,
  });

  const timedItems: MenuItemConstructorOptions[] = [];
  for (const availability of TIMED_AVAILABILITIES) {
    for (const duration of TIMED_DURATIONS) {
      timedItems.push({
        id: trayItemId({ type: 'setTimed', availability, duration }),
        label: `${AVAILABILITY_LABELS[availability]} ${durationLabel(duration)}`,
        enabled,
      });
    }
    timedItems.push({ type: 'separator' });
  }
  timedItems.push({
    id: trayItemId({ type: 'cancelTimed' }),
    label: 'Cancel timed status',
    enabled: enabled && state.timed !== null,
  });
  items.push({ id: 'timed', label: 'Timed status', submenu: timedItems, enabled, ...greyed });

  items.push({ type: 'separator' });
  items.push({ id: trayItemId({ type: 'editNote' }), label: state.desired.note === '' ? 'Set note…' : 'Change note…', enabled, ...greyed });
  items.push({ id: trayItemId({ type: 'clearNote' }), label: 'Clear note', enabled: enabled && state.desired.note !== '', ...greyed });
  items.push({ id: trayItemId({ type: 'showContacts' }), label: 'Show contact groups', enabled, ...greyed });

  items.push({ type: 'separator' });
  if (state.autostart.supported) {
    items.push({ id: trayItemId({ type: 'toggleAutostart' }), label: 'Start at login', type: 'checkbox', checked: state.autostart.enabled });
  }
  if (state.awayOnLock !== undefined) {
    items.push({ id: trayItemId({ type: 'toggleAwayOnLock' }), label: 'Appear away when locked', type: 'checkbox', checked: state.awayOnLock });
  }
  if (state.session.state === 'signedOut' || state.session.state === 'error') {
    items.push({ id: trayItemId({ type: 'signIn' }), label: 'Sign in…' });
  } else {
    // Also offered while signing in, to cancel a sign-in that is taking too long.
    items.push({ id: trayItemId({ type: 'signOut' }), label: 'Sign out' });
  }
  items.push({ id: trayItemId({ type: 'quit' }), label: 'Quit' });
  return items;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
