import {
  BehaviorSubject,
  catchError,
  concat,
  concatMap,
  connectable,
  defer,
  distinctUntilChanged,
  EMPTY,
  filter,
  finalize,
  firstValueFrom,
  forkJoin,
  ignoreElements,
  merge,
  type Observable,
  of,
  race,
  ReplaySubject,
  retry,
  share,
  skip,
  startWith,
  Subject,
  Subscription,
  switchMap,
  take,
  tap,
  throwError,
  timer,
} from 'rxjs';
import type { SettableAvailability } from '../../shared/availability';
import {
  type Change,
  type ContactList,
  type DesiredPresence,
  EMPTY_CONTACT_LIST,
  type MyPresence,
  type SessionState,
  type SignInRequest,
} from '../../shared/models';
import type { Engine } from './engine-api';
import type { PeopleContext, PeopleFeature } from './people-port';
import type { EngineDeps } from './ports';
import { backoffDelayMs, type BackoffPolicy, DEFAULT_BACKOFF } from './session/backoff';
import { SessionFailure } from './session/session-failure';
import { type SessionEvent, sessionTransition } from './session/session-machine';
import { paceResets } from './session/reset-pacing';
import { exhaustMapTrailing } from './session/exhaust-trailing';
import { describeError, toSessionError } from './session/session-state';
import { type ApplicationLinks, getApplication } from './ucwa/application';
import { createApplicationOwner } from './ucwa/application-lifecycle';
import { discoverApplications, discoveryCandidates, signInDomain } from './ucwa/discovery';
import { classifyError } from './ucwa/error-classification';
import { eventChannel$, retryTransient, type RetryOptions } from './ucwa/event-channel';
import { type Authenticator, type BodyLimits, createHttpClient, DEFAULT_BODY_LIMITS, redactUrl } from './ucwa/http-client';
import { makeMeAvailable } from './ucwa/me';
import { createContactsDirectory } from './ucwa/people/contacts-directory';
import { people } from './ucwa/people/people';
import { getNote, setNote } from './ucwa/note';
import { getPresence, needsRepublish, setPresence } from './ucwa/presence';
import { REPORT_ACTIVITY_PERIOD_MS, reportActivity$ } from './ucwa/report-activity';
import { createTokenStore, grantUsername, type TokenStore } from './ucwa/token';
import {
  createTrustGate,
  DEFAULT_TRUST_POLICY,
  httpsOnlyGate,
  trustContext,
  type TrustGate,
  type TrustMemory,
  type TrustPolicy,
} from './ucwa/trust';
import type { UcwaEvent } from './ucwa/ucwa-event';
import { isUcwaError, UcwaError } from './ucwa/ucwa-error';

/** Tuning knobs; defaults follow ucwa-protocol.md. Tests shrink the timings. */
export interface EngineOptions {
  readonly backoff?: BackoffPolicy;
  /** Jitter source (tests pass a constant). */
  readonly random?: () => number;
  /**
   * Server-side P-GET hold time. 180 s (the minimum) keeps us under Node's 300 s header timeout
   * and the idle cut-off of most enterprise proxies.
   */
  readonly pgetTimeoutSeconds?: number;
  /** Our HTTP timeout for a P-GET = hold time + this margin. */
  readonly httpMarginMs?: number;
  /**
   * After an outage, a P-GET parked this long without error counts as working: the session is
   * `online` again without waiting for the server's hold time.
   */
  readonly pgetGraceMs?: number;
  /** Timeout of every other request. */
  readonly requestTimeoutMs?: number;
  /**
   * Least time between the starts of two P-GETs: a server that answers at once (no hold, or a
   * reset on every answer) must not turn the channel into a request storm.
   */
  readonly pgetMinIntervalMs?: number;
  /** Least time between two reset-driven (resync/resume) re-reads; resets in between are merged. */
  readonly resetMinIntervalMs?: number;
  readonly reportActivityPeriodMs?: number;
  /** Before the first `online`, give up (and reject `signIn`) after this many transient failures. */
  readonly initialConnectAttempts?: number;
  /** The people feature; `people()` from `ucwa/people/people.ts` unless a test replaces it. */
  readonly people?: PeopleFeature;
  /** What the admin policy widens: `trustedDomains`, `allowInsecureHttp`. */
  readonly trust?: Partial<TrustPolicy>;
  /** Caps on answer bodies and JSON nesting (8 MB JSON, 32 MB batch, depth 64 by default). */
  readonly limits?: Partial<BodyLimits>;
}

