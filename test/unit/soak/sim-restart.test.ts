import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import { simControl } from '../../support/sim-control';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('POST /_sim/restart (the soak’s pool restart)', () => {
  let sim: SimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.stop();
  });

  it('forgets every application (plain 404 ApplicationNotFound) and keeps tokens and the directory', async () => {
    sim = await startSimulator();
    const control = simControl(sim.origin);
    const tokenRes = await fetch(`${sim.origin}/WebTicket/oauthtoken`, { method: 'POST', headers: FORM, body: 'grant_type=password&username=dana%40contoso.com&password=Passw0rd%21' });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const auth = { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
    const appsUrl = `${sim.origin}/ucwa/oauth/v1/applications`;
    const create = () => fetch(appsUrl, { method: 'POST', headers: auth, body: JSON.stringify({ userAgent: 't', endpointId: 'e', culture: 'en-US' }) });
    const created = await create();
    expect(created.status).toBe(201);
    const appUrl = new URL(created.headers.get('location') ?? '', sim.origin).toString();
    expect((await fetch(appUrl, { headers: auth })).status).toBe(200);
    const groupsBefore = ((await control('GET', '/_sim/users/dana@contoso.com')) as { groups: unknown[] }).groups;

    expect(await control('POST', '/_sim/restart')).toEqual({ forgotten: 1 });

    const gone = await fetch(appUrl, { headers: auth });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { subcode?: string }).subcode).toBe('ApplicationNotFound');
    const user = (await control('GET', '/_sim/users/dana@contoso.com')) as { applications: unknown[]; groups: unknown[] };
    expect(user.applications).toEqual([]);
    expect(user.groups).toEqual(groupsBefore);
    expect((await create()).status).toBe(201);
  });
});
