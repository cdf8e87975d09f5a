import { defer, firstValueFrom, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createApplication, deleteApplication, getApplication, parseApplication } from '../../../../../main/core/ucwa/application';
import type { ResourceClient, ResourceRequest } from '../../../../../main/core/ucwa/resource-client';

const APPS = 'https://pool.contoso.com/ucwa/oauth/v1/applications';
const SELF = `${APPS}/7`;
const BODY = { _links: { self: { href: '/ucwa/oauth/v1/applications/7' }, events: { href: 'applications/7/events?ack=1' } } };

function server(url: string, body: unknown): { client: ResourceClient; sent: ResourceRequest[] } {
  const sent: ResourceRequest[] = [];
  return { sent, client: { request: (r) => defer(() => (sent.push(r), of({ url, status: 200, headers: {}, body, text: '' }))) } };
}

describe('application on the wire', () => {
  it('createApplication POSTs the identity and resolves links against the answer’s URL', async () => {
    const { client, sent } = server('https://fe2.contoso.com/ucwa/oauth/v1/applications', BODY);
    const app = await firstValueFrom(createApplication(client, APPS, { userAgent: 'tray/1', endpointId: 'e-9', culture: 'de-DE' }));
    expect(sent).toEqual([{ method: 'POST', href: APPS, json: { UserAgent: 'tray/1', EndpointId: 'e-9', Culture: 'de-DE' } }]);
    expect(app).toEqual({
      self: 'https://fe2.contoso.com/ucwa/oauth/v1/applications/7',
      events: 'https://fe2.contoso.com/ucwa/oauth/v1/applications/7/events?ack=1',
      batch: undefined,
      me: {},
      people: {},
    });
  });

  it('getApplication GETs the self href', async () => {
    const { client, sent } = server(SELF, BODY);
    expect((await firstValueFrom(getApplication(client, SELF))).self).toBe(SELF);
    expect(sent).toEqual([{ method: 'GET', href: SELF }]);
  });

  it('deleteApplication DELETEs the self href and completes with one value', async () => {
    const { client, sent } = server(SELF, null);
    expect(await firstValueFrom(deleteApplication(client, SELF).pipe(toArray()))).toEqual([undefined]);
    expect(sent).toEqual([{ method: 'DELETE', href: SELF }]);
  });

  it('the batch link is read from the application’s own links, not from embedded ones', () => {
    const app = parseApplication({ ...BODY, _embedded: { me: { _links: { batch: { href: '/x' } } } } }, SELF);
    expect(app.batch).toBeUndefined();
    expect(app.me).toEqual({ batch: 'https://pool.contoso.com/x' });
  });
});
