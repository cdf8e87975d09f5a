import { defer, type Observable, of, throwError } from 'rxjs';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

export const APPS = 'https://pool.contoso.com/ucwa/oauth/v1/applications';
export const IDENTITY = { userAgent: 'test/1', endpointId: 'e-1', culture: 'en-US' };

/**
 * Creates applications 1, 2, 3…; DELETEs answer with the next status in `deleteAnswers` (204 when
 * empty).
 */
export class FakeApplicationServer implements ResourceClient {
  readonly requests: ResourceRequest[] = [];
  readonly deleteAnswers: number[] = [];
  private next = 1;

  /** The requests as `METHOD path`, with the applications path as `~`. */
  get calls(): string[] {
    return this.requests.map((r) => `${r.method} ${new URL(r.href).pathname.replace('/ucwa/oauth/v1/applications', '~')}`);
  }

  request(request: ResourceRequest): Observable<ResourceResponse> {
    return defer(() => {
      this.requests.push(request);
      if (request.method === 'POST') {
        const self = `/ucwa/oauth/v1/applications/${this.next++}`;
        return of({
          url: request.href,
          status: 201,
          headers: {},
          text: '',
          body: { _links: { self: { href: self }, events: { href: `${self}/events?ack=1` } }, _embedded: { me: { _links: {} }, people: { _links: {} } } },
        });
      }
      const status = this.deleteAnswers.shift() ?? 204;
      if (status >= 400) return throwError(() => new UcwaError('http', 'x', { status }));
      return of({ url: request.href, status, headers: {}, text: '', body: null });
    });
  }
}
