import {
  auditTime,
  combineLatest,
  distinctUntilChanged,
  interval,
  map,
  of,
  startWith,
  switchMap,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { effectiveLocale, type LanguageChoice } from '../../shared/i18n';
import type { AppStatus } from '../core/app/app-pushes';
import type { TrayState } from './tray-state';

/** One change often moves several streams (session + presence + desired): they render once. */
export const TRAY_RENDER_AUDIT_MS = 50;
/** While a timed status runs the tray re-renders this often: "25 min left" must stay true. */
export const TRAY_TICK_MS = 60_000;

/** What the tray shows, each as it changes. */
export interface TraySources {
  readonly status$: Observable<AppStatus>;
  readonly autostartEnabled$: Observable<boolean>;
  readonly awayOnLock$: Observable<boolean>;
  readonly language$: Observable<LanguageChoice>;
  /** False where no login item can be registered (the checkbox is then hidden). */
  readonly autostartSupported: boolean;
  /** The OS preference list, most wanted first (the `system` language choice follows it). */
  readonly systemLanguages: readonly string[];
  /** The render pacing, the minute tick and the clock for "time left". */
  readonly scheduler: SchedulerLike;
}

/** Emits once each time something changes (and once a minute while a timed status runs). */
function ticks(status$: Observable<AppStatus>, scheduler: SchedulerLike): Observable<number> {
  return status$.pipe(
    map((status) => status.timed !== null),
    distinctUntilChanged(),
    switchMap((timed) => (timed ? interval(TRAY_TICK_MS, scheduler).pipe(startWith(0)) : of(0))),
  );
}

/** The tray's render pipeline: every source combined into the TrayState to draw, paced. */
export function trayStates(sources: TraySources): Observable<TrayState> {
  const { scheduler } = sources;
  return combineLatest([sources.status$, sources.autostartEnabled$, sources.awayOnLock$, sources.language$, ticks(sources.status$, scheduler)]).pipe(
    auditTime(TRAY_RENDER_AUDIT_MS, scheduler),
    map(([status, enabled, awayOnLock, language]): TrayState => ({
      session: status.session,
      presence: status.presence,
      desired: status.desired,
      timed: status.timed === null ? null : { availability: status.timed.availability, until: status.timed.until },
      now: scheduler.now(),
      autostart: { supported: sources.autostartSupported, enabled },
      awayOnLock,
      locale: effectiveLocale(language, sources.systemLanguages),
      language,
    })),
  );
}
