import type { Availability, SettableAvailability } from './availability';

/**
 * Plain data shared by the engine, the main process, the renderer and tests.
 * Everything here is structured-clone safe (no classes, no functions, no Dates: times are epoch ms).
 */

/** UCWA group kinds we show, in the order the window lists them. */
export type GroupKind = 'pinned' | 'personal' | 'default' | 'distribution' | 'other';

export interface Group {
  /** The group's UCWA `id`. */
  readonly id: string;
  readonly name: string;
  readonly kind: GroupKind;
  /** SIP URIs (`sip:alice@contoso.com`) of the members, in server order. */
  readonly contactUris: readonly string[];
}

export interface Contact {
  /** SIP URI, the stable identity of a contact. */
  readonly uri: string;
  readonly name: string;
  readonly availability: Availability;
  readonly note?: string;
}

/** The whole contact list: what the window renders and what `contacts` NDJSON lines carry. */
export interface ContactList {
  readonly groups: readonly Group[];
  /** Keyed by SIP URI. A contact may be in several groups. */
  readonly contacts: Readonly<Record<string, Contact>>;
}

export const EMPTY_CONTACT_LIST: ContactList = { groups: [], contacts: {} };

export type ChangeKind =
  | 'groupAdded'
  | 'groupRemoved'
  | 'groupRenamed'
  | 'contactAdded'
  | 'contactRemoved'
  | 'contactPresenceChanged';

/** One line of the live change feed. */
export interface Change {
  readonly kind: ChangeKind;
  /** Epoch milliseconds, from the engine's injected clock. */
  readonly at: number;
  /** Group name (the new name for `groupRenamed`). */
  readonly group?: string;
  /** Previous group name, for `groupRenamed`. */
  readonly previousGroup?: string;
  /** Contact display name. */
  readonly contact?: string;
  readonly contactUri?: string;
  /** New availability, for `contactPresenceChanged`. */
  readonly availability?: Availability;
}

/** What the user has asked the engine to publish. */
export interface DesiredPresence {
  /** `null` = automatic (server-derived). */
  readonly availability: SettableAvailability | null;
  readonly note: string;
}

/** My presence as the server reports it (events), plus my note. */
export interface MyPresence {
  readonly availability: Availability;
  readonly note: string;
}

export type SessionErrorReason =
  | 'badAddress'
  | 'unknownDomain'
  | 'badDiscoveryUrl'
  | 'wrongPassword'
  | 'grantNotSupported'
  | 'serverUnreachable'
  | 'certificate'
  | 'forbidden'
  | 'tooManyApplications'
  | 'userAgentNotAllowed'
  | 'malformedReply'
  /** A URL that is plain http (not loopback, not allowed by the admin): refused. */
  | 'insecureConnection'
  /** A host outside the sign-in domain and the admin's trusted domains, not approved: refused. */
  | 'untrustedHost'
  | 'unknown';

export interface SessionError {
  readonly reason: SessionErrorReason;
  /** One sentence that says what to fix. Never contains a secret. */
  readonly message: string;
}

export type SessionState =
  | { readonly state: 'signedOut' }
  | { readonly state: 'discovering' }
  | { readonly state: 'authenticating' }
  | { readonly state: 'connecting' }
  | { readonly state: 'online' }
  | {
      readonly state: 'reconnecting';
      readonly attempt: number;
      /** Epoch ms of the next try. */
      readonly nextRetryAt: number;
      readonly lastError: string;
    }
  | { readonly state: 'error'; readonly error: SessionError };

export type SessionStateName = SessionState['state'];

/** What a user types to sign in. The password never leaves the main process. */
export interface SignInRequest {
  /** `dana@contoso.com` or `sip:dana@contoso.com`. */
  readonly address: string;
  /** Optional explicit autodiscovery URL; when absent, lyncdiscover DNS names are tried. */
  readonly discoveryUrl?: string;
}

/** One person found by a directory search or in an expanded distribution group. */
export interface DirectoryContact {
  readonly uri: string;
  readonly name: string;
  readonly title?: string;
  readonly department?: string;
  readonly company?: string;
  readonly office?: string;
  readonly emailAddresses: readonly string[];
  readonly workPhoneNumber?: string;
  readonly mobilePhoneNumber?: string;
  /** As the directory's presence resource reported it when the search ran (not kept live). */
  readonly availability?: Availability;
}

/** A distribution group found by a directory search. */
export interface DirectoryGroup {
  readonly uri: string;
  readonly name: string;
  /** Its id on the contact list when it is already there. */
  readonly groupId?: string;
  /** The server offers to add it to the contact list (UCWA 2.0 addToContactList). */
  readonly canAdd: boolean;
  /** The server offers to expand it into its members. */
  readonly canExpand: boolean;
}

/** The answer of `people/search`. */
export interface SearchResult {
  readonly query: string;
  readonly contacts: readonly DirectoryContact[];
  readonly distributionGroups: readonly DirectoryGroup[];
  /** The server cut the answer at `limit`: a narrower query finds the rest. */
  readonly moreResultsAvailable: boolean;
}

/** A contact's note: personal, or an out-of-office message. */
export interface ContactNote {
  readonly message: string;
  readonly type: 'personal' | 'outOfOffice' | 'other';
}

/** Everything a contact card shows; the photo bytes are fetched separately by main. */
export interface ContactCard extends DirectoryContact {
  readonly note?: ContactNote;
  readonly location?: string;
  /** Modalities the contact can be reached by now (`Messaging`, `Audio`…). */
  readonly modalities: readonly string[];
  /** Absolute href of the contact's photo, when the server links one (bytes come through main). */
  readonly photoHref?: string;
}

/** Whether a capability is offered, and when not, why, in words a user can read. */
export type Capability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** What the user's server lets them do with the contact list. */
export interface ContactCapabilities {
  readonly search: Capability;
  /** Adding, removing, creating, renaming and deleting (UCWA 2.0 revision-2 resources). */
  readonly contactListManagement: Capability;
}

/** Why a contact-list request failed, for callers that branch on it. */
export type ContactListErrorReason =
  | 'unavailable'
  | 'notSignedIn'
  | 'forbidden'
  | 'tooManyGroups'
  | 'tooManyContacts'
  | 'alreadyExists'
  | 'notFound'
  | 'notSupported'
  | 'changedMeanwhile'
  | 'invalid'
  | 'failed';
