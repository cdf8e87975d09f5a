import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createTokenLifecycle } from '../../../../../main/core/engine/token-lifecycle';
import type { FetchLike } from '../../../../../main/core/ports';
import { ORIGIN, recordingLogger } from './fake-client';

const CHALLENGE = { tokenUrl: `${ORIGIN}/WebTicket/oauthtoken`, grantTypes: ['password'] };

function lifecycle() {
  const grants: string[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    grants.push(await request.text());
    return new Response(JSON.stringify({ access_token: `cwt=T${grants.length}`, token_type: 'Bearer', expires_in: 28_800 }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  let authenticating = 0;
  const tokens = createTokenLifecycle({
    fetch,
    scheduler: new VirtualTimeScheduler(),
    logger: recordingLogger().logger,
    timeoutMs: 1_000,
    maxBodyBytes: 65_536,
    admit: () => Promise.resolve(),
    onAuthenticate: () => (authenticating += 1),
  });
  return { tokens, grants, authenticating: () => authenticating };
}

describe('token lifecycle', () => {
  it('refuses to authenticate between sign-ins, without asking for a token', async () => {
    const { tokens, grants, authenticating } = lifecycle();
    await expect(tokens.authenticator.authenticate(ORIGIN, CHALLENGE, undefined)).rejects.toMatchObject({ status: 401 });
    expect(tokens.authenticator.authorization(ORIGIN)).toBeUndefined();
    expect(grants).toEqual([]);
    expect(authenticating()).toBe(0);
  });

  it('authenticates with the sign-in credentials (sip: stripped) and says so first', async () => {
    const { tokens, grants, authenticating } = lifecycle();
    tokens.begin('sip:dana@contoso.com', 'secret');
    await tokens.authenticator.authenticate(ORIGIN, CHALLENGE, undefined);
    expect(authenticating()).toBe(1);
    expect(new URLSearchParams(grants[0]).get('username')).toBe('dana@contoso.com');
    expect(new URLSearchParams(grants[0]).get('password')).toBe('secret');
    expect(tokens.authenticator.authorization(ORIGIN)).toBe('Bearer cwt=T1');
  });

  it('clear() forgets the tokens but keeps the credentials; end() and dispose() forget both', async () => {
    const { tokens, grants } = lifecycle();
    tokens.begin('dana@contoso.com', 'secret');
    await tokens.authenticator.authenticate(ORIGIN, CHALLENGE, undefined);
    tokens.clear();
    expect(tokens.authenticator.authorization(ORIGIN)).toBeUndefined();
    await tokens.authenticator.authenticate(ORIGIN, CHALLENGE, undefined);
    expect(grants).toHaveLength(2);
    tokens.end();
    expect(tokens.authenticator.authorization(ORIGIN)).toBeUndefined();
    await expect(tokens.authenticator.authenticate(ORIGIN, CHALLENGE, undefined)).rejects.toMatchObject({ status: 401 });
    tokens.begin('dana@contoso.com', 'secret');
    tokens.dispose();
    await expect(tokens.authenticator.authenticate(ORIGIN, CHALLENGE, undefined)).rejects.toMatchObject({ status: 401 });
    expect(grants).toHaveLength(2);
  });
});
