import { finalize, type Observable, Subject } from 'rxjs';
import { serialMap } from '../session/serial-map';
import type { Disposable } from '../lifetime/disposable-store';
import type { ApplicationLinks } from '../ucwa/application';
import type { Guard } from './application-guard';

/** One user command: what it sends through the application, and whom to tell when it is done. */
interface Command {
  readonly run: (app: ApplicationLinks) => Observable<unknown>;
  readonly done: () => void;
}

/**
 * The user's commands, sent one after another through the application in use. A command given
 * while there is none resolves at once: the choice it records is published when one exists.
 */
export interface CommandQueue extends Disposable {
  /** Queues a command; resolves when it ran (or failed, which the session shows). */
  submit(run: (app: ApplicationLinks) => Observable<unknown>): Promise<void>;
  /** Runs the queued commands through `app`, each through `guard`, until unsubscribed. */
  run$(app: ApplicationLinks, guard: Guard): Observable<unknown>;
}

export function createCommandQueue(hasApplication: () => boolean): CommandQueue {
  const commands = new Subject<Command>();
  return {
    submit: (run) =>
      hasApplication() ? new Promise<void>((resolve) => commands.next({ run, done: resolve })) : Promise.resolve(),
    run$: (app, guard) => commands.pipe(serialMap((command) => guard(command.run(app)).pipe(finalize(command.done)))),
    dispose: () => commands.complete(),
  };
}
