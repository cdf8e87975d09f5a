import type { SessionError } from '../../../shared/models';
import { isUcwaError } from '../ucwa/ucwa-error';
import { isSessionFailure } from './session-failure';

/** A short, secret-free description of a failure for `reconnecting.lastError` and logs. */
export function describeError(error: unknown): string {
  if (isSessionFailure(error)) return error.error.message;
  if (isUcwaError(error)) return error.message;
  return 'Unexpected error.';
}

/**
 * The user-facing reason for a failure we will not retry. UcwaErrors are mapped by status and
 * subcode (ucwa-protocol.md §3.3, §8); messages say what to do.
 */
export function toSessionError(error: unknown): SessionError {
  if (isSessionFailure(error)) return error.error;
  if (isUcwaError(error)) {
    if (error.details.cause === 'certificate') {
      return {
        reason: 'certificate',
        message: "The server's certificate is not trusted; install your company's root certificate or ask your administrator.",
      };
    }
    if (error.subcode === 'TooManyApplications') {
      return { reason: 'tooManyApplications', message: 'You are signed in on too many devices; sign out somewhere else and retry.' };
    }
    if (error.subcode === 'UserAgentNotAllowed') {
      return { reason: 'userAgentNotAllowed', message: 'Your administrator does not allow this app; ask them to allow it.' };
    }
    if (error.status === 403) {
      return { reason: 'forbidden', message: 'The server refused access for this account; ask your administrator.' };
    }
    if (error.kind === 'network') {
      return { reason: 'serverUnreachable', message: 'The server could not be reached; check your network and the discovery URL.' };
    }
    if (error.kind === 'malformed' && (error.details.cause === 'tooLarge' || error.details.cause === 'tooDeep')) {
      return { reason: 'malformedReply', message: `${error.message} Ask your administrator.` };
    }
    if (error.kind === 'malformed') {
      return { reason: 'malformedReply', message: 'The server answered something this app does not understand.' };
    }
  }
  return { reason: 'unknown', message: 'Signing in failed for an unexpected reason; try again later.' };
}
