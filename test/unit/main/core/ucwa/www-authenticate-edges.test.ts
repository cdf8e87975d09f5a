import { describe, expect, it } from 'vitest';
import { findMsRtcOAuth, parseWwwAuthenticate } from '../../../../../main/core/ucwa/www-authenticate';

describe('parseWwwAuthenticate, edges a server or proxy can send', () => {
  it('lower-cases schemes and parameter names, keeps values as sent', () => {
    expect(parseWwwAuthenticate('MSRTCOAUTH HREF="https://X/Token",Grant_Type=Password')).toEqual([
      { scheme: 'msrtcoauth', params: { href: 'https://X/Token', grant_type: 'Password' } },
    ]);
  });

  it('tabs count as spaces around names, "=" and values', () => {
    expect(parseWwwAuthenticate('\tBearer\trealm\t=\t"r",\tMsRtcOAuth\thref="h"')).toEqual([
      { scheme: 'bearer', params: { realm: 'r' } },
      { scheme: 'msrtcoauth', params: { href: 'h' } },
    ]);
  });

  it('a scheme without parameters followed by another challenge', () => {
    expect(parseWwwAuthenticate('Negotiate, NTLM, MsRtcOAuth href="h"')).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'ntlm', params: {} },
      { scheme: 'msrtcoauth', params: { href: 'h' } },
    ]);
  });

  it('token68 runs to the next comma and is trimmed; "==" padding is not a parameter', () => {
    expect(parseWwwAuthenticate('Negotiate abc== , MsRtcOAuth href="h"')).toEqual([
      { scheme: 'negotiate', params: { '': 'abc==' } },
      { scheme: 'msrtcoauth', params: { href: 'h' } },
    ]);
    expect(parseWwwAuthenticate('Negotiate a==b')).toEqual([{ scheme: 'negotiate', params: { '': 'a==b' } }]);
  });

  it('parameters run until a comma followed by a new scheme', () => {
    expect(parseWwwAuthenticate('Bearer realm="r", scope=s , Basic realm="b"')).toEqual([
      { scheme: 'bearer', params: { realm: 'r', scope: 's' } },
      { scheme: 'basic', params: { realm: 'b' } },
    ]);
    expect(parseWwwAuthenticate('Bearer realm="r", scope=s')).toEqual([{ scheme: 'bearer', params: { realm: 'r', scope: 's' } }]);
  });

  it('a quoted value keeps commas, spaces and "=", undoes escapes; an unterminated one ends at the input end', () => {
    expect(parseWwwAuthenticate('MsRtcOAuth grant_type="a, b=c",href="x\\\\y"')[0]?.params).toEqual({ grant_type: 'a, b=c', href: 'x\\y' });
    expect(parseWwwAuthenticate('MsRtcOAuth href="https://x/t')[0]?.params).toEqual({ href: 'https://x/t' });
    expect(parseWwwAuthenticate('MsRtcOAuth href="ends with backslash\\')[0]?.params['href']).toBe('ends with backslash\\');
  });

  it('stray characters before a scheme are skipped, not taken as part of it', () => {
    expect(parseWwwAuthenticate('  ;; MsRtcOAuth href="h"').map((c) => c.scheme)).toEqual(['msrtcoauth']);
    expect(parseWwwAuthenticate('@Bearer').map((c) => c.scheme)).toEqual(['bearer']);
  });

  it('joins several header values with ", "', () => {
    expect(parseWwwAuthenticate(['Bearer realm=r', 'MsRtcOAuth href=h'])).toEqual([
      { scheme: 'bearer', params: { realm: 'r' } },
      { scheme: 'msrtcoauth', params: { href: 'h' } },
    ]);
  });
});

describe('findMsRtcOAuth, edges', () => {
  const base = 'https://pool.contoso.com/ucwa/x';

  it('no href, or an empty one, is no challenge we can answer', () => {
    expect(findMsRtcOAuth(parseWwwAuthenticate('MsRtcOAuth grant_type="password"'), base)).toBeUndefined();
    expect(findMsRtcOAuth(parseWwwAuthenticate('MsRtcOAuth href="",grant_type="password"'), base)).toBeUndefined();
  });

  it('an href that is not a URL is no challenge (never a token request to garbage)', () => {
    expect(findMsRtcOAuth(parseWwwAuthenticate('MsRtcOAuth href="http://[bad"'), base)).toBeUndefined();
  });

  it('no grant_type means no grants; blanks and empties between commas are dropped', () => {
    expect(findMsRtcOAuth(parseWwwAuthenticate('MsRtcOAuth href="/t"'), base)).toEqual({ tokenUrl: 'https://pool.contoso.com/t', grantTypes: [] });
    expect(findMsRtcOAuth(parseWwwAuthenticate('MsRtcOAuth href="/t",grant_type=" password , ,urn:x,"'), base)?.grantTypes).toEqual(['password', 'urn:x']);
  });

  it('takes the MsRtcOAuth challenge, not the first one with an href', () => {
    expect(findMsRtcOAuth(parseWwwAuthenticate('Other href="https://evil.example/t", MsRtcOAuth href="/t"'), base)?.tokenUrl).toBe('https://pool.contoso.com/t');
  });

  it('empty list elements between parameters are ignored: the grants after them stay with their challenge', () => {
    expect(parseWwwAuthenticate('Bearer realm="r",, scope=s')).toEqual([{ scheme: 'bearer', params: { realm: 'r', scope: 's' } }]);
    expect(findMsRtcOAuth(parseWwwAuthenticate('MsRtcOAuth href="/t", ,grant_type="password"'), base)).toEqual({
      tokenUrl: 'https://pool.contoso.com/t',
      grantTypes: ['password'],
    });
  });
});
