import { contactId } from './directory';

/** The path prefix all applications live under (realistic on-prem layout, §3.1). */
export const APPLICATIONS_PATH = '/ucwa/oauth/v1/applications';

/**
 * Relative hrefs of one application's resources. The simulator answers exactly these paths;
 * clients must only ever follow them, never build them.
 */
export function appHrefs(appId: string) {
  const app = `${APPLICATIONS_PATH}/${appId}`;
  const people = `${app}/people`;
  const me = `${app}/me`;
  return {
    self: app,
    policies: `${app}/policies`,
    batch: `${app}/batch`,
    events: `${app}/events`,
    me,
    makeMeAvailable: `${me}/makeMeAvailable`,
    presence: `${me}/presence`,
    note: `${me}/note`,
    location: `${me}/location`,
    reportMyActivity: `${me}/reportMyActivity`,
    callForwardingSettings: `${me}/callForwardingSettings`,
    phones: `${me}/phones`,
    communication: `${app}/communication`,
    onlineMeetings: `${app}/onlineMeetings`,
    people,
    myGroups: `${people}/groups`,
    myContacts: `${people}/contacts`,
    myGroupMemberships: `${people}/groupMemberships`,
    myContactsAndGroupsSubscription: `${people}/contactsAndGroupsSubscription`,
    startOrRefresh: `${people}/contactsAndGroupsSubscription/startOrRefreshSubscriptionToContactsAndGroups`,
    stopSubscription: `${people}/contactsAndGroupsSubscription/stopSubscriptionToContactsAndGroups`,
    presenceSubscriptions: `${people}/presenceSubscriptions`,
    presenceSubscriptionMemberships: `${people}/presenceSubscriptionMemberships`,
    subscribedContacts: `${people}/subscribedContacts`,
    myPrivacyRelationships: `${people}/privacyRelationships`,
    search: `${people}/search`,
    group: (id: string) => `${people}/groups/${encodeURIComponent(id)}`,
    groupContacts: (id: string) => `${people}/contacts?groupId=${encodeURIComponent(id)}`,
    subscribeToGroupPresence: (id: string) => `${people}/presenceSubscriptions?groupId=${encodeURIComponent(id)}`,
    expandDistributionGroup: (id: string) => `${people}/groups/${encodeURIComponent(id)}/expand`,
    contact: (uri: string) => `${people}/${contactId(uri)}`,
    contactPresence: (uri: string) => `${people}/${contactId(uri)}/presence`,
    contactNote: (uri: string) => `${people}/${contactId(uri)}/note`,
    contactLocation: (uri: string) => `${people}/${contactId(uri)}/location`,
    contactSupportedModalities: (uri: string) => `${people}/${contactId(uri)}/supportedMedia`,
    contactPrivacyRelationship: (uri: string) => `${people}/${contactId(uri)}/privacyRelationship`,
    photo: (uri: string) => `${app}/photos/${contactId(uri)}`,
    presenceSubscription: (id: string) => `${people}/presenceSubscriptions/${encodeURIComponent(id)}`,
    memberships: (id: string) => `${people}/presenceSubscriptionMemberships?presenceSubscriptionId=${encodeURIComponent(id)}`,
  };
}

export type AppHrefs = ReturnType<typeof appHrefs>;

/** `{rel: {href}}` map from `[rel, href]` pairs. */
export function links(pairs: readonly (readonly [string, string])[]): Record<string, { href: string }> {
  const out: Record<string, { href: string }> = {};
  for (const [rel, href] of pairs) out[rel] = { href };
  return out;
}
