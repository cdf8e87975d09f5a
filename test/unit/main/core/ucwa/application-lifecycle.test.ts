import { defer, firstValueFrom, type Observable, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../../../main/core/ports';
import { createApplicationOwner } from '../../../../../main/core/ucwa/application-lifecycle';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const APPS = 'https://pool.contoso.com/ucwa/oauth/v1/applications';
const IDENTITY = { userAgent: 'test/1', endpointId: 'e-1', culture: 'en-US' };

/** Creates applications 1, 2, 3…; DELETEs answer with the next status in `deleteAnswers` (204 when empty). */
class FakeServer implements ResourceClient {
  readonly calls: string[] = [];
  readonly deleteAnswers: number[] = [];
  private next = 1;

  request(request: ResourceRequest): Observable<ResourceResponse> {
    return defer(() => {
      const path = new URL(request.href).pathname.replace('/ucwa/oauth/v1/applications', '~');
      this.calls.push(`${request.method} ${path}`);
      if (request.method === 'POST') {
        const id = this.next++;
        const self = `/ucwa/oauth/v1/applications/${id}`;
        return of({
          url: request.href,
          status: 201,
          headers: {},
          text: '',
          body: { _links: { self: { href: self }, events: { href: `${self}/events?ack=1` } }, _embedded: { me: { _links: {} }, people: { _links: {} } } },
        });
      }
      const status = this.deleteAnswers.shift() ?? 204;
      if (status >= 400) return throwError(() => new UcwaError(status === 0 ? 'network' : 'http', 'x', { status }));
      return of({ url: request.href, status, headers: {}, text: '', body: null });
    });
  }
}

const quiet: Logger = { log: () => undefined };

describe('application owner', () => {
  it('deletes the application it stopped using before creating the next one', async () => {
    const server = new FakeServer();
    const owner = createApplicationOwner(server, quiet);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    owner.retire(false);
    const second = await firstValueFrom(owner.create$(APPS, IDENTITY));
    expect(server.calls).toEqual(['POST ~', 'DELETE ~/1', 'POST ~']);
    expect(owner.current?.self).toBe(second.self);
  });

  it('does not delete an application the server already ended', async () => {
    const server = new FakeServer();
    const owner = createApplicationOwner(server, quiet);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    owner.retire(true);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    expect(server.calls).toEqual(['POST ~', 'POST ~']);
  });

  it('a DELETE that fails is tried again right after the new application exists, and at the end', async () => {
    const server = new FakeServer();
    server.deleteAnswers.push(503, 503);
    const owner = createApplicationOwner(server, quiet);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    owner.retire(false);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    expect(server.calls).toEqual(['POST ~', 'DELETE ~/1', 'POST ~', 'DELETE ~/1']);
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls.slice(4)).toEqual(['DELETE ~/1', 'DELETE ~/2']);
    server.calls.length = 0;
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls).toEqual([]); // nothing left to delete
  });

  it('404 on a DELETE means already gone: not tried again', async () => {
    const server = new FakeServer();
    server.deleteAnswers.push(404);
    const owner = createApplicationOwner(server, quiet);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls).toEqual(['POST ~', 'DELETE ~/1']);
  });
});
