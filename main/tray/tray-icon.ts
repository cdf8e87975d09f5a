import type { Availability } from '../../shared/availability';
import type { TrayState } from './tray-state';

/** Tray icon names; files are build/icons/tray/<name>.png (+ @2x, + mac/<name>Template.png). */
export const TRAY_ICON_NAMES = [
  'online',
  'busy',
  'do-not-disturb',
  'be-right-back',
  'away',
  'offwork',
  'idle-online',
  'idle-busy',
  'offline',
  'signing-in',
  'reconnecting',
  'signed-out',
] as const;

export type TrayIconName = (typeof TRAY_ICON_NAMES)[number];

const BY_AVAILABILITY: Readonly<Record<Availability, TrayIconName>> = {
  Online: 'online',
  Busy: 'busy',
  DoNotDisturb: 'do-not-disturb',
  BeRightBack: 'be-right-back',
  Away: 'away',
  Offwork: 'offwork',
  IdleOnline: 'idle-online',
  IdleBusy: 'idle-busy',
  Offline: 'offline',
  // Online but the server has not told us our presence yet: still "getting there".
  Unknown: 'signing-in',
};

/** The icon that tells the truth: connection trouble wins over presence. */
export function trayIconName(state: Pick<TrayState, 'session' | 'presence'>): TrayIconName {
  switch (state.session.state) {
    case 'signedOut':
    case 'error':
      return 'signed-out';
    case 'discovering':
    case 'authenticating':
    case 'connecting':
      return 'signing-in';
    case 'reconnecting':
      return 'reconnecting';
    case 'online':
      return BY_AVAILABILITY[state.presence.availability];
  }
}
