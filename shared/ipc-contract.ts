import type { SettableAvailability } from './availability';
import type { Locale } from './i18n/locale';
import type { Availability } from './availability';
import type {
  Change,
  Contact,
  ContactCapabilities,
  ContactList,
  ContactListErrorReason,
  ContactNote,
  DirectoryContact,
  Group,
  SearchResult,
  SessionErrorReason,
  DesiredPresence,
  MyPresence,
  SessionState,
} from './models';

/**
 * The one IPC contract between main and the renderer. Channel names live only here; the preload
 * exposes `RendererApi` as `window.ucwa`; main validates every payload with `shared/guards.ts`.
 */
export const IPC = {
  /** invoke → AppSnapshot */
  getSnapshot: 'app:get-snapshot',
  /** invoke(SignInForm) → SignInResult */
  signIn: 'session:sign-in',
  /** invoke() → void */
  signOut: 'session:sign-out',
  /** invoke(SettableAvailability) → void */
  setAvailability: 'presence:set-availability',
  /** invoke() → void */
  resetAvailability: 'presence:reset',
  /** invoke(string) → void */
  setNote: 'presence:set-note',
  /** invoke({uri, watch}) → void: "tell me when <contact> is available" */
  watchContact: 'contacts:watch',
  /** invoke() → void: open the sign-in window (from the window's signed-out banner) */
  showSignIn: 'window:show-sign-in',
  /** invoke() → ContactSnapshot: a window that missed a patch batch starts over from this */
  contactsSnapshot: 'contacts:snapshot',
  /** invoke(SIP URI) → ContactCardResult */
  contactCard: 'contacts:card',
  /** invoke(SIP URI) → a `data:image/…` URL or null: the photo, fetched by main with the token */
  contactPhoto: 'contacts:photo',
  /** invoke(mailto:/tel:/sip:/im: URL) → boolean: handed to the OS (the window opens nothing itself) */
  openContactLink: 'contacts:open-link',
  /** invoke(text) → void: onto the clipboard (an address from the card) */
  copyText: 'clipboard:copy-text',
  /** invoke(string[]) → void: the contact URIs the window shows now (their presence is read first) */
  setVisibleContacts: 'contacts:visible',
  /** invoke() → ContactCapabilities: what the server lets the user do with the contact list */
  contactCapabilities: 'directory:capabilities',
  /** invoke(SearchRequest) → ContactListOutcome<SearchResult> */
  searchDirectory: 'directory:search',
  /** invoke(string: distribution group URI) → ContactListOutcome<readonly DirectoryContact[]> */
  expandDistributionGroup: 'directory:expand',
  /** invoke(ContactListChange) → ContactListOutcome<null>; the result itself arrives as patches */
  changeContactList: 'contacts:change',
  /** main → renderer pushes */
  sessionChanged: 'push:session',
  presenceChanged: 'push:presence',
  /** payload: ContactPatchBatch, numbered so a window can tell when it missed one */
  contactsPatched: 'push:contacts-patch',
  changeAdded: 'push:change',
  watchedChanged: 'push:watched',
  /** main → renderer: the language changed (payload: Locale); windows re-render at once */
  localeChanged: 'push:locale',
} as const;

export type InvokeChannel =
  | typeof IPC.getSnapshot
  | typeof IPC.signIn
  | typeof IPC.signOut
  | typeof IPC.setAvailability
  | typeof IPC.resetAvailability
  | typeof IPC.setNote
  | typeof IPC.watchContact
  | typeof IPC.showSignIn
  | typeof IPC.contactsSnapshot
  | typeof IPC.contactCard
  | typeof IPC.contactPhoto
  | typeof IPC.openContactLink
  | typeof IPC.copyText
  | typeof IPC.setVisibleContacts
  | typeof IPC.contactCapabilities
  | typeof IPC.searchDirectory
  | typeof IPC.expandDistributionGroup
  | typeof IPC.changeContactList;

export type PushChannel =
  | typeof IPC.sessionChanged
  | typeof IPC.presenceChanged
  | typeof IPC.contactsPatched
  | typeof IPC.changeAdded
  | typeof IPC.watchedChanged
  | typeof IPC.localeChanged;

/** How many feed entries main keeps and sends in a snapshot. */
export const CHANGE_FEED_LIMIT = 200;

