import { describe, expect, it } from 'vitest';
import { challengeHeaders, challengeResponse, handleTokenRequest, TokenStore, tokenOf } from '../../simulator/auth';
import { SimClock } from '../../simulator/clock';
import { Directory } from '../../simulator/directory';

const FORM = 'application/x-www-form-urlencoded;charset=UTF-8';
const directory = new Directory({ users: [{ uri: 'sip:dana@contoso.com', name: 'Dana', password: 'Passw0rd!' }] });

describe('challenge', () => {
  it('builds the Bearer and MsRtcOAuth challenges with the token URL and password grant', () => {
    const [bearer, msrtc] = challengeHeaders('http://h/WebTicket/oauthtoken');
    expect(bearer).toMatch(/^Bearer trusted_issuers="[^"]+", client_id="[^"]+"$/);
    expect(msrtc).toBe('MsRtcOAuth href="http://h/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password"');
  });

  it('answers 401 with an HTML body and both headers', () => {
    const res = challengeResponse('http://h/t');
    expect(res.status).toBe(401);
    expect(res.headers?.['content-type']).toBe('text/html');
    expect(res.headers?.['www-authenticate']).toHaveLength(2);
    expect(res.body).toContain('<html');
  });
});

describe('token endpoint', () => {
  const issue = (body: string, type = FORM) => {
    const clock = new SimClock(() => 0);
    const tokens = new TokenStore(clock);
    return { res: handleTokenRequest(type, body, directory, tokens, 'http://h', 28800), tokens, clock };
  };

  it('grants a Bearer cwt= token for good credentials, any case and with sip:', () => {
    const { res, tokens } = issue('grant_type=password&username=SIP%3ADana%40Contoso.com&password=Passw0rd%21');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body!) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 28800, ms_rtc_identityscope: 'local' });
    expect(String(body['access_token'])).toMatch(/^cwt=/);
    expect(tokens.userFor(`Bearer ${String(body['access_token'])}`, 'http://h')).toBe('sip:dana@contoso.com');
    expect(tokens.userFor(`Bearer ${String(body['access_token'])}`, 'http://other')).toBeUndefined();
  });

  it('says invalid_grant for a wrong password and unsupported_grant_type for other grants', () => {
    expect(JSON.parse(issue('grant_type=password&username=dana@contoso.com&password=nope').res.body!)).toEqual({ error: 'invalid_grant' });
    const other = issue('grant_type=urn:microsoft.rtc:windows').res;
    expect(other.status).toBe(400);
    expect(JSON.parse(other.body!)).toEqual({ error: 'unsupported_grant_type' });
  });

  it('expires tokens on the simulated clock and honours revocation', () => {
    const { res, tokens, clock } = issue('grant_type=password&username=dana@contoso.com&password=Passw0rd!');
    const header = `Bearer ${String((JSON.parse(res.body!) as Record<string, unknown>)['access_token'])}`;
    clock.advance(28_799);
    expect(tokens.userFor(header, 'http://h')).toBeDefined();
    tokens.revoke(header);
    expect(tokens.userFor(header, 'http://h')).toBeUndefined();
    clock.stop();
  });

  it('parses the bearer token case-insensitively and rejects other schemes', () => {
    expect(tokenOf('bearer cwt=abc')).toBe('cwt=abc');
    expect(tokenOf('cwt cwt=abc')).toBeUndefined();
    expect(tokenOf(undefined)).toBeUndefined();
  });
});
