import type { SettableAvailability } from './availability';
import type { Locale } from './i18n/locale';
import type {
  Change,
  ContactList,
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
  /** main → renderer pushes */
  sessionChanged: 'push:session',
  presenceChanged: 'push:presence',
  contactsChanged: 'push:contacts',
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
  | typeof IPC.showSignIn;

export type PushChannel =
  | typeof IPC.sessionChanged
  | typeof IPC.presenceChanged
  | typeof IPC.contactsChanged
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
  /** Newest first, at most CHANGE_FEED_LIMIT. */
  readonly changes: readonly Change[];
  /** Contact URIs the user asked to be told about when they become available. */
  readonly watched: readonly string[];
  readonly signIn: SignInDefaults;
  /** The language to show; absent (an older main) = the page's `navigator.language`. */
  readonly locale?: Locale;
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
  onSession(listener: (session: SessionState) => void): Unsubscribe;
  onPresence(listener: (presence: MyPresence) => void): Unsubscribe;
  onContacts(listener: (contacts: ContactList) => void): Unsubscribe;
  onChange(listener: (change: Change) => void): Unsubscribe;
  onWatched(listener: (watched: readonly string[]) => void): Unsubscribe;
  onLocale(listener: (locale: Locale) => void): Unsubscribe;
}

declare global {
  interface Window {
    readonly ucwa: RendererApi;
  }
}
