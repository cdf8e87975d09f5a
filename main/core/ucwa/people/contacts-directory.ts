import type { ContactCapabilities, ContactCard, DirectoryContact, SearchResult } from '../../../../shared/models';
import type { PhotoAnswer } from './contact-photo';
import * as changes from './contact-list-changes';
import { createDirectoryContext, guard, type DirectoryAccess } from './directory-context';
import { runSearch, withPresence } from './directory-lookups';
import { expandDistributionGroup, readContactCard, readContactPhoto, readContactPhotoHref } from './directory-reads';

export type { DirectoryAccess } from './directory-context';

/**
 * Directory search, contact cards and contact-list management, following only the links the
 * server gives. Changes are sent and nothing else: the contact list learns of them from the
 * contacts-and-groups subscription, like any other change, so it never drifts from the server.
 * Every failure rejects with a `ContactListError`.
 */
export interface ContactsDirectory {
  capabilities(): Promise<ContactCapabilities>;
  search(query: string, limit: number): Promise<SearchResult>;
  expandDistributionGroup(uri: string): Promise<readonly DirectoryContact[]>;
  contactCard(uri: string): Promise<ContactCard>;
  /** The href of a contact's photo, when the server links one. */
  contactPhotoHref(uri: string): Promise<string | undefined>;
  /**
   * A photo by the href `contactPhotoHref` or `contactCard` gave, with the token of the origin that
   * serves it, at most `MAX_PHOTO_BYTES`; `ifNoneMatch` asks only for a changed one.
   */
  contactPhoto(href: string, ifNoneMatch?: string): Promise<PhotoAnswer>;
  /** No `groupId`: the server's default group. */
  addContact(uri: string, groupId?: string): Promise<void>;
  removeContactFromGroup(uri: string, groupId: string): Promise<void>;
  removeContactFromAllGroups(uri: string): Promise<void>;
  createGroup(name: string): Promise<void>;
  renameGroup(groupId: string, name: string): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  addDistributionGroup(uri: string): Promise<void>;
  removeDistributionGroup(groupId: string): Promise<void>;
}

/** The contacts directory over the session `access` gives; each failure rejects with a `ContactListError`. */
export function createContactsDirectory(access: () => DirectoryAccess | undefined): ContactsDirectory {
  const ctx = createDirectoryContext(access);
  return {
    capabilities: guard(async () => (await ctx.offer()).capabilities),
    search: guard(async (query: string, limit: number) => withPresence(ctx, await runSearch(ctx, query, limit))),
    expandDistributionGroup: guard((uri: string) => expandDistributionGroup(ctx, uri)),
    contactCard: guard((uri: string) => readContactCard(ctx, uri)),
    contactPhotoHref: guard((uri: string) => readContactPhotoHref(ctx, uri)),
    contactPhoto: guard((href: string, ifNoneMatch?: string) => readContactPhoto(ctx, href, ifNoneMatch)),
    addContact: guard((uri: string, groupId?: string) => changes.addContact(ctx, uri, groupId)),
    removeContactFromGroup: guard((uri: string, groupId: string) => changes.removeContactFromGroup(ctx, uri, groupId)),
    removeContactFromAllGroups: guard((uri: string) => changes.removeContactFromAllGroups(ctx, uri)),
    createGroup: guard((name: string) => changes.createGroup(ctx, name)),
    renameGroup: guard((groupId: string, name: string) => changes.renameGroup(ctx, groupId, name)),
    deleteGroup: guard((groupId: string) => changes.deleteGroup(ctx, groupId)),
    addDistributionGroup: guard((uri: string) => changes.addDistributionGroup(ctx, uri)),
    removeDistributionGroup: guard((groupId: string) => changes.removeDistributionGroup(ctx, groupId)),
  };
}
