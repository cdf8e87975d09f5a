import type { Availability } from '../availability';
import type { SignInProblem } from '../ipc-contract';
import type { SessionErrorReason } from '../models';
import type { MessageKey } from './catalog';

/**
 * Value → message key tables. Keys are spelled out (never built from strings) so the compiler checks
 * them and the catalog test can see every key that is used.
 */

/** The status words, as the Skype for Business client words them in each language. */
export const AVAILABILITY_KEYS: Readonly<Record<Availability, MessageKey>> = {
  Online: 'availability.Online',
  Busy: 'availability.Busy',
  DoNotDisturb: 'availability.DoNotDisturb',
  BeRightBack: 'availability.BeRightBack',
  Away: 'availability.Away',
  Offwork: 'availability.Offwork',
  IdleOnline: 'availability.IdleOnline',
  IdleBusy: 'availability.IdleBusy',
  Offline: 'availability.Offline',
  Unknown: 'availability.Unknown',
};

/** A typed session error (its `reason`) for people; the engine's own English message is not shown. */
export const ERROR_KEYS: Readonly<Record<SessionErrorReason, MessageKey>> = {
  badAddress: 'errors.badAddress',
  unknownDomain: 'errors.unknownDomain',
  badDiscoveryUrl: 'errors.badDiscoveryUrl',
  wrongPassword: 'errors.wrongPassword',
  grantNotSupported: 'errors.grantNotSupported',
  serverUnreachable: 'errors.serverUnreachable',
  certificate: 'errors.certificate',
  forbidden: 'errors.forbidden',
  tooManyApplications: 'errors.tooManyApplications',
  userAgentNotAllowed: 'errors.userAgentNotAllowed',
  malformedReply: 'errors.malformedReply',
  insecureConnection: 'errors.insecureConnection',
  untrustedHost: 'errors.untrustedHost',
  unknown: 'errors.unknown',
};

/** Why a sign-in was refused (main's checks and the engine's typed reasons). */
export const SIGN_IN_PROBLEM_KEYS: Readonly<Record<SignInProblem, MessageKey>> = {
  ...ERROR_KEYS,
  addressFormat: 'errors.addressFormat',
  addressPattern: 'errors.addressPattern',
  passwordEmpty: 'errors.passwordEmpty',
  discoveryUrlScheme: 'errors.discoveryUrlScheme',
};
