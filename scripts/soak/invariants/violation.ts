/** The invariants the soak holds the engine to. */
export type InvariantName = 'recovery' | 'contactList' | 'ownPresence' | 'changeFeed' | 'singleApplication' | 'outageRequestRate' | 'resources';

/** One broken invariant, with what was seen. */
export interface Violation {
  readonly invariant: InvariantName;
  readonly detail: string;
}
