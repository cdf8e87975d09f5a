import { describe, expect, it } from 'vitest';
import { findMsRtcOAuth, parseWwwAuthenticate } from '../../../../../main/core/ucwa/www-authenticate';

const BEARER =
  'Bearer trusted_issuers="00000002-0000-0ff1-ce00-000000000000@contoso.com", client_id="00000004-0000-0ff1-ce00-000000000000"';
const MSRTC =
  'MsRtcOAuth href="https://lyncweb.contoso.com/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password"';

describe('parseWwwAuthenticate', () => {
  it('parses two separate headers', () => {
    const challenges = parseWwwAuthenticate([BEARER, MSRTC]);
    expect(challenges.map((c) => c.scheme)).toEqual(['bearer', 'msrtcoauth']);
    expect(challenges[0]?.params['client_id']).toBe('00000004-0000-0ff1-ce00-000000000000');
    expect(challenges[1]?.params['grant_type']).toBe('urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password');
  });

  it('parses the same challenges folded into one header (fetch joins with ", ")', () => {
    const folded = parseWwwAuthenticate(`${BEARER}, ${MSRTC}`);
    expect(folded).toEqual(parseWwwAuthenticate([BEARER, MSRTC]));
  });

  it('accepts the MsRtcOAuth challenge first, unquoted tokens, spaces around "=" and escaped quotes', () => {
    const challenges = parseWwwAuthenticate('MsRtcOAuth grant_type = password , href="https://x/t?a=\\"b\\"", Negotiate');
    expect(challenges).toHaveLength(2);
    expect(challenges[0]?.params).toEqual({ grant_type: 'password', href: 'https://x/t?a="b"' });
    expect(challenges[1]?.scheme).toBe('negotiate');
  });

  it('keeps token68 credentials and survives garbage', () => {
    expect(parseWwwAuthenticate('Negotiate abc123==')[0]?.params['']).toBe('abc123==');
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(() => parseWwwAuthenticate('=,,"unterminated')).not.toThrow();
  });
});

describe('findMsRtcOAuth', () => {
  it('returns the absolute token URL and the advertised grants', () => {
    const found = findMsRtcOAuth(parseWwwAuthenticate([BEARER, MSRTC]), 'https://lyncweb.contoso.com/user');
    expect(found).toEqual({
      tokenUrl: 'https://lyncweb.contoso.com/WebTicket/oauthtoken',
      grantTypes: ['urn:microsoft.rtc:windows', 'urn:microsoft.rtc:anonmeeting', 'password'],
    });
  });

  it('resolves a relative href against the answering URL', () => {
    const found = findMsRtcOAuth(parseWwwAuthenticate('MsRtcOAuth href="/WebTicket/oauthtoken",grant_type="password"'), 'http://127.0.0.1:9/ucwa/x');
    expect(found?.tokenUrl).toBe('http://127.0.0.1:9/WebTicket/oauthtoken');
  });

  it('is undefined without an MsRtcOAuth challenge', () => {
    expect(findMsRtcOAuth(parseWwwAuthenticate(BEARER), 'https://a/')).toBeUndefined();
  });

  it('keeps a parameter named __proto__ as data, never as the prototype of the parameters', () => {
    const [challenge] = parseWwwAuthenticate('Basic __proto__="x", realm=r');
    expect(Object.keys(challenge!.params)).toEqual(['__proto__', 'realm']);
    expect(Object.getOwnPropertyDescriptor(challenge!.params, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(challenge!.params)).toBe(Object.prototype);
  });
});
