/**
 * One event from the event channel, flattened out of its sender block
 * (ucwa-protocol.md §5.2). Produced by the event-channel parser; consumed by presence and people.
 */
export interface UcwaLink {
  readonly rel: string;
  /** Absolute: resolved against the URL of the response that carried it. */
  readonly href: string;
  readonly title?: string;
}

export type UcwaEventType = 'added' | 'updated' | 'deleted' | 'started' | 'completed';

export interface UcwaEvent {
  readonly sender: UcwaLink;
  readonly type: UcwaEventType;
  readonly link: UcwaLink;
  /** The collection the resource joined or left (`myGroups`, a group, `myContacts`, `subscribedContacts`). */
  readonly in?: UcwaLink;
  /** `_embedded` resource, when the server embedded it; otherwise GET `link.href`. */
  readonly embedded?: unknown;
  readonly status?: string;
  readonly reason?: { readonly code?: string; readonly subcode?: string; readonly message?: string };
}
