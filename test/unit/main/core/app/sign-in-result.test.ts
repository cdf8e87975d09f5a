import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_POLICY } from '../../../../../main/core/admin-policy';
import { signInFailure, validateSignInForm } from '../../../../../main/core/app/sign-in-result';
import { ERROR_KEYS } from '../../../../../shared/i18n';
import type { SignInForm } from '../../../../../shared/ipc-contract';

const form: SignInForm = {
  address: 'dana@contoso.com',
  password: 'Passw0rd!',
  discoveryUrl: '',
  keepSignedIn: false,
  acceptWeakStorage: false,
};

describe('validateSignInForm', () => {
  it('accepts a plain or sip: address and an empty discovery URL', () => {
    expect(validateSignInForm({ ...form, address: ' sip:dana@contoso.com ' }, DEFAULT_ADMIN_POLICY)).toEqual({
      address: 'dana@contoso.com',
      discoveryUrl: undefined,
      password: 'Passw0rd!',
    });
  });

  it('names the field to fix', () => {
    expect(validateSignInForm({ ...form, address: 'dana' }, DEFAULT_ADMIN_POLICY)).toMatchObject({ ok: false, field: 'address' });
    expect(validateSignInForm({ ...form, password: '' }, DEFAULT_ADMIN_POLICY)).toMatchObject({ ok: false, field: 'password' });
    expect(validateSignInForm({ ...form, discoveryUrl: 'lyncdiscover' }, DEFAULT_ADMIN_POLICY)).toMatchObject({
      ok: false,
      field: 'discoveryUrl',
    });
  });

  it("applies the admin's address pattern and preset discovery URL", () => {
    const policy = {
      ...DEFAULT_ADMIN_POLICY,
      discoveryUrl: 'https://lyncdiscover.contoso.com/',
      addressPattern: { pattern: '@contoso\\.com$', example: 'first.last@contoso.com' },
    };
    expect(validateSignInForm({ ...form, address: 'dana@fabrikam.com' }, policy)).toMatchObject({
      field: 'address',
      message: expect.stringContaining('first.last@contoso.com'),
    });
    expect(validateSignInForm({ ...form, discoveryUrl: 'https://elsewhere.example/' }, policy)).toMatchObject({
      discoveryUrl: 'https://lyncdiscover.contoso.com/',
    });
  });
});

describe('signInFailure', () => {
  const unreachable = { reason: 'serverUnreachable', message: 'The server cannot be reached.' } as const;

  it('points a wrong password at the password field and never echoes the password', () => {
    const failure = signInFailure({ reason: 'wrongPassword', message: 'Bad password Passw0rd! for dana' }, undefined, 'Passw0rd!');
    expect(failure).toEqual({ ok: false, field: 'password', code: 'wrongPassword', message: 'Bad password ••• for dana' });
  });

  it('points an unreachable server at the discovery URL only when the user typed one', () => {
    expect(signInFailure(unreachable, undefined, 'x', true)).toEqual({ ok: false, field: 'discoveryUrl', code: 'serverUnreachable', message: unreachable.message });
    // Automatic sign-in and DNS-based discovery: no field, so the caller retries instead of asking the user.
    expect(signInFailure(unreachable, undefined, 'x')).toEqual({ ok: false, code: 'serverUnreachable', message: unreachable.message });
  });

  it('falls back to the session error state and to a default message', () => {
    expect(
      signInFailure(new Error('boom'), { state: 'error', error: { reason: 'unknownDomain', message: '' } }, 'x'),
    ).toMatchObject({ field: 'address', message: expect.stringContaining('No Skype for Business server was found') });
    expect(signInFailure('weird', undefined, 'x')).toEqual({ ok: false, code: 'unknown', message: 'Sign-in failed: check the address and try again.' });
  });
});

