import { BehaviorSubject, concat, defer, EMPTY, forkJoin, ignoreElements, type Observable, of, switchMap, tap } from 'rxjs';
import type { SettableAvailability } from '../../../shared/availability';
import type { DesiredPresence, MyPresence } from '../../../shared/models';
import type { Disposable } from '../lifetime/disposable-store';
import type { Logger } from '../ports';
import { type ApplicationLinks, getApplication } from '../ucwa/application';
import { makeMeAvailable } from '../ucwa/me';
import { getNote, setNote } from '../ucwa/note';
import { getPresence, needsRepublish, setPresence } from '../ucwa/presence';
import type { ResourceClient } from '../ucwa/resource-client';

/**
 * My presence on two sides: what the user chose (`desired$`, kept across reconnects and
 * re-created applications) and what the server shows (`presence$`). Publishes the choice, and
 * publishes it again whenever the server drifted away from it.
 */
export interface PresencePublisher extends Disposable {
  readonly desired$: Observable<DesiredPresence>;
  readonly presence$: Observable<MyPresence>;
  /** Records a choice; it reaches the server with the next write or republish. */
  choose(change: Partial<DesiredPresence>): void;
  /** A new sign-in starts from these values; a note nobody chose yet is left as the server has it. */
  begin(initial: Partial<DesiredPresence>): void;
  /** Reads my presence and note as the server has them. */
  read$(app: ApplicationLinks): Observable<MyPresence>;
  /** Publishes the chosen availability again if the server shows something else, and a note not published yet. */
  republishIfDrifted$(app: ApplicationLinks): Observable<unknown>;
  /** makeMeAvailable (signInAs = chosen availability), re-read links, restore presence and note. */
  becomeAvailable$(created: ApplicationLinks): Observable<ApplicationLinks>;
  /** Writes an availability (null: automatic) and reads back what the server made of it. */
  writeAvailability$(app: ApplicationLinks, availability: SettableAvailability | null): Observable<unknown>;
  /** Writes the note and reads back what the server made of it. */
  writeNote$(app: ApplicationLinks, note: string): Observable<unknown>;
  /** The session ended: the server no longer shows us; the note is kept for the next sign-in. */
  markOffline(): void;
}

export function createPresencePublisher(client: ResourceClient, logger: Logger): PresencePublisher {
  const desired = new BehaviorSubject<DesiredPresence>({ availability: null, note: '' });
  const presence = new BehaviorSubject<MyPresence>({ availability: 'Offline', note: '' });
  const note = createNoteTracker(client, () => desired.value.note);
  const read$ = (app: ApplicationLinks): Observable<MyPresence> => readMyPresence$(client, app, presence);
  const republishIfDrifted$ = (app: ApplicationLinks): Observable<unknown> =>
    read$(app).pipe(
      switchMap((server) => {
        const writes = driftWrites({ client, logger, note }, app, desired.value, server);
        if (writes.length === 0) return EMPTY;
        return concat(...writes.map((write) => write.pipe(ignoreElements())), defer(() => read$(app)));
      }),
    );
  const write$ = (app: ApplicationLinks, rel: 'presence' | 'note', write: (href: string) => Observable<unknown>): Observable<unknown> => {
    const href = app.me[rel];
    return href === undefined ? EMPTY : write(href).pipe(switchMap(() => read$(app)));
  };

  return {
    desired$: desired.asObservable(),
    presence$: presence.asObservable(),
    choose: (change) => {
      desired.next({ ...desired.value, ...change });
      if (change.note !== undefined) note.markUnpublished();
    },
    begin: (initial) => {
      desired.next({ ...desired.value, ...initial });
      note.markPublished();
    },
    read$,
    republishIfDrifted$,
    becomeAvailable$: (created) =>
      becomeAvailable$(client, created, () => desired.value, { noteUnpublished: note.unpublished, writeNote$: note.write$ }),
    writeAvailability$: (app, availability) => write$(app, 'presence', (href) => setPresence(client, href, availability)),
    writeNote$: (app, text) => write$(app, 'note', (href) => note.write$(href, text)),
    markOffline: () => presence.next({ availability: 'Offline', note: presence.value.note }),
    dispose: () => {
      desired.complete();
      presence.complete();
    },
  };
}

