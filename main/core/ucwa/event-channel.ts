import {
  catchError,
  concat,
  concatMap,
  defer,
  EMPTY,
  expand,
  finalize,
  ignoreElements,
  map,
  type MonoTypeOperatorFunction,
  Observable,
  of,
  race,
  retry,
  type SchedulerLike,
  type Subject,
  switchMap,
  take,
  tap,
  throwError,
  timer,
} from 'rxjs';
import { backoffDelayMs, type BackoffPolicy } from '../session/backoff';
import { type Outage, type OutageEvent, outageEnded, outageStep } from '../session/outage';
import { classifyError, isPGetReplaced } from './error-classification';
import { absolutizeLinks, isJsonObject, links, requireObject, resolveHref } from './hal';
import type { ResourceClient } from './resource-client';
import type { UcwaEvent, UcwaEventType, UcwaLink } from './ucwa-event';
import { isUcwaError, UcwaError } from './ucwa-error';

/** One P-GET answer, parsed: its events in order and where to go next. */
export interface EventsPage {
  readonly events: readonly UcwaEvent[];
  readonly next?: string;
  /** Ack out of range: follow it and re-read transient state (§5.2). */
  readonly resync?: string;
  /** The server reset transient state: follow it and re-create subscriptions (§5.2). */
  readonly resume?: string;
}

const EVENT_TYPES: readonly string[] = ['added', 'updated', 'deleted', 'started', 'completed'];

function parseLink(value: unknown, base: string): UcwaLink | undefined {
  if (!isJsonObject(value) || typeof value['href'] !== 'string') return undefined;
  const rel = typeof value['rel'] === 'string' ? value['rel'] : '';
  const title = typeof value['title'] === 'string' ? value['title'] : undefined;
  return { rel, href: resolveHref(value['href'], base), ...(title !== undefined ? { title } : {}) };
}

export { absolutizeLinks } from './hal';

function parseReason(value: unknown): UcwaEvent['reason'] {
  if (!isJsonObject(value)) return undefined;
  const pick = (name: string): string | undefined => (typeof value[name] === 'string' ? (value[name] as string) : undefined);
  const code = pick('code');
  const subcode = pick('subcode');
  const message = pick('message');
  return {
    ...(code !== undefined ? { code } : {}),
    ...(subcode !== undefined ? { subcode } : {}),
    ...(message !== undefined ? { message } : {}),
  };
}

/**
 * Parses a P-GET answer (§5.2) into flattened events with absolute hrefs. A missing or empty
 * `sender` is an empty page; events we cannot read are skipped (new event kinds may appear).
 */
export function parseEventsPage(body: unknown, url: string): EventsPage {
  const resource = requireObject(body, 'event channel answer');
  const own = links(resource, url);
  const senders = Array.isArray(resource['sender']) ? resource['sender'] : [];
  const events: UcwaEvent[] = [];
  for (const block of senders) {
    if (!isJsonObject(block) || typeof block['href'] !== 'string') continue;
    const sender: UcwaLink = {
      rel: typeof block['rel'] === 'string' ? block['rel'] : '',
      href: resolveHref(block['href'], url),
    };
    const list = Array.isArray(block['events']) ? block['events'] : [];
    for (const raw of list) {
      if (!isJsonObject(raw)) continue;
      const type = raw['type'];
      const eventLink = parseLink(raw['link'], url);
      if (typeof type !== 'string' || !EVENT_TYPES.includes(type) || eventLink === undefined) continue;
      const inLink = parseLink(raw['in'], url);
      const embeddedAll = isJsonObject(raw['_embedded']) ? raw['_embedded'] : undefined;
      const embeddedOne =
        embeddedAll === undefined
          ? undefined
          : ((Object.hasOwn(embeddedAll, eventLink.rel) ? embeddedAll[eventLink.rel] : undefined) ??
            (Object.keys(embeddedAll).length === 1 ? Object.values(embeddedAll)[0] : undefined));
      const reason = parseReason(raw['reason']);
      events.push({
        sender,
        type: type as UcwaEventType,
        link: eventLink,
        ...(inLink !== undefined ? { in: inLink } : {}),
        ...(embeddedOne !== undefined ? { embedded: absolutizeLinks(embeddedOne, url) } : {}),
        ...(typeof raw['status'] === 'string' ? { status: raw['status'] } : {}),
        ...(reason !== undefined ? { reason } : {}),
      });
    }
  }
  const next = own['next'];
  const resync = own['resync'];
  const resume = own['resume'];
  return {
    events,
    ...(next !== undefined ? { next } : {}),
    ...(resync !== undefined ? { resync } : {}),
    ...(resume !== undefined ? { resume } : {}),
  };
}