describe('validateSignInForm, in detail', () => {
  const check = (changes: Partial<SignInForm>, policy = DEFAULT_ADMIN_POLICY) => validateSignInForm({ ...form, ...changes }, policy);

  it('wants exactly one @, a dotted domain and no spaces, with any case of sip:', () => {
    const bad = { ok: false, field: 'address', code: 'addressFormat', message: 'Enter your sign-in address, for example dana@contoso.com.' };
    for (const address of ['dana@contoso', '@contoso.com', 'dana@', 'da na@contoso.com', 'dana@contoso.com x', 'x dana@contoso.com', 'a@b@contoso.com', 'dana@contoso.']) {
      expect(check({ address })).toEqual(bad);
    }
    expect(check({ address: 'SIP:dana@contoso.com' })).toMatchObject({ address: 'dana@contoso.com' });
  });

  it('gives the code, the example and the message for an address outside the pattern', () => {
    const policy = { ...DEFAULT_ADMIN_POLICY, addressPattern: { pattern: '@contoso\\.com$', example: 'first.last@contoso.com' } };
    expect(check({ address: 'dana@fabrikam.com' }, policy)).toEqual({
      ok: false,
      field: 'address',
      code: 'addressPattern',
      example: 'first.last@contoso.com',
      message: 'Your organisation expects an address like first.last@contoso.com.',
    });
    expect(check({}, policy)).toMatchObject({ address: 'dana@contoso.com' });
    // A broken admin pattern must not lock everyone out.
    expect(check({}, { ...DEFAULT_ADMIN_POLICY, addressPattern: { pattern: '(', example: 'x' } })).toMatchObject({ address: 'dana@contoso.com' });
  });

  it('words an empty password and a discovery URL that is not http(s)', () => {
    expect(check({ password: '' })).toEqual({ ok: false, field: 'password', code: 'passwordEmpty', message: 'Enter your password.' });
    expect(check({ discoveryUrl: 'ftp://lyncdiscover.contoso.com' })).toEqual({
      ok: false,
      field: 'discoveryUrl',
      code: 'discoveryUrlScheme',
      message: 'The discovery URL must start with https:// (e.g. https://lyncdiscover.contoso.com), or leave it empty.',
    });
  });

  it('trims the discovery URL, keeps http for loopback tests, and treats blanks as none', () => {
    expect(check({ discoveryUrl: '  https://lyncdiscover.contoso.com  ' })).toMatchObject({ discoveryUrl: 'https://lyncdiscover.contoso.com' });
    expect(check({ discoveryUrl: 'http://127.0.0.1:8080/' })).toMatchObject({ discoveryUrl: 'http://127.0.0.1:8080/' });
    expect(check({ discoveryUrl: '   ' })).toEqual({ address: 'dana@contoso.com', discoveryUrl: undefined, password: 'Passw0rd!' });
  });
});

describe('signInFailure, in detail', () => {
  it('finds a session error at the top or under error, sessionError or cause', () => {
    const inner = { reason: 'forbidden', message: 'Refused.' };
    for (const error of [inner, { error: inner }, { sessionError: inner }, { cause: inner }]) {
      expect(signInFailure(error, undefined, 'x')).toEqual({ ok: false, code: 'forbidden', message: 'Refused.' });
    }
    expect(signInFailure({ other: inner }, undefined, 'x').code).toBe('unknown');
  });

  it('ignores what only looks like a session error, and prefers the thrown one to the session state', () => {
    const state = { state: 'error', error: { reason: 'certificate', message: 'Untrusted CA.' } } as const;
    expect(signInFailure({ reason: 'nonsense', message: 'm' }, state, 'x')).toEqual({ ok: false, code: 'certificate', message: 'Untrusted CA.' });
    expect(signInFailure({ reason: 'forbidden', message: 3 }, undefined, 'x').code).toBe('unknown');
    expect(signInFailure({ reason: 'forbidden', message: 'Refused.' }, state, 'x').code).toBe('forbidden');
    expect(signInFailure(null, { state: 'online' }, 'x').code).toBe('unknown');
  });

  it('uses the English fallback for a blank message and leaves messages alone for an empty password', () => {
    expect(signInFailure({ reason: 'tooManyApplications', message: '   ' }, undefined, 'x').message).toBe(
      'You are signed in on too many devices: sign out somewhere else, then try again.',
    );
    expect(signInFailure({ reason: 'forbidden', message: 'a b' }, undefined, '').message).toBe('a b');
  });

  it('names the field for each reason the user can fix, and the discovery URL only for the suspects', () => {
    const field = (reason: string, typed = false) => signInFailure({ reason, message: 'm' }, undefined, 'x', typed).field;
    expect(field('badAddress')).toBe('address');
    expect(field('unknownDomain')).toBe('address');
    expect(field('wrongPassword')).toBe('password');
    expect(field('badDiscoveryUrl')).toBe('discoveryUrl');
    for (const reason of ['serverUnreachable', 'malformedReply', 'certificate', 'insecureConnection', 'untrustedHost']) {
      expect(field(reason, true)).toBe('discoveryUrl');
      expect(field(reason)).toBeUndefined();
    }
    for (const reason of ['forbidden', 'grantNotSupported', 'tooManyApplications', 'userAgentNotAllowed', 'unknown']) {
      expect(field(reason, true)).toBeUndefined();
    }
  });
});

describe('signInFailure fallbacks', () => {
  it('has its own English sentence for every reason, used when the engine gave none', () => {
    const sentences = Object.keys(ERROR_KEYS).map((reason) => signInFailure({ reason, message: '' }, undefined, 'x'));
    for (const failure of sentences) expect(failure.message).toMatch(/^[A-Z].{15,}\.$/);
    expect(new Set(sentences.map((failure) => failure.message)).size).toBe(sentences.length);
    expect(sentences.map((failure) => failure.code)).toEqual(Object.keys(ERROR_KEYS));
  });

  it('trusts only a string reason it knows, not one that merely converts to one', () => {
    expect(signInFailure({ reason: ['forbidden'], message: 'Refused.' }, undefined, 'x').code).toBe('unknown');
  });
});

describe('validateSignInForm, the sip: prefix', () => {
  it('drops only a leading sip: scheme, not one inside the address', () => {
    expect(validateSignInForm({ ...form, address: 'dana.sip:x@contoso.com' }, DEFAULT_ADMIN_POLICY)).toMatchObject({ address: 'dana.sip:x@contoso.com' });
  });
});
