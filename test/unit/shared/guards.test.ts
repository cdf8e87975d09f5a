import { describe, expect, it } from 'vitest';
import { LIMITS, isNoPayload, isNote, isSignInForm, isSipUri, isWatchRequest } from '../../../shared/guards';

const form = { address: 'dana@contoso.com', password: 'p', discoveryUrl: '', keepSignedIn: true, acceptWeakStorage: false };

describe('IPC guards', () => {
  it('accepts a well-formed sign-in form', () => {
    expect(isSignInForm(form)).toBe(true);
  });

  it.each([
    ['null', null],
    ['array', [form]],
    ['extra key', { ...form, admin: true }],
    ['missing key', { address: 'a', password: 'p', discoveryUrl: '', keepSignedIn: true }],
    ['wrong type', { ...form, keepSignedIn: 'yes' }],
    ['huge password', { ...form, password: 'x'.repeat(LIMITS.password + 1) }],
    ['number address', { ...form, address: 42 }],
  ])('rejects a sign-in form with %s', (_name, value) => {
    expect(isSignInForm(value)).toBe(false);
  });

  it('checks notes, SIP URIs and watch requests', () => {
    expect(isNote('')).toBe(true);
    expect(isNote('x'.repeat(LIMITS.note))).toBe(true);
    expect(isNote('x'.repeat(LIMITS.note + 1))).toBe(false);
    expect(isNote({ toString: () => 'x' })).toBe(false);
    expect(isSipUri('sip:alice@contoso.com')).toBe(true);
    expect(isSipUri('alice@contoso.com')).toBe(false);
    expect(isSipUri('sip:alice@contoso.com\n<script>')).toBe(false);
    expect(isWatchRequest({ uri: 'sip:alice@contoso.com', watch: true })).toBe(true);
    expect(isWatchRequest({ uri: 'sip:alice@contoso.com', watch: 1 })).toBe(false);
    expect(isWatchRequest({ uri: 'sip:alice@contoso.com', watch: true, x: 1 })).toBe(false);
    expect(isNoPayload(undefined)).toBe(true);
    expect(isNoPayload({})).toBe(false);
  });
});
