import { defer, firstValueFrom, type Observable, of, throwError, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { makeMeAvailable } from '../../../../../main/core/ucwa/me';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const HREF = 'https://pool.contoso.com/ucwa/oauth/v1/applications/1/me/makeMeAvailable';

function answering(answer: () => Observable<ResourceResponse>): { client: ResourceClient; sent: ResourceRequest[] } {
  const sent: ResourceRequest[] = [];
  return { sent, client: { request: (r) => defer(() => (sent.push(r), answer())) } };
}

describe('makeMeAvailable', () => {
  it('POSTs the modalities and signInAs to the href, and says signInAs was applied', async () => {
    const { client, sent } = answering(() => of({ url: HREF, status: 204, headers: {}, body: null, text: '' }));
    expect(await firstValueFrom(makeMeAvailable(client, HREF, 'Busy').pipe(toArray()))).toEqual([true]);
    expect(sent).toEqual([{ method: 'POST', href: HREF, json: { SupportedModalities: ['Messaging'], signInAs: 'Busy' } }]);
  });

  it('a 409 AlreadyExists is fine: we are available, but signInAs was not applied', async () => {
    const { client } = answering(() => throwError(() => new UcwaError('http', 'x', { status: 409, subcode: 'AlreadyExists' })));
    expect(await firstValueFrom(makeMeAvailable(client, HREF, null).pipe(toArray()))).toEqual([false]);
  });

  it('any other failure is the caller’s, unchanged', async () => {
    const error = new UcwaError('http', 'x', { status: 409, subcode: 'PGetReplaced' });
    const { client } = answering(() => throwError(() => error));
    await expect(firstValueFrom(makeMeAvailable(client, HREF, null))).rejects.toBe(error);
  });
});
