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
  const noteWrite$ = (href: string, note: string): Observable<unknown> => setNote(client, href, note).pipe(published(note));

  const read$ = (app: ApplicationLinks): Observable<MyPresence> => {
    const presenceHref = app.me['presence'];
    const noteHref = app.me['note'];
    return forkJoin({
      availability: presenceHref !== undefined ? getPresence(client, presenceHref) : of(presence.value.availability),
      note: noteHref !== undefined ? getNote(client, noteHref) : of(presence.value.note),
    }).pipe(tap((value) => presence.next(value)));
  };
  const republishIfDrifted$ = (app: ApplicationLinks): Observable<unknown> =>
    read$(app).pipe(
      switchMap((server) => {
        const writes = driftWrites(app, server);
        if (writes.length === 0) return EMPTY;
        return concat(...writes.map((write) => write.pipe(ignoreElements())), defer(() => read$(app)));
      }),
    );
  const driftWrites = (app: ApplicationLinks, server: MyPresence): Observable<unknown>[] => {
    const { availability: want, note } = desired.value;
    const href = app.me['presence'];
    const noteHref = app.me['note'];
    const writes: Observable<unknown>[] = [];
    if (href !== undefined && needsRepublish(want, server.availability)) {
      logger.log('info', 'republishing availability', { server: server.availability });
      writes.push(setPresence(client, href, want));
    }
    if (noteUnpublished && noteHref !== undefined) {
      if (server.note === note) noteUnpublished = false;
      else writes.push(noteWrite$(noteHref, note));
    }
    return writes;
  };
  const write$ = (app: ApplicationLinks, rel: 'presence' | 'note', write: (href: string) => Observable<unknown>): Observable<unknown> => {
    const href = app.me[rel];
    return href === undefined ? EMPTY : write(href).pipe(switchMap(() => read$(app)));
  };

  return {
    desired$: desired.asObservable(),
    presence$: presence.asObservable(),
    choose: (change) => {
      desired.next({ ...desired.value, ...change });
      if (change.note !== undefined) noteUnpublished = true;
    },
    begin: (initial) => {
      desired.next({ ...desired.value, ...initial });
      noteUnpublished = false;
    },
    read$,
    republishIfDrifted$,
    becomeAvailable$: (created) =>
      becomeAvailable$(client, created, () => desired.value, {
        noteUnpublished: () => noteUnpublished,
        writeNote$: noteWrite$,
      }),
    writeAvailability$: (app, availability) => write$(app, 'presence', (href) => setPresence(client, href, availability)),
    writeNote$: (app, note) => write$(app, 'note', (href) => noteWrite$(href, note)),
    markOffline: () => presence.next({ availability: 'Offline', note: presence.value.note }),
    dispose: () => {
      desired.complete();
      presence.complete();
    },
  };
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
