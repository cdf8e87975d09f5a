import {
  BehaviorSubject,
  connectable,
  distinctUntilChanged,
  EMPTY,
  type Observable,
  of,
  ReplaySubject,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';
import { type Change, type ContactList, EMPTY_CONTACT_LIST, type SessionError } from '../../../shared/models';
import { DisposableStore, type Disposable } from '../lifetime/disposable-store';
import type { PeopleContext, PeopleFeature } from '../people-port';
import type { ApplicationLinks } from '../ucwa/application';

/** What every application's people context shares: all of it but the application's links. */
export type PeopleContextBase = Omit<PeopleContext, 'links' | 'readFirst'>;

/**
 * The people feature, one run per sign-in, so signing out empties the list and the next sign-in
 * (perhaps as someone else) is a snapshot, not a diff against the previous user's contacts. Within
 * a run, reconnects and re-created applications keep diffing, so nothing is lost or duplicated.
 * `contacts$` and `changes$` are multicast once for the engine's lifetime, latest list replayed.
 */
export interface PeopleRuns extends Disposable {
  readonly contacts$: Observable<ContactList>;
  readonly changes$: Observable<Change>;
  /** Starts the run of a new sign-in; `onFailure` when the list stops for a reason only the user can fix. */
  start(onFailure: (error: SessionError) => void): void;
  /** No longer reports the run's failure (the sign-in is ending anyway). */
  unwatch(): void;
  /** Ends the run: the list is empty. */
  end(): void;
  /** The application in use, whose links the run reads through. */
  attach(app: ApplicationLinks): void;
  /** No application (reconnecting, signed out): the run waits. */
  detach(): void;
  /** The contacts whose presence is read first when the list is (re-)read. */
  readFirst(uris: readonly string[]): void;
}

export function createPeopleRuns(feature: PeopleFeature, base: PeopleContextBase): PeopleRuns {
  const context = new BehaviorSubject<PeopleContext | null>(null);
  const runs = new BehaviorSubject<ReturnType<PeopleFeature> | null>(null);
  // Read when the list structure is known, so the latest window wins without re-reading anything.
  const visible = new BehaviorSubject<readonly string[]>([]);
  const lifetime = new DisposableStore();
  // One sign-in's failure report; cleared when the next run starts or the sign-in ends.
  const watching = lifetime.add(new DisposableStore());
  lifetime.add(() => {
    for (const subject of [context, runs, visible]) subject.complete();
  });
  lifetime.add(() => runs.next(null));
  const contacts$ = connectable(
    runs.pipe(
      switchMap((run) => (run === null ? of(EMPTY_CONTACT_LIST) : run.contacts$.pipe(startWith(EMPTY_CONTACT_LIST)))),
      distinctUntilChanged(),
    ),
    { connector: () => new ReplaySubject<ContactList>(1), resetOnDisconnect: false },
  );
  const changes$ = connectable(runs.pipe(switchMap((run) => run?.changes$ ?? EMPTY)), {
    connector: () => new Subject<Change>(),
    resetOnDisconnect: false,
  });
  lifetime.add(contacts$.connect());
  lifetime.add(changes$.connect());
  const unwatch = (): void => watching.clear();
  return {
    contacts$,
    changes$,
    start: (onFailure) => {
      const run = feature(context.asObservable());
      unwatch();
      if (run.failure$ !== undefined) watching.add(run.failure$.subscribe(onFailure));
      runs.next(run);
    },
    unwatch,
    end: () => runs.next(null),
    attach: (app) =>
      context.next({ ...base, links: { people: app.people, batch: app.batch }, readFirst: () => visible.value }),
    detach: () => context.next(null),
    readFirst: (uris) => visible.next([...uris]),
    dispose: () => lifetime.dispose(),
  };
}
