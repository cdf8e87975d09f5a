import type { SignInRequest } from '../../../shared/models';
import { defer, type Observable, of, tap } from 'rxjs';
import type { Disposable } from '../lifetime/disposable-store';
import { discoverApplications } from '../ucwa/discovery';
import type { ResourceClient } from '../ucwa/resource-client';
import type { TrustGate } from '../ucwa/trust';

/**
 * The `applications` URL found by discovery, kept until something says it may have moved, so a
 * reconnect or a re-created application does not run discovery again.
 */
export interface DiscoveryCache extends Disposable {
  /** The cached URL, or discovery's answer (then cached). `onDiscover` runs only when discovering. */
  applications$(request: SignInRequest): Observable<string>;
  /** The next `applications$` discovers again. */
  forget(): void;
}

export function createDiscoveryCache(
  client: ResourceClient,
  gate: () => TrustGate | undefined,
  onDiscover: () => void,
): DiscoveryCache {
  let applicationsHref: string | undefined;
  const forget = (): void => {
    applicationsHref = undefined;
  };
  return {
    applications$: (request) =>
      defer(() => {
        if (applicationsHref !== undefined) return of(applicationsHref);
        onDiscover();
        return discoverApplications(client, request.address, request.discoveryUrl, gate()).pipe(
          tap((href) => {
            applicationsHref = href;
          }),
        );
      }),
    forget,
    dispose: forget,
  };
}
