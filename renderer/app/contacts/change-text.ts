import { AVAILABILITY_LABELS } from '../../../shared/availability';
import type { Change } from '../../../shared/models';

/**
 * One sentence for a change-feed entry ("Alice Smith added to Project X", "Group Team renamed to Core",
 * "Bob is now Available"). Missing names fall back to the URI or a neutral word, never to "undefined".
 */
export function describeChange(change: Change): string {
  const contact = change.contact ?? change.contactUri ?? 'A contact';
  const group = change.group ?? 'a group';
  switch (change.kind) {
    case 'groupAdded':
      return `Group ${group} added`;
    case 'groupRemoved':
      return `Group ${group} removed`;
    case 'groupRenamed':
      return change.previousGroup === undefined
        ? `Group renamed to ${group}`
        : `Group ${change.previousGroup} renamed to ${group}`;
    case 'contactAdded':
      return `${contact} added to ${group}`;
    case 'contactRemoved':
      return `${contact} removed from ${group}`;
    case 'contactPresenceChanged':
      return `${contact} is now ${AVAILABILITY_LABELS[change.availability ?? 'Unknown']}`;
  }
}

/** Clock time for a feed entry: `14:05` today, `Mon 14:05` for older entries. */
export function formatChangeTime(at: number, now: number, locale?: string): string {
  const when = new Date(at);
  const time = when.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const sameDay = new Date(now).toDateString() === when.toDateString();
  return sameDay ? time : `${when.toLocaleDateString(locale, { weekday: 'short' })} ${time}`;
}
