import type { MenuItemConstructorOptions } from 'electron';
import { SETTABLE_AVAILABILITIES, type Availability } from '../../shared/availability';
import {
  AVAILABILITY_KEYS,
  DEFAULT_LOCALE,
  ERROR_KEYS,
  SUPPORTED_LOCALES,
  formatClock,
  translator,
  type Translator,
} from '../../shared/i18n';
import {
  TIMED_AVAILABILITIES,
  TIMED_DURATIONS,
  durationLabel,
  timeLeftLabel,
} from '../core/app/timed-status';
import { trayItemId } from './tray-action';
import type { TrayState } from './tray-state';

export type { TrayState } from './tray-state';

/** The translator for the state's locale (English when it has none). */
export function trayMessages(state: Pick<TrayState, 'locale'>): Translator {
  return translator(state.locale ?? DEFAULT_LOCALE);
}

function label(messages: Translator, availability: Availability): string {
  return messages.t(AVAILABILITY_KEYS[availability]);
}

/** Header line: what the tray icon means, in words. */
export function statusLine(state: TrayState): string {
  const { session } = state;
  const messages = trayMessages(state);
  switch (session.state) {
    case 'signedOut':
      return messages.t('tray.signedOut');
    case 'error':
      return messages.t('tray.signedOutBecause', { reason: messages.t(ERROR_KEYS[session.error.reason]) });
    case 'discovering':
    case 'authenticating':
    case 'connecting':
      return messages.t('tray.signingIn');
    case 'reconnecting':
      return messages.t('tray.reconnecting', { availability: label(messages, state.desired.availability ?? state.presence.availability) });
    case 'online':
      return label(messages, state.presence.availability);
  }
}

/** "Busy until 15:30 (47 min left)": the running timed status, in the state's locale. */
export function timedLine(state: TrayState): string | null {
  if (state.timed === null) return null;
  const messages = trayMessages(state);
  return messages.t('tray.timedRunning', {
    availability: label(messages, state.timed.availability),
    time: formatClock(state.timed.until, messages.locale),
    left: timeLeftLabel(state.timed.until, state.now, messages),
  });
}

/** Why status items are greyed out, or null when they are usable. */
export function disabledReason(state: TrayState): string | null {
  const messages = trayMessages(state);
  switch (state.session.state) {
    case 'online':
    case 'reconnecting':
      return null;
    case 'discovering':
    case 'authenticating':
    case 'connecting':
      return messages.t('tray.availableOnceSignedIn');
    case 'signedOut':
    case 'error':
      return messages.t('tray.signInToChange');
  }
}

/** "System default" first, then every catalog's language in its own words. */
function languageItems(state: TrayState, messages: Translator): MenuItemConstructorOptions[] {
  const chosen = state.language ?? 'system';
  return [
    { id: trayItemId({ type: 'setLanguage', language: 'system' }), label: messages.t('tray.systemDefault'), type: 'radio', checked: chosen === 'system' },
    { type: 'separator' },
    ...SUPPORTED_LOCALES.map((locale): MenuItemConstructorOptions => ({
      id: trayItemId({ type: 'setLanguage', language: locale }),
      label: translator(locale).t('language.name'),
      type: 'radio',
      checked: chosen === locale,
    })),
  ];
}

function timedSubmenu(state: TrayState, messages: Translator, enabled: boolean): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  for (const availability of TIMED_AVAILABILITIES) {
    for (const duration of TIMED_DURATIONS) {
      const length = durationLabel(duration, messages);
      items.push({
        id: trayItemId({ type: 'setTimed', availability, duration }),
        label:
          length === null
            ? messages.t('tray.timedUntilEndOfDay', { availability: label(messages, availability) })
            : messages.t('tray.timedFor', { availability: label(messages, availability), duration: length }),
        enabled,
      });
    }
    items.push({ type: 'separator' });
  }
  items.push({
    id: trayItemId({ type: 'cancelTimed' }),
    label: messages.t('tray.cancelTimed'),
    enabled: enabled && state.timed !== null,
  });
  return items;
}

/**
 * The whole tray menu for a state. Pure: no click handlers (the tray controller maps item ids to
 * actions with `trayActionFromId`), stable ids, plain data. Rebuilt on every change because Linux
 * StatusNotifier menus do not update items in place
 * (https://www.electronjs.org/docs/latest/api/tray#traysetcontextmenumenu).
 */
