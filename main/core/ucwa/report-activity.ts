import { exhaustMap, filter, map, type Observable, type SchedulerLike, timer } from 'rxjs';
import type { IdleMonitor } from '../ports';
import type { ResourceClient } from './resource-client';

/** Every 3 minutes: below the documented 4-minute limit (§4.6) without chattering. */
export const REPORT_ACTIVITY_PERIOD_MS = 180_000;

/** The user counts as active when the keyboard/mouse was used within one period. */
export function isUserActive(idleSeconds: number, periodMs = REPORT_ACTIVITY_PERIOD_MS): boolean {
  return idleSeconds * 1000 < periodMs;
}

/**
 * Tells the server the user is active, at most once per period and only while the idle monitor
 * says so — so the server's Idle/Away follows reality. Emits once per report sent.
 */
export function reportActivity$(
  client: ResourceClient,
  href: string,
  idle: IdleMonitor,
  scheduler: SchedulerLike,
  periodMs = REPORT_ACTIVITY_PERIOD_MS,
): Observable<void> {
  return timer(0, periodMs, scheduler).pipe(
    filter(() => isUserActive(idle.idleSeconds(), periodMs)),
    exhaustMap(() => client.request({ method: 'POST', href })),
    map(() => undefined),
  );
}
