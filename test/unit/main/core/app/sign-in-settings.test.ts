import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_POLICY } from '../../../../../main/core/admin-policy';
import { memorySettings } from '../../../../../main/core/app/app-settings';
import type { Credentials } from '../../../../../main/core/app/credentials';
import { createSignInSettings } from '../../../../../main/core/app/sign-in-settings';

function credentials(keepAllowed: boolean, weak: boolean): Credentials {
  return {
    probe: async () => undefined,
    keepAllowed: () => keepAllowed,
    weakStorage: () => weak,
    keep: async () => undefined,
    forget: async () => undefined,
    stored: async () => null,
    dispose: () => undefined,
  };
}

describe('createSignInSettings', () => {
  it("uses the user's last address and discovery URL, and remembers new ones", () => {
    const settings = memorySettings({ signInAddress: 'dana@contoso.com', discoveryUrl: 'https://old.example' });
    const signIn = createSignInSettings(settings, DEFAULT_ADMIN_POLICY);
    expect([signIn.address(), signIn.discoveryUrl()]).toEqual(['dana@contoso.com', 'https://old.example']);
    signIn.remember({ address: 'erin@contoso.com', discoveryUrl: undefined });
    expect([settings.get('signInAddress'), settings.get('discoveryUrl')]).toEqual(['erin@contoso.com', '']);
    signIn.remember({ address: 'erin@contoso.com', discoveryUrl: 'https://new.example' });
    expect(signIn.discoveryUrl()).toBe('https://new.example');
  });

  it("prefers the admin's preset address and discovery URL, and never saves the preset URL as the user's", () => {
    const settings = memorySettings({ signInAddress: 'dana@contoso.com', discoveryUrl: 'https://mine.example' });
    const policy = { allowKeepSignedIn: true, signInAddress: 'preset@contoso.com', discoveryUrl: 'https://lyncdiscover.contoso.com' };
    const signIn = createSignInSettings(settings, policy);
    expect([signIn.address(), signIn.discoveryUrl()]).toEqual(['preset@contoso.com', 'https://lyncdiscover.contoso.com']);
    signIn.remember({ address: 'erin@contoso.com', discoveryUrl: 'https://lyncdiscover.contoso.com' });
    expect(settings.get('discoveryUrl')).toBe('https://mine.example');
    expect(signIn.defaults(credentials(true, false)).discoveryUrlLocked).toBe(true);
  });

  it('shows "keep me signed in" ticked only where it is allowed and was chosen', () => {
    const settings = memorySettings({ keepSignedIn: true, signInAddress: 'dana@contoso.com' });
    const signIn = createSignInSettings(settings, DEFAULT_ADMIN_POLICY);
    expect(signIn.defaults(credentials(true, true))).toEqual({
      address: 'dana@contoso.com',
      discoveryUrl: '',
      keepSignedIn: true,
      keepSignedInAllowed: true,
      weakSecretStorage: true,
      discoveryUrlLocked: false,
    });
    expect(signIn.defaults(credentials(false, false))).toMatchObject({ keepSignedIn: false, keepSignedInAllowed: false, weakSecretStorage: false });
    settings.set('keepSignedIn', false);
    expect(signIn.defaults(credentials(true, false)).keepSignedIn).toBe(false);
  });
});
