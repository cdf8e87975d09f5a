import type { SignInForm, SignInResult } from '../../../shared/ipc-contract';
import type { SessionError, SessionErrorReason, SessionState } from '../../../shared/models';
import type { AdminPolicy } from '../admin-policy';

type Failure = Extract<SignInResult, { ok: false }>;

/** What we pass to the engine after validation (policy applied). */
export interface ValidSignIn {
  readonly address: string;
  readonly discoveryUrl: string | undefined;
  readonly password: string;
}

/**
 * Checks a sign-in form before any traffic, with the admin policy applied (a preset discovery URL
 * wins over what the form says). Messages say what to fix.
 */
export function validateSignInForm(form: SignInForm, policy: AdminPolicy): ValidSignIn | Failure {
  const address = form.address.trim().replace(/^sip:/i, '');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
    return { ok: false, field: 'address', code: 'addressFormat', message: 'Enter your sign-in address, for example dana@contoso.com.' };
  }
  if (policy.addressPattern && !matches(policy.addressPattern.pattern, address)) {
    return {
      ok: false,
      field: 'address',
      code: 'addressPattern',
      example: policy.addressPattern.example,
      message: `Your organisation expects an address like ${policy.addressPattern.example}.`,
    };
  }
  if (form.password === '') {
    return { ok: false, field: 'password', code: 'passwordEmpty', message: 'Enter your password.' };
  }
  const discoveryUrl = (policy.discoveryUrl ?? form.discoveryUrl).trim();
  if (discoveryUrl !== '' && !isHttpUrl(discoveryUrl)) {
    return {
      ok: false,
      field: 'discoveryUrl',
      code: 'discoveryUrlScheme',
      message: 'The discovery URL must start with https:// (e.g. https://lyncdiscover.contoso.com), or leave it empty.',
    };
  }
  return { address, discoveryUrl: discoveryUrl === '' ? undefined : discoveryUrl, password: form.password };
}

const FIELD_BY_REASON: Partial<Record<SessionErrorReason, 'address' | 'password' | 'discoveryUrl'>> = {
  badAddress: 'address',
  unknownDomain: 'address',
  wrongPassword: 'password',
  badDiscoveryUrl: 'discoveryUrl',
};

/**
 * English fallback per reason for `message` (logs, scripts) when the engine's is missing; windows
 * word the `code` through their catalog instead.
 */
const MESSAGE_BY_REASON: Readonly<Record<SessionErrorReason, string>> = {
  badAddress: 'Check your sign-in address.',
  unknownDomain: 'No Skype for Business server was found for this domain: check the address or enter a discovery URL.',
  badDiscoveryUrl: 'The discovery URL did not lead to a Skype for Business server: check it or leave it empty.',
  wrongPassword: 'The address or password is wrong.',
  grantNotSupported: 'This server does not accept password sign-in.',
  serverUnreachable: 'The server cannot be reached: check your network or proxy, then try again.',
  certificate: "The server's certificate is not trusted by this computer: ask your IT team to install the company CA.",
  forbidden: 'The server refused this account: ask your IT team whether it is enabled for Skype for Business.',
  tooManyApplications: 'You are signed in on too many devices: sign out somewhere else, then try again.',
  userAgentNotAllowed: 'The server does not allow this app: ask your IT team.',
  malformedReply: 'The server sent an answer we do not understand: check the discovery URL.',
  insecureConnection: 'The server is not encrypted (http://): your password would travel in clear text.',
  untrustedHost: 'The server sent you to a host outside your domain: ask your administrator (trustedDomains).',
  unknown: 'Sign-in failed: check the address and try again.',
};

/** Reasons that, when the user typed a discovery URL, most likely mean that URL is wrong. */
const DISCOVERY_URL_SUSPECTS: ReadonlySet<SessionErrorReason> = new Set([
  'serverUnreachable',
  'malformedReply',
  'certificate',
  'insecureConnection',
  'untrustedHost',
]);

/**
 * Turns whatever `engine.signIn` rejected with (or the session's error state) into a result for the
 * form. Never echoes the password, even if a lower layer slipped it into a message.
 *
 * `typedDiscoveryUrl`: the user typed a discovery URL in the form, so an unreachable or odd server
 * points at that field (the message then shows next to it). Automatic sign-in leaves it false:
 * there an unreachable server is retried, not handed back to the user.
 */
export function signInFailure(
  error: unknown,
  session: SessionState | undefined,
  password: string,
  typedDiscoveryUrl = false,
): Failure {
  const sessionError = findSessionError(error) ?? (session?.state === 'error' ? session.error : undefined);
  const reason = sessionError?.reason ?? 'unknown';
  const raw = sessionError?.message?.trim() ? sessionError.message : MESSAGE_BY_REASON[reason];
  const message = password === '' ? raw : raw.split(password).join('•••');
  const field = FIELD_BY_REASON[reason] ?? (typedDiscoveryUrl && DISCOVERY_URL_SUSPECTS.has(reason) ? 'discoveryUrl' : undefined);
  return field === undefined ? { ok: false, message, code: reason } : { ok: false, message, field, code: reason };
}

function findSessionError(error: unknown): SessionError | undefined {
  if (isSessionError(error)) return error;
  if (typeof error === 'object' && error !== null) {
    for (const key of ['error', 'sessionError', 'cause']) {
      const inner: unknown = (error as Record<string, unknown>)[key];
      if (isSessionError(inner)) return inner;
    }
  }
  return undefined;
}

function isSessionError(value: unknown): value is SessionError {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['reason'] === 'string' && record['reason'] in MESSAGE_BY_REASON && typeof record['message'] === 'string';
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    // A broken admin pattern must not lock everyone out.
    return true;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
