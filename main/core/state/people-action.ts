import type { Availability } from '../../../shared/availability';
import type { Contact, ContactList, Group } from '../../../shared/models';

/**
 * What the people streams learned from the server, as typed actions for `reduceContactList`.
 * Built from parsed UCWA resources and events; never carries hrefs or raw JSON.
 */
export type PeopleAction =
  /** A full re-read (sign-in, new application, resync): replaces the list. */
  | { readonly type: 'listLoaded'; readonly list: ContactList }
  /** A group was added or changed: its name/kind and its members as the server now lists them. */
  | { readonly type: 'groupUpserted'; readonly group: Group; readonly contacts: readonly Contact[] }
  | { readonly type: 'groupRemoved'; readonly groupId: string }
  | { readonly type: 'contactAdded'; readonly groupId: string; readonly contact: Contact }
  | { readonly type: 'contactRemoved'; readonly groupId: string; readonly uri: string }
  | {
      readonly type: 'presenceChanged';
      readonly uri: string;
      readonly availability: Availability;
      readonly note?: string;
    }
  /** A contact's note; '' clears it. */
  | { readonly type: 'noteChanged'; readonly uri: string; readonly note: string }
  /** Presence and notes read for some of the listed contacts (one batch's answers). */
  | { readonly type: 'statusRead'; readonly updates: readonly StatusUpdate[] };

/** One read status: a contact's availability, or its note ('' = none). */
export type StatusUpdate =
  | { readonly uri: string; readonly availability: Availability }
  | { readonly uri: string; readonly note: string };