export interface SignInDefaults {
  readonly address: string;
  readonly discoveryUrl: string;
  readonly keepSignedIn: boolean;
  /** False when an admin policy forbids storing the password. */
  readonly keepSignedInAllowed: boolean;
  /** Set when the OS keychain is weak (Linux `basic_text`): storing needs explicit consent. */
  readonly weakSecretStorage: boolean;
  /** Admin-preset discovery URL; the field is then read-only. */
  readonly discoveryUrlLocked: boolean;
}

/** Everything a freshly opened window needs, in one round trip. */
export interface AppSnapshot {
  readonly session: SessionState;
  readonly presence: MyPresence;
  readonly desired: DesiredPresence;
  /** Epoch ms when a timed status ends, or null. */
  readonly timedUntil: number | null;
  readonly contacts: ContactList;
  /** The sequence number of the last patch batch folded into `contacts`. */
  readonly contactsSeq: number;
  /** Newest first, at most CHANGE_FEED_LIMIT. */
  readonly changes: readonly Change[];
  /** Contact URIs the user asked to be told about when they become available. */
  readonly watched: readonly string[];
  readonly signIn: SignInDefaults;
  /** The language to show; absent (an older main) = the page's `navigator.language`. */
  readonly locale?: Locale;
}

/**
 * One edit to a contact list. Applied in order, a diff's patches turn the older list into the newer
 * one exactly (see `shared/contact-patches.ts`), so a window keeps its list without re-reading it.
 */
export type ContactPatch =
  /** A contact's availability changed. */
  | { readonly kind: 'presenceChanged'; readonly uri: string; readonly availability: Availability }
  /** A contact's note changed; `null` removes it. */
  | { readonly kind: 'noteChanged'; readonly uri: string; readonly note: string | null }
  /** A contact record appeared or its details (name) changed: the whole record, replacing any older one. */
  | { readonly kind: 'contactAdded'; readonly contact: Contact }
  | { readonly kind: 'contactRemoved'; readonly uri: string }
  /** A group appeared (or changed kind) at `index` of the group order; replaces a group with the same id. */
  | { readonly kind: 'groupAdded'; readonly group: Group; readonly index: number }
  | { readonly kind: 'groupRenamed'; readonly groupId: string; readonly name: string }
  | { readonly kind: 'groupRemoved'; readonly groupId: string }
  /** A group's members, all of them, in server order. */
  | { readonly kind: 'membershipChanged'; readonly groupId: string; readonly contactUris: readonly string[] }
  /** The groups were reordered: every group id, in the new order. */
  | { readonly kind: 'groupsReordered'; readonly groupIds: readonly string[] };

export type ContactPatchKind = ContactPatch['kind'];

/**
 * The patches between two consecutive contact lists. `seq` counts batches from 1; the snapshot
 * says which batch it includes, so a window applies `seq + 1` next and asks for a snapshot on a gap.
 */
export interface ContactPatchBatch {
  readonly seq: number;
  readonly patches: readonly ContactPatch[];
}

/** The contact list and the last patch batch it includes. */
export interface ContactSnapshot {
  readonly seq: number;
  readonly contacts: ContactList;
}

export interface SignInForm {
  readonly address: string;
  readonly password: string;
  readonly discoveryUrl: string;
  readonly keepSignedIn: boolean;
  /** The user accepted storing the password although the keychain is weak. */
  readonly acceptWeakStorage: boolean;
}

/** Why a sign-in was refused, as a code the window words through its catalog. */
export type SignInProblem = SessionErrorReason | 'addressFormat' | 'addressPattern' | 'passwordEmpty' | 'discoveryUrlScheme';

export type SignInResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** English, for logs and scripts; people see `code` through the catalog. */
      readonly message: string;
      readonly field?: 'address' | 'password' | 'discoveryUrl';
      readonly code?: SignInProblem;
      /** The admin's example address, for `addressPattern`. */
      readonly example?: string;
    };

export interface WatchRequest {
  readonly uri: string;
  readonly watch: boolean;
}

/**
 * What the contact card shows of a contact: the directory's fields and its parts, without any
 * server URL (the photo comes separately, as a `data:` URL, through `contactPhoto`).
 */
