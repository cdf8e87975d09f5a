import { translator } from '../../../../../shared/i18n';
import { describe, expect, it } from 'vitest';
import { sessionBanner } from '../../../../../renderer/app/contacts/session-banner';

describe('sessionBanner', () => {
  it('says nothing when online', () => {
    expect(sessionBanner({ state: 'online' }, 0)).toBeNull();
  });
  it('offers sign-in when signed out or failed, with the error message', () => {
    expect(sessionBanner({ state: 'signedOut' }, 0)).toEqual({ tone: 'warning', text: 'You are signed out.', signIn: true });
    expect(
      sessionBanner({ state: 'error', error: { reason: 'certificate', message: 'The server certificate is not trusted.' } }, 0),
    ).toEqual({ tone: 'error', text: translator('en').t('errors.certificate'), signIn: true });
  });
  it('words a typed error by its reason, not by the engine\'s English message', () => {
    const session = { state: 'error', error: { reason: 'wrongPassword', message: 'HTTP 400 invalid_grant' } } as const;
    expect(sessionBanner(session, 0, translator('de'))?.text).toBe('Adresse oder Kennwort ist falsch.');
    expect(sessionBanner(session, 0, translator('es'))?.text).toBe('La dirección o la contraseña no son correctas.');
  });
  it('counts down to the next reconnect attempt', () => {
    const session = { state: 'reconnecting', attempt: 2, nextRetryAt: 100_000, lastError: 'timeout' } as const;
    const at = (ms: number): string => `T+${ms / 1000}s`;
    const en = translator('en');
    expect(sessionBanner(session, 10_000, en, at)).toEqual({
      tone: 'warning',
      text: 'Connection lost. Reconnecting, attempt 2: next try at T+100s (in 1 min 30 sec).',
      signIn: false,
      detail: 'timeout',
    });
    expect(sessionBanner(session, 99_500, en, at)?.text).toBe('Connection lost. Reconnecting, attempt 2: next try at T+100s (in 1 sec).');
    expect(sessionBanner(session, 100_000, en, at)?.text).toBe('Connection lost. Reconnecting, attempt 2: trying now.');
    expect(sessionBanner({ ...session, lastError: '' }, 40_000, en, at)).not.toHaveProperty('detail');
    expect(sessionBanner({ ...session, lastError: '' }, 40_000, en, at)?.text).toBe(
      'Connection lost. Reconnecting, attempt 2: next try at T+100s (in 1 min).',
    );
    expect(sessionBanner(session, 10_000, translator('fr'), at)?.text.replace(/\s/g, ' ')).toBe(
      'Connexion perdue. Reconnexion, tentative 2 : prochain essai à T+100s (dans 1 min 30 s).',
    );
  });
  it('shows sign-in progress without a button', () => {
    for (const state of ['discovering', 'authenticating', 'connecting'] as const) {
      expect(sessionBanner({ state }, 0)).toMatchObject({ tone: 'info', signIn: false });
    }
  });
});