/**
 * Whether the user chose a note the server may not have: its write failed, was cut off by a new
 * application, or never started (chosen while disconnected). It is published with the next
 * application or reconnect, even when empty. A note nobody chose in this sign-in is left as the
 * server has it (another endpoint may have set it).
 */
interface NoteTracker {
  unpublished(): boolean;
  markUnpublished(): void;
  markPublished(): void;
  /** Writes a note; once written, it counts as published if it is still the chosen one. */
  write$(href: string, note: string): Observable<unknown>;
}

function createNoteTracker(client: ResourceClient, chosen: () => string): NoteTracker {
  let unpublished = false;
  return {
    unpublished: () => unpublished,
    markUnpublished: () => {
      unpublished = true;
    },
    markPublished: () => {
      unpublished = false;
    },
    write$: (href, note) =>
      setNote(client, href, note).pipe(
        tap(() => {
          if (note === chosen()) unpublished = false;
        }),
      ),
  };
}

/** Reads my presence and note as the server has them (what a missing link cannot read is kept). */
function readMyPresence$(client: ResourceClient, app: ApplicationLinks, presence: BehaviorSubject<MyPresence>): Observable<MyPresence> {
  const presenceHref = app.me['presence'];
  const noteHref = app.me['note'];
  return forkJoin({
    availability: presenceHref !== undefined ? getPresence(client, presenceHref) : of(presence.value.availability),
    note: noteHref !== undefined ? getNote(client, noteHref) : of(presence.value.note),
  }).pipe(tap((value) => presence.next(value)));
}

/** The writes that bring the server back to the user's choice (none when it already shows it). */
function driftWrites(
  deps: { readonly client: ResourceClient; readonly logger: Logger; readonly note: NoteTracker },
  app: ApplicationLinks,
  chosen: DesiredPresence,
  server: MyPresence,
): Observable<unknown>[] {
  const { client, logger, note } = deps;
  const href = app.me['presence'];
  const noteHref = app.me['note'];
  const writes: Observable<unknown>[] = [];
  if (href !== undefined && needsRepublish(chosen.availability, server.availability)) {
    logger.log('info', 'republishing availability', { server: server.availability });
    writes.push(setPresence(client, href, chosen.availability));
  }
  if (note.unpublished() && noteHref !== undefined) {
    if (server.note === chosen.note) note.markPublished();
    else writes.push(note.write$(noteHref, chosen.note));
  }
  return writes;
}

/** How a new application learns whether the chosen note still has to reach the server. */
interface NoteRestore {
  noteUnpublished(): boolean;
  writeNote$(href: string, note: string): Observable<unknown>;
}

/** The availability is the one chosen when the application was created; the note is the latest. */
function becomeAvailable$(
  client: ResourceClient,
  created: ApplicationLinks,
  desired: () => DesiredPresence,
  noteRestore: NoteRestore,
): Observable<ApplicationLinks> {
  const want = desired().availability;
  const mma = created.me['makeMeAvailable'];
  const applied$ = mma !== undefined ? makeMeAvailable(client, mma, want) : of(false);
  return applied$.pipe(
    switchMap((applied) =>
      getApplication(client, created.self).pipe(
        switchMap((app) => {
          const steps: Observable<unknown>[] = [];
          const presenceHref = app.me['presence'];
          const noteHref = app.me['note'];
          const note = desired().note;
          if (!applied && want !== null && presenceHref !== undefined) steps.push(setPresence(client, presenceHref, want));
          if ((note !== '' || noteRestore.noteUnpublished()) && noteHref !== undefined) steps.push(noteRestore.writeNote$(noteHref, note));
          return concat(...steps.map((step) => step.pipe(ignoreElements())), of(app));
        }),
      ),
    ),
  );
}
