import { defer, firstValueFrom, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { getPresence, needsRepublish, setPresence } from '../../../../../main/core/ucwa/presence';
import type { ResourceClient, ResourceRequest } from '../../../../../main/core/ucwa/resource-client';

const HREF = 'https://pool.contoso.com/ucwa/oauth/v1/applications/1/me/presence';

function server(body: unknown): { client: ResourceClient; sent: ResourceRequest[] } {
  const sent: ResourceRequest[] = [];
  return { sent, client: { request: (r) => defer(() => (sent.push(r), of({ url: r.href, status: 200, headers: {}, body, text: '' }))) } };
}

describe('presence on the wire', () => {
  it('getPresence GETs the href and answers its availability', async () => {
    const { client, sent } = server({ availability: 'Away' });
    expect(await firstValueFrom(getPresence(client, HREF))).toBe('Away');
    expect(sent).toEqual([{ method: 'GET', href: HREF }]);
  });

  it('setPresence POSTs the chosen value, or an empty body for automatic, and completes with one value', async () => {
    const { client, sent } = server(null);
    expect(await firstValueFrom(setPresence(client, HREF, 'BeRightBack').pipe(toArray()))).toEqual([undefined]);
    await firstValueFrom(setPresence(client, HREF, null));
    expect(sent).toEqual([
      { method: 'POST', href: HREF, json: { availability: 'BeRightBack' } },
      { method: 'POST', href: HREF, json: {} },
    ]);
  });

  it('an idle variant only excuses the value it belongs to', () => {
    expect(needsRepublish('Busy', 'IdleOnline')).toBe(true);
    expect(needsRepublish('Online', 'IdleBusy')).toBe(true);
    expect(needsRepublish('DoNotDisturb', 'IdleBusy')).toBe(true);
    expect(needsRepublish('Online', 'Online')).toBe(false);
  });
});
