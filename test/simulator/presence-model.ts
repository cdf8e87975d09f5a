import type { ReadableAvailability, SettableAvailability } from './directory';

/** How active this endpoint's user is, driven by reportMyActivity (ucwa-protocol.md §4.6). */
export type ActivityLevel = 'active' | 'inactive' | 'away';

/**
 * What one endpoint shows, from what it published (null = automatic) and how active it is:
 * Online → IdleOnline → Away and Busy → IdleBusy as activity stops; explicit states stay.
 */
export function endpointAvailability(published: SettableAvailability | null, level: ActivityLevel): ReadableAvailability {
  const base = published ?? 'Online';
  if (level === 'active') return base;
  if (base === 'Online') return level === 'inactive' ? 'IdleOnline' : 'Away';
  if (base === 'Busy') return 'IdleBusy';
  return base;
}

export interface EndpointState {
  readonly availability: ReadableAvailability;
  /** When that endpoint last published (simulated ms); the most recent publication wins. */
  readonly publishedAt: number;
}

/** The user's aggregated availability as others see it: Offline with no endpoint, else the latest publisher's state. */
export function aggregateAvailability(endpoints: readonly EndpointState[]): ReadableAvailability {
  let best: EndpointState | undefined;
  for (const e of endpoints) if (!best || e.publishedAt >= best.publishedAt) best = e;
  return best?.availability ?? 'Offline';
}
