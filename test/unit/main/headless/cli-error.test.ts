import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../../main/headless/cli-error';
import { translator } from '../../../../shared/i18n';

describe('describeFailure', () => {
  it('words the typed reason through the catalog, not the engine message', () => {
    const error = { reason: 'wrongPassword', message: 'engine text with Passw0rd!' } as const;
    expect(describeFailure(error, undefined)).toBe('The address or password is wrong.');
    expect(describeFailure(error, undefined, translator('de'))).toBe(translator('de').t('errors.wrongPassword'));
    expect(describeFailure(error, undefined, translator('de'))).not.toContain('Passw0rd!');
  });

  it('names a refused foreign host and the policy key, in the user language', () => {
    const error = { reason: 'untrustedHost', message: 'x' } as const;
    const refused = { domain: 'contoso.com', host: 'lync.fabrikam.com' };
    expect(describeFailure(error, refused)).toBe(
      'contoso.com sends you to lync.fabrikam.com, which is not part of contoso.com: not continuing. An administrator can allow it with "trustedDomains" in the admin policy.',
    );
    expect(describeFailure(error, refused, translator('fr'))).toBe(
      'contoso.com vous envoie vers lync.fabrikam.com, qui ne fait pas partie de contoso.com : connexion interrompue. Un administrateur peut l’autoriser avec « trustedDomains » dans la stratégie d’administration.',
    );
    // Without a host to name (e.g. the token service redirected), the general sentence, which names the key.
    expect(describeFailure(error, undefined)).toMatch(/"trustedDomains"/);
    // A noted host is only named for the reason it belongs to.
    expect(describeFailure({ reason: 'serverUnreachable', message: '' }, refused)).not.toContain('fabrikam');
  });
});
