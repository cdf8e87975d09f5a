import { describe, expect, it } from 'vitest';
import { createSignInTrust } from '../../../../../main/core/engine/sign-in-trust';
import { DEFAULT_TRUST_POLICY } from '../../../../../main/core/ucwa/trust';

const FOREIGN = 'https://lync.fabrikam.com/ucwa';

describe('sign-in trust', () => {
  it('applies only the https rule between sign-ins', async () => {
    const trust = createSignInTrust(DEFAULT_TRUST_POLICY, undefined, new Map());
    expect(trust.gate).toBeUndefined();
    await expect(trust.admit(FOREIGN)).resolves.toBeUndefined();
    await expect(trust.admit('http://pool.contoso.com/')).rejects.toThrow(/not encrypted/);
  });

  it("refuses hosts outside the sign-in's domain while signing in, and only then", async () => {
    const trust = createSignInTrust(DEFAULT_TRUST_POLICY, undefined, new Map());
    trust.begin({ address: 'dana@contoso.com' });
    expect(trust.gate?.context.signInDomain).toBe('contoso.com');
    await expect(trust.admit('https://pool.contoso.com/ucwa')).resolves.toBeUndefined();
    await expect(trust.admit(FOREIGN)).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    trust.end();
    expect(trust.gate).toBeUndefined();
    await expect(trust.admit(FOREIGN)).resolves.toBeUndefined();
  });

  it('asks the user about a foreign host once and remembers the answer beyond the sign-in', async () => {
    const asked: string[] = [];
    const memory = new Map<string, boolean>();
    const trust = createSignInTrust(DEFAULT_TRUST_POLICY, (domain, host) => (asked.push(`${domain} ${host}`), Promise.resolve(true)), memory);
    trust.begin({ address: 'dana@contoso.com' });
    await trust.admit(FOREIGN);
    trust.dispose();
    trust.begin({ address: 'dana@contoso.com' });
    await trust.admit(FOREIGN);
    expect(asked).toEqual(['contoso.com lync.fabrikam.com']);
    expect([...memory.entries()]).toEqual([['contoso.com lync.fabrikam.com', true]]);
  });
});
