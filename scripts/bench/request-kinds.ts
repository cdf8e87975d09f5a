import type { LoggedRequest } from './bench-session';

/** The request kinds the idle-cost figures are about. */
export type RequestKind =
  | 'pget'
  | 'reportMyActivity'
  | 'contactsSubscriptionRefresh'
  | 'presenceSubscriptionExtend'
  | 'token'
  | 'other';

/** What one logged request was, from its method and path (simulator paths, see test/simulator). */
export function requestKind(request: Pick<LoggedRequest, 'method' | 'path'>): RequestKind {
  const path = request.path.toLowerCase();
  if (request.method === 'GET' && path.endsWith('/events')) return 'pget';
  if (request.method === 'POST' && path.endsWith('/reportmyactivity')) return 'reportMyActivity';
  if (request.method === 'POST' && path.includes('contactsandgroupssubscription')) return 'contactsSubscriptionRefresh';
  if (request.method === 'POST' && /presencesubscriptions\/[^/]+$/.test(path)) return 'presenceSubscriptionExtend';
  if (request.method === 'POST' && path.includes('oauthtoken')) return 'token';
  return 'other';
}

/** Counts per kind. */
export function countKinds(requests: readonly LoggedRequest[]): Record<RequestKind, number> {
  const counts: Record<RequestKind, number> = {
    pget: 0,
    reportMyActivity: 0,
    contactsSubscriptionRefresh: 0,
    presenceSubscriptionExtend: 0,
    token: 0,
    other: 0,
  };
  for (const request of requests) counts[requestKind(request)] += 1;
  return counts;
}

/** `METHOD /path` with ids and contact addresses folded, for a readable breakdown. */
export function requestShape(request: Pick<LoggedRequest, 'method' | 'path' | 'status'>): string {
  const path = request.path
    .replace(/\/applications\/\d+/i, '/applications/{app}')
    .replace(/\/people\/sip:[^/]+/i, '/people/{contact}')
    .replace(/\/groups\/[^/]+/i, '/groups/{id}')
    .replace(/\/presenceSubscriptions\/[^/]+/i, '/presenceSubscriptions/{id}');
  return `${request.method} ${path} ${request.status}`;
}

/** Counts per request shape, most frequent first. */
export function shapeCounts(requests: readonly LoggedRequest[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const request of requests) counts.set(requestShape(request), (counts.get(requestShape(request)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
