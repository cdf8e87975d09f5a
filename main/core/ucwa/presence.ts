import { map, type Observable } from 'rxjs';
import { toAvailability, type Availability, type SettableAvailability } from '../../../shared/availability';
import { isJsonObject } from './hal';
import type { ResourceClient } from './resource-client';

/** Reads `availability` out of a presence resource; anything unexpected is `Unknown`. */
export function parsePresence(body: unknown): Availability {
  return isJsonObject(body) ? toAvailability(body['availability']) : 'Unknown';
}

export function getPresence(client: ResourceClient, href: string): Observable<Availability> {
  return client.request({ method: 'GET', href }).pipe(map((response) => parsePresence(response.body)));
}

/** The POST body: one of the six settable values, or empty = back to automatic (§4.3). */
export function presenceBody(availability: SettableAvailability | null): Record<string, unknown> {
  return availability === null ? {} : { availability };
}

export function setPresence(
  client: ResourceClient,
  href: string,
  availability: SettableAvailability | null,
): Observable<void> {
  return client.request({ method: 'POST', href, json: presenceBody(availability) }).pipe(map(() => undefined));
}

/** The idle variant the server may show for a value we published (§4.6: activity-driven). */
const IDLE_VARIANT: Partial<Record<SettableAvailability, Availability>> = { Online: 'IdleOnline', Busy: 'IdleBusy' };

/**
 * Whether what the server shows has drifted from what the user chose, so we must publish again
 * (after reconnects, resume, wake). Automatic (`null`) never needs republishing; the idle variant
 * of our choice is the server tracking activity, not drift.
 */
export function needsRepublish(desired: SettableAvailability | null, server: Availability): boolean {
  if (desired === null) return false;
  return server !== desired && server !== IDLE_VARIANT[desired];
}