interface Command {
  readonly run: (app: ApplicationLinks) => Observable<unknown>;
  readonly done: () => void;
}

type Credentials = SignInRequest & { readonly password: string };

/** Long enough for a failing server to answer the re-parked P-GET with its error, short enough to feel instant. */
const DEFAULT_PGET_GRACE_MS = 2_000;
/** A page carries every event queued meanwhile, so one P-GET a second loses nothing. */
const DEFAULT_PGET_MIN_INTERVAL_MS = 1_000;
const DEFAULT_RESET_MIN_INTERVAL_MS = 10_000;

/** What the user sees when a programming error stops the session. */
const BUG_FAILURE = SessionFailure.of('unknown', 'An internal error stopped the session; sign in again.');

/**
 * The engine: sign-in, presence kept published, event channel, recovery. One instance per
 * app lifetime; owns its streams (multicast once) and every request it makes.
 */
export function createEngine(deps: EngineDeps, options: EngineOptions = {}): Engine {
  const { scheduler, logger } = deps;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const pgetTimeoutSeconds = options.pgetTimeoutSeconds ?? 180;
  const httpMarginMs = options.httpMarginMs ?? 30_000;
  const pgetGraceMs = options.pgetGraceMs ?? DEFAULT_PGET_GRACE_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const initialConnectAttempts = options.initialConnectAttempts ?? 3;
  const pgetMinIntervalMs = options.pgetMinIntervalMs ?? DEFAULT_PGET_MIN_INTERVAL_MS;
  const resetMinIntervalMs = options.resetMinIntervalMs ?? DEFAULT_RESET_MIN_INTERVAL_MS;
  const identity = { userAgent: deps.userAgent, endpointId: deps.endpointId, culture: deps.culture };

  const session = new BehaviorSubject<SessionState>({ state: 'signedOut' });
  const desired = new BehaviorSubject<DesiredPresence>({ availability: null, note: '' });
  const presence = new BehaviorSubject<MyPresence>({ availability: 'Offline', note: '' });
  const context = new BehaviorSubject<PeopleContext | null>(null);
  const events = new Subject<UcwaEvent>();
  const resets = new Subject<'resync' | 'resume'>();
  const reconcileRequests = new Subject<void>();
  const commands = new Subject<Command>();
  // Read when the list structure is known, so the latest window wins without re-reading anything.
  const visibleContacts = new BehaviorSubject<readonly string[]>([]);

  let tokens: TokenStore | undefined;
  // One sign-in's trust rules; the user's answers outlive it (in memory, for the engine's lifetime).
  const trustPolicy: TrustPolicy = { ...DEFAULT_TRUST_POLICY, ...options.trust };
  const trustMemory: TrustMemory = deps.trustMemory ?? new Map<string, boolean>();
  let gate: TrustGate | undefined;
  const admit = (url: string): Promise<void> => (gate ?? httpsOnlyGate(trustPolicy)).admit(url);
  const limits: BodyLimits = { ...DEFAULT_BODY_LIMITS, ...options.limits };
  let applicationsHref: string | undefined;
  let current: ApplicationLinks | undefined;
  let run: Subscription | undefined;
  let peopleFailures: Subscription | undefined;
  /**
   * The user chose a note the server may not have: its write failed, was cut off by a new
   * application, or never started (chosen while disconnected). It is published with the next
   * application or reconnect, even when empty. A note nobody chose in this sign-in is left as the
   * server has it (another endpoint may have set it).
   */
  let noteUnpublished = false;
  const published = (note: string) => (source: Observable<unknown>): Observable<unknown> =>
    source.pipe(
      tap(() => {
        if (note === desired.value.note) noteUnpublished = false;
      }),
    );

  const dispatch = (event: SessionEvent): void => {
    const previous = session.value;
    const next = sessionTransition(previous, event);
    if (next === previous) return;
    session.next(next);
    if (previous.state !== next.state) logger.log('info', 'session', { state: next.state });
  };
  const retryEvent = (attempt: number, delayMs: number, error: unknown): SessionEvent => ({
    type: 'retry',
    attempt,
    nextRetryAt: scheduler.now() + delayMs,
    lastError: describeError(error),
  });

  const authenticator: Authenticator = {
    authorization: (origin) => tokens?.authorization(origin),
    authenticate: (origin, challenge, rejected) => {
      if (tokens === undefined) return Promise.reject(new UcwaError('http', 'Not signed in.', { status: 401 }));
      dispatch({ type: 'authenticate' });
      return tokens.authenticate(origin, challenge, rejected);
    },
  };
  const client = createHttpClient({ fetch: deps.fetch, logger, authenticator, defaultTimeoutMs: requestTimeoutMs, scheduler, admit, limits });
  const applications = createApplicationOwner(client, logger);
  // Shared by people (re-read) and the presence reapply, so both follow the same pace.
  const pacedResets$ = resets.pipe(paceResets(resetMinIntervalMs, scheduler), share());

  /** Programming errors are logged with their stack: that is what finds them. */
  const logBug = (what: string, error: unknown): void => {
    const fields: Record<string, string> = { error: error instanceof Error ? error.name : typeof error };
    if (error instanceof Error && error.stack !== undefined) fields['stack'] = error.stack;
    logger.log('error', what, fields);
  };

  // People: one run per sign-in, so signing out empties the list and the next sign-in (perhaps as
  // someone else) is a snapshot, not a diff against the previous user's contacts. Within a run,
  // reconnects and re-created applications keep diffing, so nothing is lost or duplicated.
  // Multicast once for the engine's lifetime, latest list replayed.
  const peopleFeature = options.people ?? people;
  const peopleRuns = new BehaviorSubject<ReturnType<PeopleFeature> | null>(null);
  const contacts$ = connectable(
    peopleRuns.pipe(
      switchMap((run) => (run === null ? of(EMPTY_CONTACT_LIST) : run.contacts$.pipe(startWith(EMPTY_CONTACT_LIST)))),
      distinctUntilChanged(),
    ),
    { connector: () => new ReplaySubject<ContactList>(1), resetOnDisconnect: false },
  );
  const changes$ = connectable(peopleRuns.pipe(switchMap((run) => run?.changes$ ?? EMPTY)), {
    connector: () => new Subject<Change>(),
    resetOnDisconnect: false,
  });
  const owned = new Subscription();
  owned.add(contacts$.connect());
  owned.add(changes$.connect());

  /** Reads my presence and note as the server has them. */
  const readPresence$ = (app: ApplicationLinks): Observable<MyPresence> => {
    const presenceHref = app.me['presence'];
    const noteHref = app.me['note'];
    return forkJoin({
      availability: presenceHref !== undefined ? getPresence(client, presenceHref) : of(presence.value.availability),
      note: noteHref !== undefined ? getNote(client, noteHref) : of(presence.value.note),
    }).pipe(tap((value) => presence.next(value)));
  };

  /** Publishes the chosen availability again if the server shows something else, and a note not published yet. */
  const republishIfDrifted$ = (app: ApplicationLinks): Observable<unknown> =>
    readPresence$(app).pipe(
      switchMap((server) => {
        const want = desired.value.availability;
        const href = app.me['presence'];
        const note = desired.value.note;
        const noteHref = app.me['note'];
        const writes: Observable<unknown>[] = [];
        if (href !== undefined && needsRepublish(want, server.availability)) {
          logger.log('info', 'republishing availability', { server: server.availability });
          writes.push(setPresence(client, href, want));
        }
        if (noteUnpublished && noteHref !== undefined) {
          if (server.note === note) noteUnpublished = false;
          else writes.push(setNote(client, noteHref, note).pipe(published(note)));
        }
        if (writes.length === 0) return EMPTY;
        return concat(...writes.map((write) => write.pipe(ignoreElements())), defer(() => readPresence$(app)));
      }),
    );

  /** makeMeAvailable (signInAs = chosen availability), re-read links, restore presence and note. */
  const becomeAvailable$ = (created: ApplicationLinks): Observable<ApplicationLinks> => {
    const want = desired.value.availability;
    const mma = created.me['makeMeAvailable'];
    const applied$ = mma !== undefined ? makeMeAvailable(client, mma, want) : of(false);
    return applied$.pipe(
      switchMap((applied) =>
        getApplication(client, created.self).pipe(
          switchMap((app) => {
            const steps: Observable<unknown>[] = [];
            const presenceHref = app.me['presence'];
            const noteHref = app.me['note'];
            if (!applied && want !== null && presenceHref !== undefined) steps.push(setPresence(client, presenceHref, want));
            const note = desired.value.note;
            if ((note !== '' || noteUnpublished) && noteHref !== undefined) steps.push(setNote(client, noteHref, note).pipe(published(note)));
            return concat(...steps.map((step) => step.pipe(ignoreElements())), of(app));
          }),
        ),
      ),
    );
  };

  const connect$ = (request: Credentials): Observable<ApplicationLinks> =>
    defer(() => {
      if (applicationsHref !== undefined) return of(applicationsHref);
      dispatch({ type: 'discover' });
      return discoverApplications(client, request.address, request.discoveryUrl, gate).pipe(
        tap((href) => {
          applicationsHref = href;
        }),
      );
    }).pipe(
      tap(() => dispatch({ type: 'connect' })),
      switchMap((href) => applications.create$(href, identity)),
      switchMap((created) => becomeAvailable$(created)),
    );

  /** Everything that runs while one application lives. Never completes; errors end the application. */
  const online$ = (app: ApplicationLinks): Observable<never> => {
    const probe = (): Observable<unknown> => client.request({ method: 'GET', href: app.self });
    const reapply = new Subject<void>();
    const retryOptions: RetryOptions = {
      counter: { attempt: 0, nudge: new Subject<void>() },
      scheduler,
      backoff,
      random,
      probe,
      onRetry: (notice) => dispatch(retryEvent(notice.attempt, notice.delayMs, notice.error)),
      // Once per outage, when the last failing stream works again (not when the probe answers).
      onRecovered: () => {
        dispatch({ type: 'online' });
        reapply.next();
      },
    };
    /**
     * A 404 on a sub-resource is ambiguous (an expired subscription says ApplicationNotFound too,
     * §3.3): only a failing GET of the application itself means the application is gone.
     */
    const confirmGone = <T>(source: Observable<T>): Observable<T> =>
      source.pipe(
        catchError((error: unknown) => {
          const gone = classifyError(error) === 'recreate';
          const onSelf = isUcwaError(error) && error.details.url === redactUrl(app.self);
          if (!gone || onSelf) return throwError(() => error);
          return probe().pipe(
            tap(() => logger.log('warn', 'a resource is gone but the application lives', { error: describeError(error) })),
            ignoreElements(),
          );
        }),
      );
    const guarded = <T>(source: Observable<T>): Observable<T> => confirmGone(source.pipe(retryTransient(retryOptions)));

    let eventsHref = app.events;
    const refresh = new Subject<void>();
    const channel$ = merge(of(null), deps.system?.wake$ ?? EMPTY).pipe(
      // After wake the parked P-GET may be dead without us knowing: park a new one at the same ack.
      switchMap(() =>
        eventChannel$(client, eventsHref, {
          ...retryOptions,
          pgetTimeoutSeconds,
          httpMarginMs,
          minIntervalMs: pgetMinIntervalMs,
          healthyAfterMs: pgetGraceMs,
          onNext: (href) => {
            eventsHref = href;
          },
        }),
      ),
      tap((message) => {
        if (message.kind === 'events') {
          for (const event of message.events) events.next(event);
          if (message.events.some((e) => e.sender.rel === 'me' && ['presence', 'note', 'me'].includes(e.link.rel))) {
            refresh.next();
          }
        } else {
          logger.log('info', 'event channel reset', { kind: message.kind });
          resets.next(message.kind);
        }
      }),
    );
    const activityHref = app.me['reportMyActivity'];
    const activity$ =
      activityHref === undefined
        ? EMPTY
        : guarded(reportActivity$(client, activityHref, deps.idle, scheduler, options.reportActivityPeriodMs ?? REPORT_ACTIVITY_PERIOD_MS));
    const refresh$ = refresh.pipe(switchMap(() => guarded(readPresence$(app))));
    const reapply$ = merge(reapply, pacedResets$, reconcileRequests, deps.system?.wake$ ?? EMPTY).pipe(
      // A trigger during a check makes one more: that check may have read presence before the drift.
      exhaustMapTrailing(() => guarded(probe().pipe(switchMap(() => republishIfDrifted$(app))))),
    );
    const commands$ = commands.pipe(concatMap((command) => guarded(command.run(app)).pipe(finalize(command.done))));
    // The first read also republishes: a choice made while connecting reached only `desired`, after
    // makeMeAvailable had already sent the previous one.
    return merge(channel$, activity$, refresh$, reapply$, commands$, guarded(republishIfDrifted$(app))).pipe(ignoreElements());
  };

  const run$ = (request: Credentials): Observable<never> =>
    defer(() => {
      let attempt = 0;
      let everOnline = false;
      let networkFailures = 0;
      return connect$(request).pipe(
        tap((app) => {
          current = app;
          attempt = 0;
          networkFailures = 0;
          everOnline = true;
          dispatch({ type: 'online' });
          context.next({
            client,
            scheduler,
            logger,
            links: { people: app.people, batch: app.batch },
            events$: events.asObservable(),
            channelReset$: pacedResets$,
            reconcile$: reconcileRequests.asObservable(),
            backoff,
            random,
            readFirst: () => visibleContacts.value,
          });
        }),
        switchMap((app) => online$(app)),
        retry({
          delay: (error: unknown) => {
            current = undefined;
            context.next(null);
            const kind = classifyError(error);
            // Whatever made us start over, the next application replaces this one: never two live.
            applications.retire(kind === 'recreate');
            if (kind === 'bug') {
              logBug('programming error: the session stops', error);
              return throwError(() => BUG_FAILURE);
            }
            logger.log('warn', 'session interrupted', { class: kind, error: describeError(error) });
            if (kind === 'fatal') return throwError(() => error);
            attempt += 1;
            if (!everOnline && attempt >= initialConnectAttempts) return throwError(() => error);
            if (kind === 'rediscover') applicationsHref = undefined;
            if (isUcwaError(error) && error.kind === 'network') {
              networkFailures += 1;
              // Repeated connection failures are a documented reason to rediscover (D:rooturl).
              if (networkFailures >= 3) applicationsHref = undefined;
            }
            if (kind === 'reauth') tokens?.clear();
            const retryAfter = isUcwaError(error) ? error.details.retryAfter : undefined;
            // A vanished application is recreated at once; anything else backs off.
            const delayMs = kind === 'recreate' && attempt === 1 ? 0 : backoffDelayMs(attempt, backoff, random, retryAfter);
            dispatch(retryEvent(attempt, delayMs, error));
            return race(timer(delayMs, scheduler), reconcileRequests.pipe(take(1)));
          },
        }),
      );
    });

  /** Ends the run and deletes every application we own (the one in use and any left over). */
  const stop = async (): Promise<void> => {
    run?.unsubscribe();
    run = undefined;
    current = undefined;
    context.next(null);
    await firstValueFrom(applications.deleteAll$(5_000), { defaultValue: undefined });
    tokens?.clear();
    tokens = undefined;
    gate = undefined;
    applicationsHref = undefined;
    presence.next({ availability: 'Offline', note: presence.value.note });
  };

  const command = (runCommand: Command['run']): Promise<void> =>
    current === undefined
      ? Promise.resolve()
      : new Promise<void>((resolve) => commands.next({ run: runCommand, done: resolve }));

  const afterWrite = (app: ApplicationLinks) => (write: Observable<unknown>) =>
    write.pipe(switchMap(() => readPresence$(app)));

  return {
    session$: session.asObservable(),
    presence$: presence.asObservable(),
    desired$: desired.asObservable(),
    contacts$: contacts$ as Observable<ContactList>,
    changes$: changes$ as Observable<Change>,
    directory: createContactsDirectory(() => (current === undefined ? undefined : { client, people: current.people })),

    async signIn(request, initial) {
      await stop();
      try {
        signInDomain(request.address);
        discoveryCandidates(request.address, request.discoveryUrl);
      } catch (error) {
        dispatch({ type: 'fail', error: toSessionError(error) });
        throw error;
      }
      desired.next({ ...desired.value, ...initial });
      noteUnpublished = false;
      const feature = peopleFeature(context.asObservable());
      peopleFailures?.unsubscribe();
      // A contact list only the user can fix (no right to read it), or a bug, is an error they see.
      peopleFailures = feature.failure$?.subscribe((error) => {
        logger.log('warn', 'the contact list stopped', { reason: error.reason });
        run?.unsubscribe();
        run = undefined;
        dispatch({ type: 'fail', error });
        void stop();
      });
      peopleRuns.next(feature);
      gate = createTrustGate(trustContext(signInDomain(request.address), request.discoveryUrl, trustPolicy), deps.trustPrompt, trustMemory);
      tokens = createTokenStore({
        fetch: deps.fetch,
        scheduler,
        logger,
        credentials: { username: grantUsername(request.address), password: request.password },
        timeoutMs: requestTimeoutMs,
        admit,
        maxBodyBytes: limits.maxJsonBytes,
      });
      const outcome = firstValueFrom(
        session.pipe(
          skip(1),
          filter((s) => s.state === 'online' || s.state === 'error' || s.state === 'signedOut'),
          take(1),
        ),
      );
      run = run$(request).subscribe({
        error: (error: unknown) => {
          run = undefined;
          dispatch({ type: 'fail', error: toSessionError(error) });
          void stop();
        },
      });
      const result = await outcome;
      if (result.state === 'error') throw new SessionFailure(result.error);
      if (result.state === 'signedOut') throw SessionFailure.of('unknown', 'Signed out before the sign-in finished.');
    },

    async signOut() {
      peopleFailures?.unsubscribe();
      await stop();
      peopleRuns.next(null);
      dispatch({ type: 'signOut' });
    },

    setAvailability(availability: SettableAvailability) {
      desired.next({ ...desired.value, availability });
      return command((app) => {
        const href = app.me['presence'];
        return href === undefined ? EMPTY : afterWrite(app)(setPresence(client, href, availability));
      });
    },

    resetAvailability() {
      desired.next({ ...desired.value, availability: null });
      return command((app) => {
        const href = app.me['presence'];
        return href === undefined ? EMPTY : afterWrite(app)(setPresence(client, href, null));
      });
    },

    setNote(note: string) {
      desired.next({ ...desired.value, note });
      noteUnpublished = true;
      return command((app) => {
        const href = app.me['note'];
        return href === undefined ? EMPTY : afterWrite(app)(setNote(client, href, note).pipe(published(note)));
      });
    },

    reconcile() {
      reconcileRequests.next();
    },

    setVisibleContacts(uris: readonly string[]) {
      visibleContacts.next([...uris]);
    },

    async dispose() {
      peopleFailures?.unsubscribe();
      await stop();
      dispatch({ type: 'signOut' });
      owned.unsubscribe();
      peopleRuns.next(null);
      for (const subject of [session, desired, presence, context, peopleRuns, events, resets, reconcileRequests, commands, visibleContacts]) {
        subject.complete();
      }
    },
  };
}
