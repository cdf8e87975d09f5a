import { distinctUntilChanged, skip, type SchedulerLike, type Subscription } from 'rxjs';
import type { MyPresence, SessionError } from '../../shared/models';
import type { Engine } from '../core/engine-api';
import type { OutputLine } from './cli-output';
import { firstSnapshot } from './contact-snapshot';

/**
 * Prints what the engine reports: session states, my presence once we are online and the server
 * has said something (the engine starts from a placeholder, which distinctUntilChanged + skip(1)
 * leave out), one contacts snapshot, then every change. `onFatal` is told of an error state after
 * sign-in: something retrying cannot fix (e.g. the password changed).
 */
export function printSession(
  engine: Pick<Engine, 'session$' | 'presence$' | 'contacts$' | 'changes$'>,
  scheduler: SchedulerLike,
  print: (line: OutputLine) => void,
  onFatal: (error: SessionError) => void,
): Subscription[] {
  let online = false;
  let serverPresence: MyPresence | undefined;
  return [
    engine.session$.pipe(skip(1)).subscribe((session) => {
      print({ type: 'session', session });
      if (session.state === 'online' && !online) {
        online = true;
        if (serverPresence) print({ type: 'presence', presence: serverPresence });
      }
      if (session.state === 'error' && online) onFatal(session.error);
    }),
    engine.presence$
      .pipe(
        distinctUntilChanged((a: MyPresence, b: MyPresence) => a.availability === b.availability && a.note === b.note),
        skip(1),
      )
      .subscribe((presence) => {
        serverPresence = presence;
        if (online) print({ type: 'presence', presence });
      }),
    firstSnapshot(engine.contacts$, scheduler).subscribe((list) => print({ type: 'contacts', list })),
    engine.changes$.subscribe((change) => print({ type: 'change', change })),
  ];
}
