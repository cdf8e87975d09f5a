import { describe, expect, it } from 'vitest';
import { AdminPolicyError, DEFAULT_ADMIN_POLICY, parseAdminPolicy } from '../../../../main/core/admin-policy';

function rejected(json: unknown): AdminPolicyError {
  const result = parseAdminPolicy(json);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.policy)}`);
  return result.error;
}

describe('parseAdminPolicy', () => {
  it('reads a complete policy', () => {
    const result = parseAdminPolicy({
      discoveryUrl: 'https://lyncdiscover.contoso.com/',
      signInAddress: 'alice@contoso.com',
      addressPattern: { pattern: '^[^@\\s]+@contoso\\.com$', example: 'first.last@contoso.com' },
      allowKeepSignedIn: false,
      startAtLoginDefault: true,
    });
    expect(result).toEqual({
      ok: true,
      unknownKeys: [],
      policy: {
        discoveryUrl: 'https://lyncdiscover.contoso.com/',
        signInAddress: 'alice@contoso.com',
        addressPattern: { pattern: '^[^@\\s]+@contoso\\.com$', example: 'first.last@contoso.com' },
        allowKeepSignedIn: false,
        startAtLoginDefault: true,
      },
    });
  });

  it('fills in defaults for an empty policy', () => {
    expect(parseAdminPolicy({})).toEqual({ ok: true, policy: DEFAULT_ADMIN_POLICY, unknownKeys: [] });
    expect(DEFAULT_ADMIN_POLICY.allowKeepSignedIn).toBe(true);
  });

  it('trims strings and normalises the discovery URL', () => {
    const result = parseAdminPolicy({ discoveryUrl: '  https://LyncDiscover.Contoso.com  ', signInAddress: ' bob@contoso.com ' });
    expect(result.ok && result.policy).toEqual({
      allowKeepSignedIn: true,
      discoveryUrl: 'https://lyncdiscover.contoso.com/',
      signInAddress: 'bob@contoso.com',
    });
  });

  it('ignores unknown keys but reports them, and stays quiet about annotations', () => {
    const result = parseAdminPolicy({ allowKeepSignedin: false, $schema: 'x', comment: 'set by GPO', startAtLoginDefault: false });
    expect(result).toEqual({
      ok: true,
      policy: { allowKeepSignedIn: true, startAtLoginDefault: false },
      unknownKeys: ['allowKeepSignedin'],
    });
  });

  it.each([
    [null, undefined, /JSON object, got null/],
    [[], undefined, /JSON object, got an array/],
    ['{}', undefined, /JSON object, got a string/],
    [{ allowKeepSignedIn: 'false' }, 'allowKeepSignedIn', /true or false, got a string/],
    [{ startAtLoginDefault: 1 }, 'startAtLoginDefault', /true or false, got a number/],
    [{ discoveryUrl: 42 }, 'discoveryUrl', /must be a string, got a number/],
    [{ discoveryUrl: 'lyncdiscover.contoso.com' }, 'discoveryUrl', /absolute http\(s\) URL/],
    [{ discoveryUrl: 'file:///etc/passwd' }, 'discoveryUrl', /absolute http\(s\) URL/],
    [{ discoveryUrl: 'https://admin:hunter2@contoso.com/' }, 'discoveryUrl', /user name or password/],
    [{ signInAddress: '   ' }, 'signInAddress', /non-empty/],
    [{ signInAddress: 'x'.repeat(3000) }, 'signInAddress', /at most 2048/],
    [{ addressPattern: '^.*@contoso\\.com$' }, 'addressPattern', /must be an object/],
    [{ trustedDomains: 'fabrikam.com' }, 'trustedDomains', /array of domain names, got a string/],
    [{ trustedDomains: ['*'] }, 'trustedDomains', /domain names like fabrikam.com/],
    [{ trustedDomains: ['https://fabrikam.com/'] }, 'trustedDomains', /domain names like fabrikam.com/],
    [{ trustedDomains: [42] }, 'trustedDomains', /must be a string, got a number/],
    [{ trustedDomains: Array.from({ length: 101 }, (_, i) => `d${i}.com`) }, 'trustedDomains', /at most 100/],
    [{ allowInsecureHttp: 'yes' }, 'allowInsecureHttp', /true or false, got a string/],
    [{ addressPattern: { pattern: '([', example: 'a' } }, 'addressPattern.pattern', /not a valid regular expression/],
    [{ addressPattern: { pattern: '@contoso\\.com$' } }, 'addressPattern.example', /must be a string, got a undefined/],
    [{ addressPattern: { pattern: '@contoso\\.com$', example: 'me@fabrikam.com' } }, 'addressPattern.example', /does not match/],
    [
      { addressPattern: { pattern: '@contoso\\.com$', example: 'me@contoso.com' }, signInAddress: 'me@fabrikam.com' },
      'signInAddress',
      /does not match/,
    ],
  ])('rejects %j with a typed error naming the field', (json, field, message) => {
    const error = rejected(json);
    expect(error).toBeInstanceOf(AdminPolicyError);
    expect(error.name).toBe('AdminPolicyError');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('reads trustedDomains (lower-cased, leading "*." dropped) and allowInsecureHttp', () => {
    const result = parseAdminPolicy({ trustedDomains: ['Fabrikam.com', '*.partner.example', ' .hosted.net '], allowInsecureHttp: true });
    expect(result.ok && result.policy).toEqual({
      allowKeepSignedIn: true,
      trustedDomains: ['fabrikam.com', 'partner.example', 'hosted.net'],
      allowInsecureHttp: true,
    });
  });

  it('never echoes a password from a bad URL in the error', () => {
    expect(rejected({ discoveryUrl: 'https://admin:hunter2@contoso.com/' }).message).not.toContain('hunter2');
  });
});