/** The URL of the next P-GET: resync first, then resume, then next (§5.2). Never edited. */
export function nextHref(page: EventsPage): string | undefined {
  return page.resync ?? page.resume ?? page.next;
}

/** What the channel tells its owner. */
export type ChannelMessage =
  | { readonly kind: 'events'; readonly events: readonly UcwaEvent[] }
  | { readonly kind: 'resync' }
  | { readonly kind: 'resume' };

/** Turns a page into the messages to hand on, in order. */
export function pageMessages(page: EventsPage): readonly ChannelMessage[] {
  const out: ChannelMessage[] = [];
  if (page.events.length > 0) out.push({ kind: 'events', events: page.events });
  if (page.resync !== undefined) out.push({ kind: 'resync' });
  else if (page.resume !== undefined) out.push({ kind: 'resume' });
  return out;
}

/** Retry bookkeeping the owner shows as `reconnecting`. */
export interface RetryNotice {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

export interface RetryOptions {
  readonly scheduler: SchedulerLike;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  /** Called when a retry is scheduled. */
  readonly onRetry?: (notice: RetryNotice) => void;
  /**
   * Called once when an outage ends: the last failing stream works again (it answered, or stayed
   * parked past `healthyAfterMs`). Never on the probe alone.
   */
  readonly onRecovered?: () => void;
  /**
   * Cheap check run after each backoff, before the (possibly long) request is repeated: it tells
   * quickly whether the server is back and whether the application still exists (§3.3).
   */
  readonly probe?: () => Observable<unknown>;
  /**
   * Outage shared by every retrying stream of one session, so an outage backs off the whole
   * session rather than each request on its own (no request storm), and ends only when none of
   * them fails any more. Local when absent.
   */
  readonly counter?: SharedOutage;
  /**
   * For long-held requests (the P-GET): during an outage, a request that has been outstanding
   * this long without failing counts as working, so recovery does not wait for the server's hold
   * time. Runs on `scheduler`. Absent: only an answer counts.
   */
  readonly healthyAfterMs?: number;
}

/** The mutable outage one session's retrying streams share (see `Outage`). */
export interface SharedOutage {
  attempt: number;
  failing?: number;
  /**
   * When given, a stream that works again tells the others still waiting out their backoff to try
   * now: the server is back, and the outage should not last until the slowest timer fires.
   */
  readonly nudge?: Subject<void>;
}

/** Transient failures (and a replaced P-GET) are retried; everything else goes to the owner. */
export function isRetryable(error: unknown): boolean {
  return isPGetReplaced(error) || classifyError(error) === 'transient';
}

/**
 * Mirrors `source`; if it neither answers nor fails within `ms`, calls `onHealthy` once (a parked
 * P-GET is a working one). An answer or failure first cancels the timer.
 */
export function healthyAfter<T>(ms: number, scheduler: SchedulerLike, onHealthy: () => void): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      const grace = timer(ms, scheduler).subscribe(() => onHealthy());
      const inner = source.subscribe({
        next: (value) => {
          grace.unsubscribe();
          subscriber.next(value);
        },
        error: (error: unknown) => {
          grace.unsubscribe();
          subscriber.error(error);
        },
        complete: () => {
          grace.unsubscribe();
          subscriber.complete();
        },
      });
      return () => {
        grace.unsubscribe();
        inner.unsubscribe();
      };
    });
}

/**
 * Retries transient failures of `source` with capped exponential backoff + jitter, honouring
 * Retry-After; each wait is followed by `probe`, whose own transient failures count as attempts.
 * Non-retryable errors (auth, application gone, fatal) pass through, classified before any retry.
 * The outage (shared `counter`) ends when the request itself works again, not when the probe does:
 * a channel that keeps failing behind a healthy probe stays `reconnecting` and keeps backing off.
 */
