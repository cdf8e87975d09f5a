/**
 * Discovery and OAuth (ucwa-protocol.md §1–§2, §10): root and user resources, the 401 MsRtcOAuth
 * challenge, the password grant and its errors, and token checks on every UCWA request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { challenges, msRtcOAuth, send, type Reply } from './support/http';
import { hasLink, link, obj } from './support/json';
import { DANA, Sim } from './support/sim';
import { Session, discover, requestToken } from './support/ucwa';

let sim: Sim;
beforeEach(async () => {
  sim = await Sim.start();
});
afterEach(async () => {
  await sim.stop();
});

/** Asserts the documented 401 challenge: both WWW-Authenticate schemes and an HTML body. */
function expectChallenge(reply: Reply): void {
  expect(reply.status).toBe(401);
  const all = challenges(reply.headers);
  expect(all.some((c) => /^Bearer\s/i.test(c) && /trusted_issuers="/i.test(c) && /client_id="/i.test(c))).toBe(true);
  const oauth = msRtcOAuth(reply.headers);
  expect(oauth).toBeDefined();
  expect(oauth?.grantTypes).toContain('password');
  expect(new URL(oauth?.href ?? '', reply.url).pathname.toLowerCase()).toBe('/webticket/oauthtoken');
  expect(reply.contentType).toMatch(/text\/html/i);
  expect(reply.text).toMatch(/<html/i);
}

describe('root discovery', () => {
  it('answers the root with self, user and xframe links as JSON', async () => {
    const reply = await send(sim.rootUrl);
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/application\/json/);
    for (const rel of ['self', 'user', 'xframe']) expect(hasLink(reply.json, rel)).toBe(true);
    expect(new URL(link(reply.json, 'user', reply.url)).pathname.toLowerCase()).toBe(
      '/autodiscover/autodiscoverservice.svc/root/oauth/user',
    );
  });

  it('matches the root path case-insensitively, as IIS does', async () => {
    for (const path of ['/autodiscover/autodiscoverservice.svc/root', '/AUTODISCOVER/AutoDiscoverService.SVC/ROOT']) {
      const reply = await send(`${sim.origin}${path}?originalDomain=contoso.com`);
      expect(reply.status, path).toBe(200);
      expect(hasLink(reply.json, 'user')).toBe(true);
    }
  });

  it('challenges an unauthenticated user GET with both WWW-Authenticate headers and an HTML body', async () => {
    const root = await send(sim.rootUrl);
    expectChallenge(await send(link(root.json, 'user', root.url)));
  });

  it('challenges a user GET with a forged token', async () => {
    const { userUrl } = await discover(sim);
    expectChallenge(await send(userUrl, { token: 'cwt=forged' }));
  });

  it('gives the applications link once the user GET carries a valid token', async () => {
    const { userUrl, tokenUrl } = await discover(sim);
    const token = obj((await requestToken(tokenUrl, DANA.user, DANA.password)).json)['access_token'];
    const reply = await send(userUrl, { token: String(token) });
    expect(reply.status).toBe(200);
    for (const rel of ['self', 'applications', 'xframe']) expect(hasLink(reply.json, rel)).toBe(true);
    expect(new URL(link(reply.json, 'applications', reply.url)).pathname).toBe('/ucwa/oauth/v1/applications');
  });
});

describe('token endpoint (password grant)', () => {
  it('issues a Bearer token whose access_token starts with cwt=', async () => {
    const { tokenUrl } = await discover(sim);
    const reply = await requestToken(tokenUrl, DANA.user, DANA.password);
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/application\/json/);
    const body = obj(reply.json);
    expect(body['token_type']).toBe('Bearer');
    expect(String(body['access_token'])).toMatch(/^cwt=.+/);
    expect(body['ms_rtc_identityscope']).toBe('local');
    expect(typeof body['expires_in']).toBe('number');
    expect(body['expires_in']).toBeGreaterThan(28_800 - 120);
    expect(body['expires_in']).toBeLessThanOrEqual(28_800);
  });

  it('reports the configured token lifetime in expires_in', async () => {
    await sim.patchConfig({ tokenLifetimeSeconds: 3600 });
    const { tokenUrl } = await discover(sim);
    const body = obj((await requestToken(tokenUrl, DANA.user, DANA.password)).json);
    expect(body['expires_in']).toBeGreaterThan(3600 - 120);
    expect(body['expires_in']).toBeLessThanOrEqual(3600);
  });

  it('accepts the MS samples\' quoted charset form', async () => {
    const { tokenUrl } = await discover(sim);
    const reply = await send(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': "application/x-www-form-urlencoded;charset='utf-8'" },
      body: new URLSearchParams({ grant_type: 'password', username: DANA.user, password: DANA.password }).toString(),
    });
    expect(reply.status).toBe(200);
  });

  it('answers a wrong password with 400 invalid_grant JSON', async () => {
    const { tokenUrl } = await discover(sim);
    const reply = await requestToken(tokenUrl, DANA.user, 'not-the-password');
    expect(reply.status).toBe(400);
    expect(reply.contentType).toMatch(/application\/json/);
    expect(obj(reply.json)['error']).toBe('invalid_grant');
    expect(reply.text).not.toContain('not-the-password');
  });

  it('answers an unknown user with 400 invalid_grant', async () => {
    const { tokenUrl } = await discover(sim);
    const reply = await requestToken(tokenUrl, 'nobody@contoso.com', DANA.password);
    expect(reply.status).toBe(400);
    expect(obj(reply.json)['error']).toBe('invalid_grant');
  });

  it('answers an unsupported grant with 400 unsupported_grant_type', async () => {
    const { tokenUrl } = await discover(sim);
    const reply = await requestToken(tokenUrl, DANA.user, DANA.password, 'client_credentials');
    expect(reply.status).toBe(400);
    expect(obj(reply.json)['error']).toBe('unsupported_grant_type');
  });
});

describe('token checks on UCWA resources', () => {
  it('challenges a UCWA request without a token, and with an unknown token', async () => {
    const session = await Session.signIn(sim);
    expectChallenge(await send(session.applicationsUrl, { method: 'POST', body: { UserAgent: 'x', EndpointId: 'y', Culture: 'en-US' } }));
    expectChallenge(await send(session.applicationsUrl, { method: 'POST', token: 'cwt=forged', body: { UserAgent: 'x', EndpointId: 'y', Culture: 'en-US' } }));
  });

  it('challenges requests on an existing application without a valid token', async () => {
    const session = await Session.signIn(sim);
    const app = await session.createApp();
    expectChallenge(await send(app.self));
    expectChallenge(await send(app.meLink('self'), { token: 'cwt=forged' }));
    expectChallenge(await send(app.eventsUrl));
  });

  it('expires tokens after their lifetime; a renewed token keeps working with the same application', async () => {
    await sim.patchConfig({ tokenLifetimeSeconds: 600 });
    const session = await Session.signIn(sim);
    const app = await session.createApp();
    // Keep the application alive (no reaping) while the token lapses: 601 s < 15 min.
    await sim.advance(601);
    expectChallenge(await session.get(app.self));
    await session.renewToken();
    expect((await session.get(app.self)).status).toBe(200);
  });

  it('embeds the signed-in user as me', async () => {
    const session = await Session.signIn(sim);
    const app = await session.createApp();
    const me = obj(app.me);
    expect(String(me['uri']).toLowerCase()).toBe(DANA.sip);
    expect(me['name']).toBe(DANA.name);
  });
});
