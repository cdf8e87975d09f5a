import { contactId } from './directory';
import type { AppHrefs } from './hal';

/**
 * Relative hrefs of the contact-list resources beyond the core set: the UCWA 2.0 management
 * resources (myGroupMemberships2, removeContactFromAllGroups2, addToContactList) and distribution
 * groups found by search. Clients only follow them; they never build them.
 */
export function contactListHrefs(h: AppHrefs) {
  const memberships = h.myGroupMemberships;
  return {
    removeContactFromAllGroups: `${memberships}/removeContactFromAllGroups`,
    membership: (groupId: string, uri: string) => `${memberships}/${encodeURIComponent(groupId)}/${contactId(uri)}`,
    addToContactList: (name: string, uri: string) =>
      `${h.myGroups}/addToContactList?displayName=${encodeURIComponent(name)}&smtpAddress=${encodeURIComponent(contactId(uri))}`,
    removeFromContactList: (groupId: string) => `${h.group(groupId)}/removeFromContactList`,
    distributionList: (uri: string) => `${h.people}/distributionGroups/${contactId(uri)}`,
    expandDistributionList: (uri: string) => `${h.people}/distributionGroups/${contactId(uri)}/expand`,
  };
}
