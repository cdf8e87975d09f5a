import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createDiscoveryCache } from '../../../../../main/core/engine/discovery-cache';
import { createTrustGate, trustContext } from '../../../../../main/core/ucwa/trust';
import { ScriptedClient } from './fake-client';

const ROOT = 'https://lyncdiscover.contoso.com/';
const REQUEST = { address: 'dana@contoso.com', discoveryUrl: ROOT };

function client(applications: string): ScriptedClient {
  return new ScriptedClient()
    .on('GET /', { _links: { user: { href: '/user' } } })
    .on('GET /user', { _links: { applications: { href: applications } } });
}

describe('discovery cache', () => {
  it('discovers once and answers from the cache after that', async () => {
    const server = client('https://pool.contoso.com/ucwa/oauth/v1/applications');
    let discovering = 0;
    const cache = createDiscoveryCache(server, () => undefined, () => (discovering += 1));
    const href = await firstValueFrom(cache.applications$(REQUEST));
    expect(href).toBe('https://pool.contoso.com/ucwa/oauth/v1/applications');
    await expect(firstValueFrom(cache.applications$(REQUEST))).resolves.toBe(href);
    expect(server.calls).toEqual(['GET /', 'GET /user']);
    expect(discovering).toBe(1);
  });

  it('discovers again after forget() and after dispose()', async () => {
    const server = client('/ucwa/oauth/v1/applications');
    let discovering = 0;
    const cache = createDiscoveryCache(server, () => undefined, () => (discovering += 1));
    await firstValueFrom(cache.applications$(REQUEST));
    cache.forget();
    await firstValueFrom(cache.applications$(REQUEST));
    cache.dispose();
    await firstValueFrom(cache.applications$(REQUEST));
    expect(discovering).toBe(3);
    expect(server.calls).toHaveLength(6);
  });

  it("discovers through the sign-in's gate", async () => {
    const server = client('https://lync.fabrikam.com/ucwa/oauth/v1/applications');
    const gate = createTrustGate(trustContext('contoso.com', ROOT), undefined, new Map());
    const cache = createDiscoveryCache(server, () => gate, () => undefined);
    await expect(firstValueFrom(cache.applications$(REQUEST))).rejects.toMatchObject({ error: { reason: 'untrustedHost' } });
    await expect(firstValueFrom(createDiscoveryCache(server, () => undefined, () => undefined).applications$(REQUEST))).resolves.toBe(
      'https://lync.fabrikam.com/ucwa/oauth/v1/applications',
    );
  });
});
