import type { ContactListChange, ContactListOutcome, SearchRequest } from '../../../shared/ipc-contract';
import type { ContactCapabilities, DirectoryContact, SearchResult } from '../../../shared/models';
import { toContactListError } from '../ucwa/people/contact-list-error';
import type { ContactsDirectory } from '../ucwa/people/contacts-directory';

/**
 * The window's directory and contact-list requests, answered as outcomes: a refusal (403, 409, a
 * resource the server does not link) becomes `{ok: false, reason, message}` instead of a rejection,
 * so the window can word it. Nothing here touches the contact list the window shows: every change
 * comes back through the contacts-and-groups subscription.
 */
export interface ContactListCommands {
  capabilities(): Promise<ContactCapabilities>;
  search(request: SearchRequest): Promise<ContactListOutcome<SearchResult>>;
  expandDistributionGroup(uri: string): Promise<ContactListOutcome<readonly DirectoryContact[]>>;
  change(change: ContactListChange): Promise<ContactListOutcome<null>>;
}

async function outcome<T>(run: () => Promise<T>): Promise<ContactListOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const refused = toContactListError(error);
    return { ok: false, reason: refused.reason, message: refused.message };
  }
}

/** Sends one change to the server through the directory's UCWA 2.0 resources. */
export async function sendContactListChange(directory: ContactsDirectory, change: ContactListChange): Promise<void> {
  switch (change.kind) {
    case 'addContact':
      return directory.addContact(change.uri, change.groupId);
    case 'removeFromGroup':
      return directory.removeContactFromGroup(change.uri, change.groupId);
    case 'removeFromAllGroups':
      return directory.removeContactFromAllGroups(change.uri);
    case 'moveContact':
      // Added first: a move that fails half-way leaves the contact in both groups, never in none.
      await directory.addContact(change.uri, change.toGroupId);
      return directory.removeContactFromGroup(change.uri, change.fromGroupId);
    case 'createGroup':
      return directory.createGroup(change.name);
    case 'renameGroup':
      return directory.renameGroup(change.groupId, change.name);
    case 'deleteGroup':
      return directory.deleteGroup(change.groupId);
    case 'addDistributionGroup':
      return directory.addDistributionGroup(change.uri);
    case 'removeDistributionGroup':
      return directory.removeDistributionGroup(change.groupId);
  }
}

/** The commands over `directory` (the engine's `directory`). */
export function createContactListCommands(directory: ContactsDirectory): ContactListCommands {
  return {
    capabilities: () => directory.capabilities().catch((): ContactCapabilities => {
      // Signed out or unreadable: offer nothing rather than fail the window.
      const none = { available: false, reason: 'Sign in first.' } as const;
      return { search: none, contactListManagement: none };
    }),
    search: (request) => outcome(() => directory.search(request.query, request.limit)),
    expandDistributionGroup: (uri) => outcome(() => directory.expandDistributionGroup(uri)),
    change: (change) => outcome(async () => {
      await sendContactListChange(directory, change);
      return null;
    }),
  };
}
