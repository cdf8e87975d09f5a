import { catchError, ignoreElements, type Observable, tap, throwError } from 'rxjs';
import type { Logger } from '../ports';
import { describeError } from '../session/session-state';
import { classifyError } from '../ucwa/error-classification';
import { retryTransient, type RetryOptions } from '../ucwa/event-channel';
import { redactUrl } from '../ucwa/http-client';
import { isUcwaError } from '../ucwa/ucwa-error';

/** Wraps one stream that runs through the application in use. */
export type Guard = <T>(source: Observable<T>) => Observable<T>;

/**
 * Retries transient failures of `source` with the session's shared outage, and lets through only
 * the "gone" errors that mean the application itself is gone: a 404 on a sub-resource is
 * ambiguous (an expired subscription says ApplicationNotFound too, §3.3), so it is confirmed by a
 * GET of the application (`probe`); when that answers, the stream ends quietly instead.
 */
export function applicationGuard(
  self: string,
  probe: () => Observable<unknown>,
  retryOptions: RetryOptions,
  logger: Logger,
): Guard {
  const confirmGone = <T>(source: Observable<T>): Observable<T> =>
    source.pipe(
      catchError((error: unknown) => {
        const gone = classifyError(error) === 'recreate';
        const onSelf = isUcwaError(error) && error.details.url === redactUrl(self);
        if (!gone || onSelf) return throwError(() => error);
        return probe().pipe(
          tap(() => logger.log('warn', 'a resource is gone but the application lives', { error: describeError(error) })),
          ignoreElements(),
        );
      }),
    );
  return (source) => confirmGone(source.pipe(retryTransient(retryOptions)));
}
