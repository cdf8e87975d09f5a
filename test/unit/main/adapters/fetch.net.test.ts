import { describe, expect, it } from 'vitest';
import { createNetFetch, type NetFetch } from '../../../../main/adapters/fetch.net';

describe('createNetFetch', () => {
  it('never lets Chromium follow a redirect, whatever form the request takes', async () => {
    const seen: { url: string; redirect: RequestRedirect | undefined; method: string; body: string }[] = [];
    const netFetch: NetFetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, redirect: request.redirect, method: request.method, body: await request.text() });
      return new Response(null, { status: 204 });
    };
    const fetch = createNetFetch(netFetch);
    await fetch('https://pool.contoso.com/a');
    await fetch(new URL('https://pool.contoso.com/b'), { redirect: 'follow' });
    await fetch(new Request('https://pool.contoso.com/c', { method: 'POST', body: 'x=1', redirect: 'follow' }));
    expect(seen).toEqual([
      { url: 'https://pool.contoso.com/a', redirect: 'manual', method: 'GET', body: '' },
      { url: 'https://pool.contoso.com/b', redirect: 'manual', method: 'GET', body: '' },
      { url: 'https://pool.contoso.com/c', redirect: 'manual', method: 'POST', body: 'x=1' },
    ]);
  });
});
