import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_POLICY } from '../../../../../main/core/admin-policy';
import { signInFailure, validateSignInForm } from '../../../../../main/core/app/sign-in-result';
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
