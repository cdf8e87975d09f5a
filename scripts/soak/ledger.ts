/**
 * What the soak changed on the server, in order, between two checkpoints: the record the change
 * feed is held to. Group names the soak gives are never reused, so a name names one group.
 */
export type LedgerEntry =
  | { readonly kind: 'groupAdded'; readonly groupId: string; readonly group: string }
  | { readonly kind: 'groupRemoved'; readonly groupId: string; readonly group: string }
  | { readonly kind: 'groupRenamed'; readonly groupId: string; readonly group: string; readonly previousGroup: string }
  | { readonly kind: 'contactAdded'; readonly groupId: string; readonly group: string; readonly uri: string }
  | { readonly kind: 'contactRemoved'; readonly groupId: string; readonly group: string; readonly uri: string }
  | { readonly kind: 'contactPresenceChanged'; readonly uri: string; readonly availability: string; readonly previous: string }
  | { readonly kind: 'contactNoteChanged'; readonly uri: string; readonly note: string }
  | { readonly kind: 'myPresenceChosen'; readonly availability: string; readonly note: string };

/** One line for the event log. */
export function describeEntry(entry: LedgerEntry): string {
  switch (entry.kind) {
    case 'groupAdded':
    case 'groupRemoved':
      return `${entry.kind} ${entry.group} (${entry.groupId})`;
    case 'groupRenamed':
      return `groupRenamed ${entry.previousGroup} → ${entry.group} (${entry.groupId})`;
    case 'contactAdded':
    case 'contactRemoved':
      return `${entry.kind} ${entry.uri} in ${entry.group} (${entry.groupId})`;
    case 'contactPresenceChanged':
      return `contactPresenceChanged ${entry.uri} ${entry.previous} → ${entry.availability}`;
    case 'contactNoteChanged':
      return `contactNoteChanged ${entry.uri} "${entry.note}"`;
    case 'myPresenceChosen':
      return `myPresenceChosen ${entry.availability} "${entry.note}"`;
  }
}
