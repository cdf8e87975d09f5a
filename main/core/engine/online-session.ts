import { EMPTY, ignoreElements, merge, type Observable, of, Subject, switchMap, tap } from 'rxjs';
import { exhaustMapTrailing } from '../session/exhaust-trailing';
import type { IdleMonitor, Logger, SystemEvents } from '../ports';
import type { ApplicationLinks } from '../ucwa/application';
import { eventChannel$, type RetryOptions } from '../ucwa/event-channel';
import { reportActivity$ } from '../ucwa/report-activity';
import type { ResourceClient } from '../ucwa/resource-client';
import { applicationGuard, type Guard } from './application-guard';
import type { CommandQueue } from './command-queue';
import type { EngineSettings } from './engine-settings';
import type { PresencePublisher } from './presence-publisher';
import type { SessionSignals } from './session-signals';
import type { SessionStore } from './session-store';

/** What runs while one application lives. */
export interface OnlineSessionParts {
  readonly client: ResourceClient;
  readonly logger: Logger;
  readonly idle: IdleMonitor;
  readonly system?: SystemEvents | undefined;
  readonly settings: EngineSettings;
  readonly scheduler: RetryOptions['scheduler'];
  readonly session: SessionStore;
  readonly signals: SessionSignals;
  readonly presence: PresencePublisher;
  readonly commands: CommandQueue;
}

/**
 * Everything that runs while one application lives: the event channel, activity reports, presence
 * refreshes and republishes, and the user's commands, sharing one outage. Never completes; errors
 * end the application.
 */
export function onlineSession$(parts: OnlineSessionParts, app: ApplicationLinks): Observable<never> {
  const { client, presence, signals } = parts;
  const probe = (): Observable<unknown> => client.request({ method: 'GET', href: app.self });
  const reapply = new Subject<void>();
  const retryOptions = sessionRetryOptions(parts, probe, () => reapply.next());
  const guarded = applicationGuard(app.self, probe, retryOptions, parts.logger);
  const refresh = new Subject<void>();
  const wake$ = parts.system?.wake$ ?? EMPTY;
  const refresh$ = refresh.pipe(switchMap(() => guarded(presence.read$(app))));
  const reapply$ = merge(reapply, signals.resets$, signals.reconcile$, wake$).pipe(
    // A trigger during a check makes one more: that check may have read presence before the drift.
    exhaustMapTrailing(() => guarded(probe().pipe(switchMap(() => presence.republishIfDrifted$(app))))),
  );
  // The first read also republishes: a choice made while connecting reached only `desired`, after
  // makeMeAvailable had already sent the previous one.
  return merge(
    channel$(parts, app, retryOptions, () => refresh.next()),
    activity$(parts, app, guarded),
    refresh$,
    reapply$,
    parts.commands.run$(app, guarded),
    guarded(presence.republishIfDrifted$(app)),
  ).pipe(ignoreElements());
}

/** One outage shared by every stream of the application; recovering republishes. */
function sessionRetryOptions(parts: OnlineSessionParts, probe: () => Observable<unknown>, reapply: () => void): RetryOptions {
  const { settings, session } = parts;
  return {
    counter: { attempt: 0, nudge: new Subject<void>() },
    scheduler: parts.scheduler,
    backoff: settings.backoff,
    random: settings.random,
    probe,
    onRetry: (notice) => session.retrying(notice.attempt, notice.delayMs, notice.error),
    // Once per outage, when the last failing stream works again (not when the probe answers).
    onRecovered: () => {
      session.dispatch({ type: 'online' });
      reapply();
    },
  };
}

/** The event channel, re-parked after every wake; my presence is re-read when its events say so. */
function channel$(parts: OnlineSessionParts, app: ApplicationLinks, retryOptions: RetryOptions, refresh: () => void): Observable<unknown> {
  const { settings } = parts;
  let eventsHref = app.events;
  return merge(of(null), parts.system?.wake$ ?? EMPTY).pipe(
    // After wake the parked P-GET may be dead without us knowing: park a new one at the same ack.
    switchMap(() =>
      eventChannel$(parts.client, eventsHref, {
        ...retryOptions,
        pgetTimeoutSeconds: settings.pgetTimeoutSeconds,
        httpMarginMs: settings.httpMarginMs,
        minIntervalMs: settings.pgetMinIntervalMs,
        healthyAfterMs: settings.pgetGraceMs,
        onNext: (href) => {
          eventsHref = href;
        },
      }),
    ),
    tap((message) => {
      if (parts.signals.deliver(message)) refresh();
    }),
  );
}

function activity$(parts: OnlineSessionParts, app: ApplicationLinks, guarded: Guard): Observable<unknown> {
  const href = app.me['reportMyActivity'];
  if (href === undefined) return EMPTY;
  return guarded(reportActivity$(parts.client, href, parts.idle, parts.scheduler, parts.settings.reportActivityPeriodMs));
}
