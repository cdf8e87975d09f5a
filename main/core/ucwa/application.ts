import { map, type Observable } from 'rxjs';
import { embedded, links, requireLink, requireObject } from './hal';
import type { ResourceClient } from './resource-client';

/** The links of an application we use, all absolute (resolved against the answer's URL). */
export interface ApplicationLinks {
  readonly self: string;
  readonly events: string;
  readonly batch: string | undefined;
  /** `_embedded.me._links`: makeMeAvailable before, presence/note/reportMyActivity after. */
  readonly me: Readonly<Record<string, string>>;
  /** `_embedded.people._links` (myGroups, myContactsAndGroupsSubscription, presenceSubscriptions…). */
  readonly people: Readonly<Record<string, string>>;
}

/** Parses an application resource (POST applications 201, GET application 200). */
export function parseApplication(body: unknown, url: string): ApplicationLinks {
  const resource = requireObject(body, 'application');
  const own = links(resource, url);
  return {
    self: requireLink(resource, 'self', url),
    events: requireLink(resource, 'events', url),
    batch: own['batch'],
    me: links(embedded(resource, 'me'), url),
    people: links(embedded(resource, 'people'), url),
  };
}

/** What identifies our endpoint to the server (ucwa-protocol.md §3.1). */
export interface ApplicationIdentity {
  readonly userAgent: string;
  /** Persistent per install, so a restart does not pile up endpoints (TooManyApplications). */
  readonly endpointId: string;
  readonly culture: string;
}

export function createApplication(
  client: ResourceClient,
  applicationsHref: string,
  identity: ApplicationIdentity,
): Observable<ApplicationLinks> {
  return client
    .request({
      method: 'POST',
      href: applicationsHref,
      json: { UserAgent: identity.userAgent, EndpointId: identity.endpointId, Culture: identity.culture },
    })
    .pipe(map((response) => parseApplication(response.body, response.url)));
}

export function getApplication(client: ResourceClient, selfHref: string): Observable<ApplicationLinks> {
  return client
    .request({ method: 'GET', href: selfHref })
    .pipe(map((response) => parseApplication(response.body, response.url)));
}

/** Sign-out: tears down the event channel and subscriptions on the server. */
export function deleteApplication(client: ResourceClient, selfHref: string): Observable<void> {
  return client.request({ method: 'DELETE', href: selfHref }).pipe(map(() => undefined));
}
