import { afterEach, describe, expect, it } from 'vitest';
import { photoPng } from '../../simulator/photos';
import { DANA, eventually, type Harness, startHarness } from './support/engine-harness';

const SARA = 'sip:sarad@contoso.com';
const LENE = 'sip:lenea@contoso.com';

describe('contact photos against the simulator', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function signedIn(): Promise<Harness> {
    h = await startHarness();
    let groups = 0;
    h.engine.contacts$.subscribe((list) => (groups = list.groups.length));
    await h.engine.signIn({ address: DANA.address, discoveryUrl: h.sim.rootUrl, password: DANA.password });
    await eventually(async () => groups > 0, 'first list');
    return h;
  }

  it("reads a listed contact's photo byte for byte, then a 304 for its ETag", async () => {
    const h = await signedIn();
    const href = await h.engine.directory.contactPhotoHref(SARA);
    expect(href).toMatch(/\/photos\/sarad@contoso\.com$/i);
    const answer = await h.engine.directory.contactPhoto(href!);
    if (answer.kind !== 'image') throw new Error(`expected an image, got ${answer.kind}`);
    expect(Buffer.from(answer.bytes).equals(photoPng('sarad@contoso.com'))).toBe(true);
    expect(answer.etag).toMatch(/^"[0-9a-f]+"$/);

    const since = await h.lastSeq();
    expect(await h.engine.directory.contactPhoto(href!, answer.etag)).toEqual({ kind: 'notModified' });
    expect((await h.requests(since)).map((r) => [r.method, r.status])).toEqual([['GET', 304]]);
  });

  it('learns every listed photo link from one contact-list read', async () => {
    const h = await signedIn();
    const since = await h.lastSeq();
    await Promise.all(['sip:manishc@contoso.com', SARA, 'sip:pilarp@contoso.com'].map((uri) => h.engine.directory.contactPhotoHref(uri)));
    const reads = (await h.requests(since)).filter((r) => r.method === 'GET');
    expect(reads).toHaveLength(1);
    expect(reads[0]!.path).toMatch(/\/people\/contacts$/i);
  });

  it('answers none for a contact without a photo (the server says 404)', async () => {
    const h = await signedIn();
    const href = await h.engine.directory.contactPhotoHref(LENE);
    expect(await h.engine.directory.contactPhoto(href!)).toEqual({ kind: 'none' });
  });

  it('rejects for an outage, so the photo cache keeps what it has', async () => {
    const h = await signedIn();
    const href = (await h.engine.directory.contactPhotoHref(SARA))!;
    await h.injectFault({ method: 'GET', path: '/photos/' }, { type: 'status', status: 503 });
    await expect(h.engine.directory.contactPhoto(href)).rejects.toMatchObject({ reason: 'failed' });
  });
});
