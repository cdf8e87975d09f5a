import { BehaviorSubject, Subject } from 'rxjs';
import type { SettableAvailability } from '../../../../../shared/availability';
import type { Change, ContactList, DesiredPresence, MyPresence, SessionState } from '../../../../../shared/models';
import { EMPTY_CONTACT_LIST } from '../../../../../shared/models';
import type { Engine } from '../../../../../main/core/engine-api';
import { createContactsDirectory } from '../../../../../main/core/ucwa/people/contacts-directory';
import type { SecretStore } from '../../../../../main/core/ports';

/** An in-memory Engine that records commands and mirrors them in its streams, like a server would. */
export class FakeEngine implements Engine {
  readonly session$ = new BehaviorSubject<SessionState>({ state: 'signedOut' });
  readonly presence$ = new BehaviorSubject<MyPresence>({ availability: 'Unknown', note: '' });
  readonly desired$ = new BehaviorSubject<DesiredPresence>({ availability: null, note: '' });
  readonly contacts$ = new BehaviorSubject<ContactList>(EMPTY_CONTACT_LIST);
  readonly changes$ = new Subject<Change>();
  /** Never signed in: every directory call rejects with `notSignedIn`. */
  readonly directory = createContactsDirectory(() => undefined);
  readonly calls: string[] = [];
  /** Set to make the next signIn reject with this value. */
  signInError: unknown = null;
  lastSignIn: { address: string; password: string; discoveryUrl?: string; initial?: Partial<DesiredPresence> } | null = null;

  async signIn(request: { address: string; password: string; discoveryUrl?: string }, initial?: Partial<DesiredPresence>): Promise<void> {
    this.calls.push(`signIn ${request.address}`);
    this.lastSignIn = { ...request, ...(initial ? { initial } : {}) };
    if (this.signInError !== null) {
      const error = this.signInError;
      this.signInError = null;
      throw error;
    }
    const availability = initial?.availability ?? null;
    this.desired$.next({ availability, note: initial?.note ?? '' });
    this.presence$.next({ availability: availability ?? 'Online', note: initial?.note ?? '' });
    this.session$.next({ state: 'online' });
  }
  async signOut(): Promise<void> {
    this.calls.push('signOut');
    this.session$.next({ state: 'signedOut' });
  }
  async setAvailability(availability: SettableAvailability): Promise<void> {
    this.calls.push(`setAvailability ${availability}`);
    this.desired$.next({ ...this.desired$.value, availability });
    this.presence$.next({ ...this.presence$.value, availability });
  }
  async resetAvailability(): Promise<void> {
    this.calls.push('resetAvailability');
    this.desired$.next({ ...this.desired$.value, availability: null });
    this.presence$.next({ ...this.presence$.value, availability: 'Online' });
  }
  async setNote(note: string): Promise<void> {
    this.calls.push(`setNote ${note}`);
    this.desired$.next({ ...this.desired$.value, note });
  }
  /** The last read-first list the service gave. */
  readFirst: readonly string[] = [];
  setVisibleContacts(uris: readonly string[]): void {
    this.readFirst = uris;
    this.calls.push(`setVisibleContacts ${uris.length}`);
  }

  reconcile(): void {
    this.calls.push('reconcile');
  }
  async dispose(): Promise<void> {
    this.calls.push('dispose');
  }
}

export class FakeSecrets implements SecretStore {
  readonly values = new Map<string, string>();
  constructor(private readonly strength: 'strong' | 'weak' | 'unavailable' = 'strong') {}
  readonly backend = async (): Promise<'strong' | 'weak' | 'unavailable'> => this.strength;
  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}