export function trayTemplate(state: TrayState): MenuItemConstructorOptions[] {
  const messages = trayMessages(state);
  const reason = disabledReason(state);
  const enabled = reason === null;
  const greyed = reason === null ? {} : { sublabel: reason };
  const menu: MenuContext = { state, messages, reason, enabled, greyed };
  return [
    ...statusItems(menu),
    { type: 'separator' },
    ...availabilityItems(menu),
    { type: 'separator' },
    ...noteItems(menu),
    { type: 'separator' },
    ...appItems(menu),
  ];
}

/** What every part of the menu is built from. */
interface MenuContext {
  readonly state: TrayState;
  readonly messages: Translator;
  /** Why the presence items are greyed out, or null when they are usable. */
  readonly reason: string | null;
  readonly enabled: boolean;
  readonly greyed: { sublabel?: string };
}

/** The status line, my note, a running timed status and why the menu is greyed out. */
function statusItems({ state, messages, reason, enabled }: MenuContext): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [{ id: 'status', label: statusLine(state), enabled: false }];
  if (state.presence.note !== '' && enabled) {
    items.push({ id: 'status:note', label: messages.t('tray.note', { note: truncate(state.presence.note, 60) }), enabled: false });
  }
  const timed = timedLine(state);
  if (timed !== null && enabled) items.push({ id: 'status:timed', label: timed, enabled: false });
  if (reason !== null) items.push({ id: 'status:reason', label: reason, enabled: false });
  return items;
}

/** One radio item per settable availability, automatic, and the timed-status submenu. */
function availabilityItems({ state, messages, enabled, greyed }: MenuContext): MenuItemConstructorOptions[] {
  const manual = state.desired.availability;
  return [
    ...SETTABLE_AVAILABILITIES.map((availability): MenuItemConstructorOptions => ({
      id: trayItemId({ type: 'setAvailability', availability }),
      label: label(messages, availability),
      type: 'radio',
      checked: enabled && manual === availability,
      enabled,
      ...greyed,
    })),
    {
      id: trayItemId({ type: 'resetAvailability' }),
      label: messages.t('tray.resetToAutomatic'),
      type: 'radio',
      checked: enabled && manual === null,
      enabled,
      ...greyed,
    },
    { id: 'timed', label: messages.t('tray.timedStatus'), submenu: timedSubmenu(state, messages, enabled), enabled, ...greyed },
  ];
}

/** Set or change the note, clear it, and open the contacts window. */
function noteItems({ state, messages, enabled, greyed }: MenuContext): MenuItemConstructorOptions[] {
  return [
    { id: trayItemId({ type: 'editNote' }), label: messages.t(state.desired.note === '' ? 'tray.setNote' : 'tray.changeNote'), enabled, ...greyed },
    { id: trayItemId({ type: 'clearNote' }), label: messages.t('tray.clearNote'), enabled: enabled && state.desired.note !== '', ...greyed },
    { id: trayItemId({ type: 'showContacts' }), label: messages.t('tray.showContacts'), enabled, ...greyed },
  ];
}

/** Application settings, sign in or out, quit: usable whatever the session does. */
function appItems({ state, messages }: MenuContext): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (state.autostart.supported) {
    items.push({ id: trayItemId({ type: 'toggleAutostart' }), label: messages.t('tray.startAtLogin'), type: 'checkbox', checked: state.autostart.enabled });
  }
  if (state.awayOnLock !== undefined) {
    items.push({ id: trayItemId({ type: 'toggleAwayOnLock' }), label: messages.t('tray.awayWhenLocked'), type: 'checkbox', checked: state.awayOnLock });
  }
  if (state.language !== undefined) {
    items.push({ id: 'language', label: messages.t('tray.language'), submenu: languageItems(state, messages) });
  }
  if (state.session.state === 'signedOut' || state.session.state === 'error') {
    items.push({ id: trayItemId({ type: 'signIn' }), label: messages.t('tray.signIn') });
  } else {
    // Also offered while signing in, to cancel a sign-in that is taking too long.
    items.push({ id: trayItemId({ type: 'signOut' }), label: messages.t('tray.signOut') });
  }
  items.push({ id: trayItemId({ type: 'quit' }), label: messages.t('tray.quit') });
  return items;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
