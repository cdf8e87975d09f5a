import type { Observable } from 'rxjs';
import type { SettableAvailability } from '../../shared/availability';
import type {
  Change,
  ContactList,
  DesiredPresence,
  MyPresence,
  SessionState,
  SignInRequest,
} from '../../shared/models';
import type { ContactsDirectory } from './ucwa/people/contacts-directory';

/**
 * The engine as its callers see it: the composition root (Electron), the headless CLI and tests.
 * Implemented by `createEngine(deps: EngineDeps)` in `engine.ts`.
 *
 * Streams are hot and replay their latest value to late subscribers (except `changes$`, a feed).
 * Commands never throw for server trouble: trouble shows up in `session$`.
 */
export interface Engine {
  readonly session$: Observable<SessionState>;
  /** My presence as the server reports it. */
  readonly presence$: Observable<MyPresence>;
  /** What we keep publishing (restored after every reconnect / application re-creation). */
  readonly desired$: Observable<DesiredPresence>;
  readonly contacts$: Observable<ContactList>;
  readonly changes$: Observable<Change>;
  /**
   * Directory search, contact cards and contact-list changes through the links the server gives.
   * Unlike the commands below, these reject (with a `ContactListError`) so the caller can say why;
   * a change shows up in `contacts$`/`changes$` only when the server reports it.
   */
  readonly directory: ContactsDirectory;

  /**
   * Signs in and stays signed in until `signOut`/`dispose`. Resolves once `online`;
   * rejects with a `SessionError`-carrying error for problems a user must fix (wrong password,
   * unknown domain…). Transient trouble after that is retried internally.
   */
  signIn(request: SignInRequest & { readonly password: string }, initial?: Partial<DesiredPresence>): Promise<void>;
  /** Deletes the UCWA application and stops all traffic. */
  signOut(): Promise<void>;
  setAvailability(availability: SettableAvailability): Promise<void>;
  /** Back to automatic (server-derived) presence. */
  resetAvailability(): Promise<void>;
  /** Empty string clears the note. */
  setNote(note: string): Promise<void>;
  /** Immediately re-checks the application, presence and subscriptions (after resume/network change). */
  reconcile(): void;
  /**
   * The contacts whose presence is read first when the list is (re-)read: the rows the window
   * shows and the watched ones. Until told, the first contacts in group order are read first.
   */
  setVisibleContacts(uris: readonly string[]): void;
  /** signOut + complete every stream. */
  dispose(): Promise<void>;
}
