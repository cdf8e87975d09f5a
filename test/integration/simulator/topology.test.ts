/**
 * Optional topologies of the simulator contract (ucwa-protocol.md §10 ⚙, §1.2, §2.4): a root that
 * answers with a `redirect` link, and applications on a second origin that needs its own token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { msRtcOAuth, send } from './support/http';
import { hasLink, link, linkRels, obj, str } from './support/json';
import { DANA, Sim } from './support/sim';
import { APP_BODY, discover, requestToken } from './support/ucwa';

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('rootRedirect', () => {
  it('answers the root with only a redirect link; following it reaches a root with the user link', async () => {
    sim = await Sim.start({ rootRedirect: true });
    const first = await send(sim.rootUrl);
    expect(first.status).toBe(200);
    expect(linkRels(first.json)).toEqual(['redirect']);
    const second = await send(link(first.json, 'redirect', first.url));
    expect(second.status).toBe(200);
    expect(hasLink(second.json, 'user')).toBe(true);
  });
});

describe('splitApplicationsHost', () => {
  it('puts applications on another origin whose token must be fetched from its own challenge', async () => {
    sim = await Sim.start({ splitApplicationsHost: true });
    const { userUrl, tokenUrl } = await discover(sim);
    const firstToken = str(obj((await requestToken(tokenUrl, DANA.user, DANA.password)).json)['access_token']);
    const user = await send(userUrl, { token: firstToken });
    const applicationsUrl = link(user.json, 'applications', user.url);
    expect(new URL(applicationsUrl).origin).not.toBe(new URL(userUrl).origin);

    // The token is scoped to the host it was issued for (§2.4): a new challenge at the pool.
    const refused = await send(applicationsUrl, { method: 'POST', token: firstToken, body: APP_BODY });
    expect(refused.status).toBe(401);
    const challenge = msRtcOAuth(refused.headers);
    expect(challenge).toBeDefined();
    const poolTokenUrl = new URL(challenge?.href ?? '', refused.url).toString();
    const poolToken = str(obj((await requestToken(poolTokenUrl, DANA.user, DANA.password)).json)['access_token']);
    const created = await send(applicationsUrl, { method: 'POST', token: poolToken, body: APP_BODY });
    expect(created.status).toBe(201);
  });
});