export function retryTransient<T>(options: RetryOptions): MonoTypeOperatorFunction<T> {
  return (source) =>
    defer(() => {
      const counter = options.counter ?? { attempt: 0 };
      let retrying = false;
      const step = (event: OutageEvent): void => {
        const before: Outage = { attempt: counter.attempt, failing: counter.failing ?? 0 };
        const after = outageStep(before, event);
        counter.attempt = after.attempt;
        counter.failing = after.failing;
        if (outageEnded(before, after)) options.onRecovered?.();
      };
      const healthy = (): void => {
        const wasFailing = retrying;
        retrying = false;
        step({ type: 'healthy', wasFailing });
        if (wasFailing && counter.attempt > 0) counter.nudge?.next();
      };
      const waitThenProbe = (error: unknown): Observable<unknown> => {
        if (!isRetryable(error)) return throwError(() => error);
        step({ type: 'failed', first: !retrying });
        retrying = true;
        const attempt = counter.attempt;
        const retryAfter = isUcwaError(error) ? error.details.retryAfter : undefined;
        const delayMs = backoffDelayMs(attempt, options.backoff, options.random, retryAfter);
        options.onRetry?.({ attempt, delayMs, error });
        const probe = options.probe;
        const backoff$ = timer(delayMs, options.scheduler);
        const wait$ = counter.nudge === undefined ? backoff$ : race(backoff$, counter.nudge.pipe(take(1)));
        return wait$.pipe(
          switchMap(() => (probe === undefined ? of(true) : probe().pipe(take(1), catchError(waitThenProbe)))),
        );
      };
      const grace = options.healthyAfterMs;
      // During an outage (ours or another stream's) a long-held request proves itself by staying parked.
      const attempt$ = defer(() =>
        grace !== undefined && counter.attempt > 0 ? source.pipe(healthyAfter(grace, options.scheduler, healthy)) : source,
      );
      return attempt$.pipe(
        retry({ delay: waitThenProbe }),
        // Completing counts as working too: a reapply that finds nothing to republish emits nothing.
        tap({ next: () => healthy(), complete: () => healthy() }),
        finalize(() => {
          if (retrying) step({ type: 'abandoned' });
        }),
      );
    });
}

export interface EventChannelOptions extends RetryOptions {
  /** Server-side hold time (`timeout` param, 180–1800 s). */
  readonly pgetTimeoutSeconds: number;
  /** Added to the hold time for our HTTP timeout, so we never give up before the server answers. */
  readonly httpMarginMs: number;
  /** Called with each next URL as soon as it is known (lets the owner restart the loop there). */
  readonly onNext?: (href: string) => void;
  /**
   * Least time between the start of a P-GET and the next one, on `scheduler` (retries are spaced by
   * their backoff instead): a server that
   * answers at once must not make us ask again at once, a thousand times a second.
   */
  readonly minIntervalMs?: number;
}

/**
 * The event channel (§5): exactly one outstanding P-GET, always following the server's
 * `next`/`resync`/`resume` link (our `timeout` param is added with a URL builder, `ack` never
 * touched). Transient failures retry the SAME URL with backoff; 404/410/401-after-reauth and
 * fatal errors end the stream for the owner to handle. Unsubscribing aborts the parked request.
 */
export function eventChannel$(
  client: ResourceClient,
  firstHref: string,
  options: EventChannelOptions,
): Observable<ChannelMessage> {
  let lastStart = Number.NEGATIVE_INFINITY;
  const spacing$ = defer(() => {
    const wait = lastStart + (options.minIntervalMs ?? 0) - options.scheduler.now();
    return wait > 0 ? timer(wait, options.scheduler).pipe(ignoreElements()) : EMPTY;
  });
  const poll = (href: string): Observable<EventsPage> =>
    // The spacing comes before the retrying request, so the wait never counts as a parked P-GET.
    concat(
      spacing$,
      defer(() => {
        lastStart = options.scheduler.now();
        return client.request({
          method: 'GET',
          href,
          query: { timeout: String(options.pgetTimeoutSeconds) },
          timeoutMs: options.pgetTimeoutSeconds * 1000 + options.httpMarginMs,
        });
      }).pipe(
        map((response) => {
          const page = parseEventsPage(response.body, response.url);
          const next = nextHref(page);
          if (next === undefined) throw new UcwaError('malformed', 'The event channel answer has no next link.');
          options.onNext?.(next);
          return page;
        }),
        retryTransient(options),
      ),
    );
  return poll(firstHref).pipe(
    expand((page) => poll(nextHref(page)!)),
    concatMap((page) => pageMessages(page)),
  );
}
