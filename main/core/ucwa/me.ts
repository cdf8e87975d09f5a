import { catchError, map, type Observable, of, throwError } from 'rxjs';
import type { SettableAvailability } from '../../../shared/availability';
import { isAlreadyExists } from './error-classification';
import type { ResourceClient } from './resource-client';

/** The body of makeMeAvailable; `signInAs` omitted means "automatic". */
export function makeMeAvailableBody(signInAs: SettableAvailability | null): Record<string, unknown> {
  return {
    SupportedModalities: ['Messaging'],
    ...(signInAs !== null ? { signInAs } : {}),
  };
}

/**
 * Leaves "lurker mode" so presence can be published (ucwa-protocol.md §4.2). A 409
 * `AlreadyExists` means we already are available, which is fine. Afterwards the caller must
 * re-read the application: presence/note/reportMyActivity links only exist from now on.
 * Emits whether `signInAs` was applied (false after `AlreadyExists`: publish presence separately).
 */
export function makeMeAvailable(
  client: ResourceClient,
  href: string,
  signInAs: SettableAvailability | null,
): Observable<boolean> {
  return client.request({ method: 'POST', href, json: makeMeAvailableBody(signInAs) }).pipe(
    map(() => true),
    catchError((error: unknown) => (isAlreadyExists(error) ? of(false) : throwError(() => error))),
  );
}