export interface ContactCardView extends DirectoryContact {
  readonly note?: ContactNote;
  readonly location?: string;
  readonly modalities: readonly string[];
  /** The server links a photo: worth asking `contactPhoto` for. */
  readonly hasPhoto: boolean;
}

export type ContactCardResult =
  | { readonly ok: true; readonly card: ContactCardView }
  /** Why not, as a code the window words through its catalog. */
  | { readonly ok: false; readonly problem: ContactListErrorReason };
/** A directory search: the text typed and how many results at most. */
export interface SearchRequest {
  readonly query: string;
  readonly limit: number;
}

/**
 * One change the user asks of the contact list. Nothing is changed in the window: the server's
 * change comes back through the contacts-and-groups subscription as patches, like any other.
 */
export type ContactListChange =
  /** No `groupId`: the server's default group. */
  | { readonly kind: 'addContact'; readonly uri: string; readonly groupId?: string }
  | { readonly kind: 'removeFromGroup'; readonly uri: string; readonly groupId: string }
  | { readonly kind: 'removeFromAllGroups'; readonly uri: string }
  /** Added to `toGroupId`, then removed from `fromGroupId`. */
  | { readonly kind: 'moveContact'; readonly uri: string; readonly fromGroupId: string; readonly toGroupId: string }
  | { readonly kind: 'createGroup'; readonly name: string }
  | { readonly kind: 'renameGroup'; readonly groupId: string; readonly name: string }
  | { readonly kind: 'deleteGroup'; readonly groupId: string }
  | { readonly kind: 'addDistributionGroup'; readonly uri: string }
  | { readonly kind: 'removeDistributionGroup'; readonly groupId: string };

export type ContactListChangeKind = ContactListChange['kind'];

/**
 * What a directory or contact-list request ended with. A refusal is an answer, not a rejected
 * promise, so its reason survives IPC (Electron rewords rejections); `message` is the engine's
 * English wording, for logs and tooltips; the window words `reason` through its catalog.
 */
export type ContactListOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: ContactListErrorReason; readonly message: string };

/** Unsubscribe function returned by every `on…` listener. */
export type Unsubscribe = () => void;

/** What the preload exposes on `window.ucwa`: verbs and listeners only, no ipcRenderer. */
export interface RendererApi {
  getSnapshot(): Promise<AppSnapshot>;
  signIn(form: SignInForm): Promise<SignInResult>;
  signOut(): Promise<void>;
  setAvailability(availability: SettableAvailability): Promise<void>;
  resetAvailability(): Promise<void>;
  setNote(note: string): Promise<void>;
  watchContact(request: WatchRequest): Promise<void>;
  showSignIn(): Promise<void>;
  /** The contact list as main has it now, for a window that missed patches. */
  contactsSnapshot(): Promise<ContactSnapshot>;
  /** A contact's card, read from the server now. */
  contactCard(uri: string): Promise<ContactCardResult>;
  /** A contact's photo as a `data:image/…` URL, or null when there is none (show initials). */
  contactPhoto(uri: string): Promise<string | null>;
  /** Asks main to open a mailto:, tel:, sip: or im: link; false when it refused or failed. */
  openContactLink(url: string): Promise<boolean>;
  copyText(text: string): Promise<void>;
  /** The contact URIs on screen (at most LIMITS.visibleContacts), so their presence is read first. */
  setVisibleContacts(uris: readonly string[]): Promise<void>;
  contactCapabilities(): Promise<ContactCapabilities>;
  searchDirectory(request: SearchRequest): Promise<ContactListOutcome<SearchResult>>;
  expandDistributionGroup(uri: string): Promise<ContactListOutcome<readonly DirectoryContact[]>>;
  changeContactList(change: ContactListChange): Promise<ContactListOutcome<null>>;
  onSession(listener: (session: SessionState) => void): Unsubscribe;
  onPresence(listener: (presence: MyPresence) => void): Unsubscribe;
  onContactPatches(listener: (batch: ContactPatchBatch) => void): Unsubscribe;
  onChange(listener: (change: Change) => void): Unsubscribe;
  onWatched(listener: (watched: readonly string[]) => void): Unsubscribe;
  onLocale(listener: (locale: Locale) => void): Unsubscribe;
}

declare global {
  interface Window {
    readonly ucwa: RendererApi;
  }
}
