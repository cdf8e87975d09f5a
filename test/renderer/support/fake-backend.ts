import type { SettableAvailability } from '../../../shared/availability';
import { IPC, type AppSnapshot, type PushChannel, type SignInForm, type SignInResult, type WatchRequest } from '../../../shared/ipc-contract';
import { diffContactPatches } from '../../../shared/contact-patches';
import type { Change, ContactList, SessionState } from '../../../shared/models';
import type { BridgeBackend } from './bridge';

/** An in-memory stand-in for the app service: a snapshot that verbs update and tests drive directly. */
export interface FakeBackend extends BridgeBackend {
  snapshot: AppSnapshot;
  /** What the next `signIn` answers. */
  signInResult: SignInResult;
  setSession(session: SessionState): void;
  /** Main's list changes; `lost: true` numbers the batch but never delivers it (a window that missed it). */
  setContacts(contacts: ContactList, options?: { readonly lost?: boolean }): void;
  /** Sends any payload on a push channel, as a broken or hostile main might. */
  pushRaw(channel: PushChannel, payload: unknown): void;
  addChange(change: Change): void;
  /** What main sends when the user picks another language. */
  setLocale(locale: string): void;
}

const NOT_OFFERED = { available: false, reason: 'Not offered by the fake backend.' } as const;

export const DEFAULT_SIGN_IN = {
  address: '',
  discoveryUrl: '',
  keepSignedIn: false,
  keepSignedInAllowed: true,
  weakSecretStorage: false,
  discoveryUrlLocked: false,
} as const;

export function baseSnapshot(overrides: Partial<AppSnapshot> = {}): AppSnapshot {
  return {
    session: { state: 'online' },
    presence: { availability: 'Online', note: '' },
    desired: { availability: null, note: '' },
    timedUntil: null,
    contacts: { groups: [], contacts: {} },
    contactsSeq: 0,
    changes: [],
    watched: [],
    signIn: DEFAULT_SIGN_IN,
    ...overrides,
  };
}

export function createFakeBackend(initial: AppSnapshot): FakeBackend {
  const pushes = new Set<(channel: PushChannel, payload: unknown) => void>();
  const push = (channel: PushChannel, payload: unknown): void => {
    for (const listener of pushes) listener(channel, payload);
  };
  const backend: FakeBackend = {
    snapshot: initial,
    signInResult: { ok: true },
    getSnapshot: () => backend.snapshot,
    signIn: (_form: SignInForm) => backend.signInResult,
    signOut: () => backend.setSession({ state: 'signedOut' }),
    setAvailability: (availability: SettableAvailability) => {
      backend.snapshot = {
        ...backend.snapshot,
        desired: { ...backend.snapshot.desired, availability },
        presence: { ...backend.snapshot.presence, availability },
      };
      push(IPC.presenceChanged, backend.snapshot.presence);
    },
    resetAvailability: () => {
      backend.snapshot = { ...backend.snapshot, desired: { ...backend.snapshot.desired, availability: null } };
    },
    setNote: (note: string) => {
      backend.snapshot = {
        ...backend.snapshot,
        desired: { ...backend.snapshot.desired, note },
        presence: { ...backend.snapshot.presence, note },
      };
      push(IPC.presenceChanged, backend.snapshot.presence);
    },
    watchContact: ({ uri, watch }: WatchRequest) => {
      const others = backend.snapshot.watched.filter((u) => u !== uri);
      backend.snapshot = { ...backend.snapshot, watched: watch ? [...others, uri] : others };
      push(IPC.watchedChanged, backend.snapshot.watched);
    },
    // Main would open the sign-in window; the page only needs the call to succeed.
    showSignIn: () => undefined,
    contactsSnapshot: () => ({ seq: backend.snapshot.contactsSeq, contacts: backend.snapshot.contacts }),
    // The fake has no directory: it offers no search and no changes (the live tests cover them).
    contactCapabilities: () => ({ search: NOT_OFFERED, contactListManagement: NOT_OFFERED }),
    searchDirectory: ({ query }) => ({ ok: true, value: { query, contacts: [], distributionGroups: [], moreResultsAvailable: false } }),
    expandDistributionGroup: () => ({ ok: true, value: [] }),
    changeContactList: () => ({ ok: false, reason: 'unavailable', message: NOT_OFFERED.reason }),
    subscribe(listener) {
      pushes.add(listener);
      return () => pushes.delete(listener);
    },
    setSession(session) {
      backend.snapshot = { ...backend.snapshot, session };
      push(IPC.sessionChanged, session);
    },
    pushRaw: push,
    setContacts(contacts, options = {}) {
      const patches = diffContactPatches(backend.snapshot.contacts, contacts);
      if (patches.length === 0) return;
      const seq = backend.snapshot.contactsSeq + 1;
      backend.snapshot = { ...backend.snapshot, contacts, contactsSeq: seq };
      if (!options.lost) push(IPC.contactsPatched, { seq, patches });
    },
    setLocale(locale) {
      push(IPC.localeChanged, locale);
    },
    addChange(change) {
      backend.snapshot = { ...backend.snapshot, changes: [change, ...backend.snapshot.changes] };
      push(IPC.changeAdded, change);
    },
  };
  return backend;
}
