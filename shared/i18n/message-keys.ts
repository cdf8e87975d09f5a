import type { Availability } from '../availability';
import type { SignInProblem } from '../ipc-contract';
import type { ContactListErrorReason, SessionErrorReason } from '../models';
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

/** Why a directory or contact-list request was refused, in the user's words (the engine's reasons). */
export const CONTACT_LIST_ERROR_KEYS: Readonly<Record<ContactListErrorReason, MessageKey>> = {
  unavailable: 'manage.errors.unavailable',
  notSignedIn: 'manage.errors.notSignedIn',
  forbidden: 'manage.errors.forbidden',
  tooManyGroups: 'manage.errors.tooManyGroups',
  tooManyContacts: 'manage.errors.tooManyContacts',
  alreadyExists: 'manage.errors.alreadyExists',
  notFound: 'manage.errors.notFound',
  notSupported: 'manage.errors.notSupported',
  changedMeanwhile: 'manage.errors.changedMeanwhile',
  invalid: 'manage.errors.invalid',
  failed: 'manage.errors.failed',
};
