import type { Change } from '../models';
import type { Translator } from './translator';
import { AVAILABILITY_KEYS } from './message-keys';

/**
 * One sentence for a change-feed entry ("Alice Smith added to Project X", "Group Team renamed to Core",
 * "Bob is now Available"). Missing names fall back to the URI or a neutral word, never to "undefined".
 */
export function describeChange(change: Change, messages: Translator): string {
  const contact = change.contact ?? change.contactUri ?? messages.t('change.aContact');
  const group = change.group ?? messages.t('change.aGroup');
  switch (change.kind) {
    case 'groupAdded':
      return messages.t('change.groupAdded', { group });
    case 'groupRemoved':
      return messages.t('change.groupRemoved', { group });
    case 'groupRenamed':
      return change.previousGroup === undefined
        ? messages.t('change.groupRenamed', { group })
        : messages.t('change.groupRenamedFrom', { previous: change.previousGroup, group });
    case 'contactAdded':
      return messages.t('change.contactAdded', { contact, group });
    case 'contactRemoved':
      return messages.t('change.contactRemoved', { contact, group });
    case 'contactPresenceChanged':
      return messages.t('change.presence', { contact, availability: messages.t(AVAILABILITY_KEYS[change.availability ?? 'Unknown']) });
  }
}

