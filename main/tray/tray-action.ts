import { isSettableAvailability, type SettableAvailability } from '../../shared/availability';
import { isLanguageChoice, type LanguageChoice } from '../../shared/i18n';
import {
  isTimedAvailability,
  type TimedAvailability,
  type TimedDuration,
} from '../core/app/timed-status';

/** What a tray menu click asks for. Menu items carry stable ids; this is their meaning. */
export type TrayAction =
  | { readonly type: 'setAvailability'; readonly availability: SettableAvailability }
  | { readonly type: 'resetAvailability' }
  | { readonly type: 'setTimed'; readonly availability: TimedAvailability; readonly duration: TimedDuration }
  | { readonly type: 'cancelTimed' }
  | { readonly type: 'editNote' }
  | { readonly type: 'clearNote' }
  | { readonly type: 'showContacts' }
  | { readonly type: 'toggleAutostart' }
  | { readonly type: 'toggleAwayOnLock' }
  | { readonly type: 'setLanguage'; readonly language: LanguageChoice }
  | { readonly type: 'signIn' }
  | { readonly type: 'signOut' }
  | { readonly type: 'quit' };

/** The stable id of the menu item for an action. */
export function trayItemId(action: TrayAction): string {
  switch (action.type) {
    case 'setAvailability':
      return `availability:${action.availability}`;
    case 'setTimed':
      return `timed:${action.availability}:${action.duration}`;
    case 'resetAvailability':
      return 'availability:reset';
    case 'cancelTimed':
      return 'timed:cancel';
    case 'editNote':
      return 'note:edit';
    case 'clearNote':
      return 'note:clear';
    case 'showContacts':
      return 'window:contacts';
    case 'toggleAutostart':
      return 'autostart';
    case 'toggleAwayOnLock':
      return 'away-on-lock';
    case 'setLanguage':
      return `language:${action.language}`;
    case 'signIn':
      return 'session:sign-in';
    case 'signOut':
      return 'session:sign-out';
    case 'quit':
      return 'app:quit';
  }
}

const SIMPLE: Readonly<Record<string, TrayAction>> = {
  'availability:reset': { type: 'resetAvailability' },
  'timed:cancel': { type: 'cancelTimed' },
  'note:edit': { type: 'editNote' },
  'note:clear': { type: 'clearNote' },
  'window:contacts': { type: 'showContacts' },
  autostart: { type: 'toggleAutostart' },
  'away-on-lock': { type: 'toggleAwayOnLock' },
  'session:sign-in': { type: 'signIn' },
  'session:sign-out': { type: 'signOut' },
  'app:quit': { type: 'quit' },
};

/** Inverse of `trayItemId`; null for ids that are not actions (headers, submenus, separators). */
export function trayActionFromId(id: string): TrayAction | null {
  const simple = SIMPLE[id];
  if (simple) return simple;
  const [prefix, first, second] = id.split(':');
  if (prefix === 'language' && second === undefined && isLanguageChoice(first)) return { type: 'setLanguage', language: first };
  if (prefix === 'availability' && second === undefined && isSettableAvailability(first)) {
    return { type: 'setAvailability', availability: first };
  }
  if (prefix === 'timed' && isTimedAvailability(first) && second !== undefined) {
    const duration: TimedDuration | null =
      second === 'endOfDay' ? 'endOfDay' : second === '30' ? 30 : second === '60' ? 60 : second === '120' ? 120 : null;
    if (duration !== null) return { type: 'setTimed', availability: first, duration };
  }
  return null;
}
