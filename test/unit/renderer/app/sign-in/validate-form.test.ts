import { describe, expect, it } from 'vitest';
import { validateSignInForm } from '../../../../../renderer/app/sign-in/validate-form';

const ok = { address: 'dana@contoso.com', password: 'p', discoveryUrl: '', keepSignedIn: false, acceptWeakStorage: false };
const strong = { weakSecretStorage: false };
const fields = (form: typeof ok, weak = strong): string[] => validateSignInForm(form, weak).map((p) => p.field);

describe('validateSignInForm', () => {
  it('accepts a complete form, with or without sip:', () => {
    expect(validateSignInForm(ok, strong)).toEqual([]);
    expect(validateSignInForm({ ...ok, address: ' sip:dana@contoso.com ' }, strong)).toEqual([]);
  });
  it('names every missing or malformed field in form order', () => {
    expect(fields({ ...ok, address: '', password: '' })).toEqual(['address', 'password']);
    expect(fields({ ...ok, address: 'dana' })).toEqual(['address']);
    expect(fields({ ...ok, address: 'dana @contoso.com' })).toEqual(['address']);
  });
  it('accepts only http(s) discovery URLs', () => {
    expect(fields({ ...ok, discoveryUrl: 'https://lyncdiscover.contoso.com' })).toEqual([]);
    expect(fields({ ...ok, discoveryUrl: 'http://127.0.0.1:8181/Autodiscover/AutodiscoverService.svc/root' })).toEqual([]);
    expect(fields({ ...ok, discoveryUrl: 'lyncdiscover.contoso.com' })).toEqual(['discoveryUrl']);
    expect(fields({ ...ok, discoveryUrl: 'file:///etc/passwd' })).toEqual(['discoveryUrl']);
  });
  it('requires explicit consent to keep the password in weak storage', () => {
    const weak = { weakSecretStorage: true };
    expect(fields({ ...ok, keepSignedIn: true }, weak)).toEqual(['acceptWeakStorage']);
    expect(fields({ ...ok, keepSignedIn: true, acceptWeakStorage: true }, weak)).toEqual([]);
    expect(fields({ ...ok, keepSignedIn: false }, weak)).toEqual([]);
    expect(fields({ ...ok, keepSignedIn: true })).toEqual([]);
  });
  it('never echoes the password in a message', () => {
    const problems = validateSignInForm({ ...ok, address: 'x', password: 'S3cret!' }, strong);
    expect(JSON.stringify(problems)).not.toContain('S3cret!');
  });
});
