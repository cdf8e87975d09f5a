import type { ContactListErrorReason } from '../../../../shared/models';
import { isUcwaError } from '../ucwa-error';

/**
 * A contact-list request the server refused (or one the engine did not send because the server
 * does not offer it). `message` says what to do, in words a user can read.
 */
export class ContactListError extends Error {
  override readonly name = 'ContactListError';

  constructor(
    readonly reason: ContactListErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export function isContactListError(error: unknown): error is ContactListError {
  return error instanceof ContactListError;
}

/** Said when the server links none of the contact-list management resources. */
export const MANAGEMENT_UNAVAILABLE = 'Your server does not allow changing the contact list.';
export const SEARCH_UNAVAILABLE = 'Your server does not offer a directory search.';

/**
 * Maps what a management or search request ended with to a `ContactListError`. Pure. The 409
 * subcodes follow the simulator and myGroupMemberships2_ref (`LimitExceeded` is the reference's
 * name for a full contact list).
 */
export function toContactListError(error: unknown): ContactListError {
  if (isContactListError(error)) return error;
  if (!isUcwaError(error)) return new ContactListError('failed', 'The contact list could not be changed.');
  if (error.kind === 'network') return new ContactListError('failed', 'The server could not be reached; try again.');
  if (error.kind === 'malformed') return new ContactListError('failed', 'The server sent an answer the app does not understand.');
  const code = error.details.subcode ?? error.details.code;
  switch (error.status) {
    case 400:
      return new ContactListError('invalid', 'The server refused the name or address; check it and try again.');
    case 403:
      return code === 'OperationNotSupported'
        ? new ContactListError('notSupported', 'This group cannot be changed.')
        : new ContactListError('forbidden', 'Your server does not allow changing the contact list.');
    case 404:
      return new ContactListError('notFound', 'That contact or group no longer exists.');
    case 409:
      if (code === 'TooManyGroups') return new ContactListError('tooManyGroups', 'The contact list has as many groups as the server allows; delete one first.');
      if (code === 'TooManyContacts' || code === 'LimitExceeded') return new ContactListError('tooManyContacts', 'The contact list is full; remove a contact first.');
      if (code === 'AlreadyExists') return new ContactListError('alreadyExists', 'That is already on the contact list (or a group has that name).');
      return new ContactListError('failed', 'The server was busy with the contact list; try again.');
    case 412:
    case 428:
      return new ContactListError('changedMeanwhile', 'The group changed meanwhile; try again.');
    default:
      return new ContactListError('failed', 'The server could not change the contact list; try again later.');
  }
}
