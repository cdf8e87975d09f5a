import { isLanguageChoice, isLocale } from './i18n/locale';
import type { SignInForm, WatchRequest } from './ipc-contract';

/** A supported locale (`push:locale` payloads) and a Language-menu choice (settings, tray ids). */
export { isLanguageChoice, isLocale };

/**
 * Runtime guards for everything that crosses the IPC boundary. Main validates every renderer
 * payload with these before acting: the renderer is treated as untrusted.
 */

/** Limits that keep a compromised renderer from pushing huge values into settings or the server. */
export const LIMITS = {
  address: 320,
  password: 1024,
  url: 2048,
  note: 500,
  uri: 320,
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** Exactly the SignInForm keys with the right types and sane lengths; extra keys are rejected. */
export function isSignInForm(value: unknown): value is SignInForm {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value).sort().join(',');
  if (keys !== 'acceptWeakStorage,address,discoveryUrl,keepSignedIn,password') return false;
  return (
    isBoundedString(value['address'], LIMITS.address) &&
    isBoundedString(value['password'], LIMITS.password) &&
    isBoundedString(value['discoveryUrl'], LIMITS.url) &&
    typeof value['keepSignedIn'] === 'boolean' &&
    typeof value['acceptWeakStorage'] === 'boolean'
  );
}

/** A note: a string of at most LIMITS.note characters. */
export function isNote(value: unknown): value is string {
  return isBoundedString(value, LIMITS.note);
}

/** A SIP URI such as `sip:alice@contoso.com`. */
export function isSipUri(value: unknown): value is string {
  return isBoundedString(value, LIMITS.uri) && /^sip:[^\s@]+@[^\s@]+$/i.test(value);
}

export function isWatchRequest(value: unknown): value is WatchRequest {
  return (
    isRecord(value) &&
    Object.keys(value).length === 2 &&
    isSipUri(value['uri']) &&
    typeof value['watch'] === 'boolean'
  );
}

/** Invokes without a payload must really come without one. */
export function isNoPayload(value: unknown): value is undefined {
  return value === undefined;
}
