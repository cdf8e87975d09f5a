import { catchError, concat, concatMap, defer, EMPTY, from, ignoreElements, map, type Observable, of, switchMap, tap } from 'rxjs';
import type { Logger } from '../ports';
import { describeError } from '../session/session-state';
import { type ApplicationIdentity, type ApplicationLinks, createApplication } from './application';
import type { ResourceClient } from './resource-client';
import { isUcwaError } from './ucwa-error';

/**
 * The one owner of our applications on the server. It creates them, remembers every one it has
 * stopped using, and deletes those before it creates the next one (and tries again right after,
 * if a DELETE failed), so starting over after a 403/502 on the P-GET or a 401 that survives
 * re-authentication never leaves a second live application for our EndpointId: each one would
 * keep publishing the user's presence and count against the pool's limit (410 TooManyApplications).
 */
export interface ApplicationOwner {
  /** The application created last and not retired yet. */
  readonly current: ApplicationLinks | undefined;
  /** Deletes the retired applications, then POSTs `applications` and owns the new one. */
  create$(applicationsHref: string, identity: ApplicationIdentity): Observable<ApplicationLinks>;
  /**
   * The current application is no longer used. `gone`: the server already ended it (404/410 on the
   * application itself), so there is nothing to delete.
   */
  retire(gone: boolean): void;
  /** Retires the current application and deletes every retired one (sign-out, a session that ends). */
  deleteAll$(timeoutMs: number): Observable<void>;
}

export function createApplicationOwner(client: ResourceClient, logger: Logger): ApplicationOwner {
  let current: ApplicationLinks | undefined;
  /** Self hrefs of applications we stopped using that may still live on the server. */
  const retired = new Set<string>();

  const deleteOne$ = (self: string, timeoutMs?: number): Observable<never> =>
    client.request({ method: 'DELETE', href: self, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }).pipe(
      tap(() => retired.delete(self)),
      ignoreElements(),
      catchError((error: unknown) => {
        // Already gone is what we wanted; anything else: keep it and try again next time.
        if (isUcwaError(error) && (error.status === 404 || error.status === 410)) retired.delete(self);
        else logger.log('warn', 'could not delete an application we no longer use', { error: describeError(error) });
        return EMPTY;
      }),
    );
  const deleteRetired$ = (timeoutMs?: number): Observable<never> =>
    defer(() => from([...retired]).pipe(concatMap((self) => deleteOne$(self, timeoutMs))));
  const retire = (gone: boolean): void => {
    if (current !== undefined && !gone) retired.add(current.self);
    current = undefined;
  };

  return {
    get current() {
      return current;
    },
    create$: (applicationsHref, identity) =>
      concat(deleteRetired$(), defer(() => createApplication(client, applicationsHref, identity))).pipe(
        tap((app) => {
          current = app;
        }),
        switchMap((app) => concat(deleteRetired$(), of(app))),
      ),
    retire,
    deleteAll$: (timeoutMs) =>
      defer(() => {
        retire(false);
        return concat(deleteRetired$(timeoutMs), of(undefined));
      }).pipe(map(() => undefined)),
  };
}
