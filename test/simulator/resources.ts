import type { Application, PresenceSubscription } from './application';
import { contactListHrefs } from './contact-list-hrefs';
import { contactId, type DistributionList, type Group, type Person, type ReadableAvailability } from './directory';
import { links } from './hal';

/**
 * Resource representations (ucwa-protocol.md §3–§6), with relative hrefs as real captures show.
 * Pure: state in, JSON-ready objects out.
 */

export function meResource(app: Application, me: Person): Record<string, unknown> {
  const h = app.hrefs;
  const pairs: [string, string][] = [['self', h.me]];
  if (app.available) {
    pairs.push(['note', h.note], ['presence', h.presence], ['location', h.location], ['reportMyActivity', h.reportMyActivity]);
  } else {
    pairs.push(['makeMeAvailable', h.makeMeAvailable]);
  }
  pairs.push(['callForwardingSettings', h.callForwardingSettings], ['phones', h.phones], ['photo', h.photo(me.uri)]);
  const out: Record<string, unknown> = { name: me.name, uri: me.uri, emailAddresses: [me.email ?? contactId(me.uri)] };
  if (me.title) out['title'] = me.title;
  if (me.department) out['department'] = me.department;
  if (me.company) out['company'] = me.company;
  if (me.office) out['officeLocation'] = me.office;
  if (me.workPhoneNumber) out['workPhoneNumber'] = me.workPhoneNumber;
  if (me.mobilePhoneNumber) out['mobilePhoneNumber'] = me.mobilePhoneNumber;
  out['_links'] = links(pairs);
  out['rel'] = 'me';
  return out;
}

/**
 * people. With contact-list management, myGroups and myGroupMemberships are their revision-2
 * resources (myGroups2, myGroupMemberships2) and say so with `revision` on the link.
 */
export function peopleResource(app: Application, management = false): Record<string, unknown> {
  const h = app.hrefs;
  const own: Record<string, { href: string; revision?: string }> = links([
      ['self', h.people],
      ['presenceSubscriptions', h.presenceSubscriptions],
      ['subscribedContacts', h.subscribedContacts],
      ['presenceSubscriptionMemberships', h.presenceSubscriptionMemberships],
      ['myGroups', h.myGroups],
      ['myGroupMemberships', h.myGroupMemberships],
      ['myContacts', h.myContacts],
      ['myPrivacyRelationships', h.myPrivacyRelationships],
      ['myContactsAndGroupsSubscription', h.myContactsAndGroupsSubscription],
      ['search', h.search],
    ]);
  if (management) {
    own['myGroups'] = { href: h.myGroups, revision: '2' };
    own['myGroupMemberships'] = { href: h.myGroupMemberships, revision: '2' };
  }
  return { _links: own, rel: 'people' };
}

export function communicationResource(app: Application): Record<string, unknown> {
  const h = app.hrefs;
  return {
    [app.communicationId]: 'please pass this in a PUT request',
    supportedModalities: app.modalities,
    supportedMessageFormats: app.messageFormats,
    _links: links([
      ['self', h.communication],
      ['conversations', `${h.communication}/conversations?filter=active`],
      ['startMessaging', `${h.communication}/messagingInvitations`],
      ['startOnlineMeeting', `${h.communication}/onlineMeetingInvitations?onlineMeetingUri=adhoc`],
      ['joinOnlineMeeting', `${h.communication}/onlineMeetingInvitations`],
    ]),
    rel: 'communication',
    etag: app.available ? '3140562359' : '1048830312',
  };
}

/** The links onlineMeetings carries (onlineMeetings_ref); each answers GET with a bare resource. */
export const ONLINE_MEETING_RELS = [
  'self',
  'myOnlineMeetings',
  'onlineMeetingDefaultValues',
  'onlineMeetingEligibleValues',
  'onlineMeetingInvitationCustomization',
  'onlineMeetingPolicies',
  'phoneDialInInformation',
] as const;

export function onlineMeetingsResource(app: Application): Record<string, unknown> {
  const h = app.hrefs;
  return { _links: links(ONLINE_MEETING_RELS.map((rel) => [rel, rel === 'self' ? h.onlineMeetings : `${h.onlineMeetings}/${rel}`])), rel: 'onlineMeetings' };
}

export function applicationResource(app: Application, me: Person, management = false): Record<string, unknown> {
  const h = app.hrefs;
  const out: Record<string, unknown> = {
    culture: app.culture,
    userAgent: app.userAgent,
    type: 'Browser',
    endpointId: app.endpointId,
    id: app.id,
  };
  if (app.instanceId !== undefined) out['instanceId'] = app.instanceId;
  const eventsHref = app.instanceId !== undefined ? `${app.channel.firstHref}&instanceId=${encodeURIComponent(app.instanceId)}` : app.channel.firstHref;
  out['_links'] = links([['self', h.self], ['policies', h.policies], ['batch', h.batch], ['events', eventsHref]]);
  out['_embedded'] = {
    me: meResource(app, me),
    people: peopleResource(app, management),
    onlineMeetings: onlineMeetingsResource(app),
    communication: communicationResource(app),
  };
  out['rel'] = 'application';
  return out;
}

export function presenceResource(app: Application, availability: ReadableAvailability, activity?: string): Record<string, unknown> {
  const out: Record<string, unknown> = { availability };
  if (activity) out['activity'] = activity;
  out['_links'] = links([['self', app.hrefs.presence]]);
  out['rel'] = 'presence';
  return out;
}

export function noteResource(app: Application, message: string): Record<string, unknown> {
  return { message, type: 'Personal', _links: links([['self', app.hrefs.note]]), rel: 'note' };
}

export function locationResource(app: Application, location: string): Record<string, unknown> {
  return { location, _links: links([['self', app.hrefs.location]]), rel: 'location' };
}

const GROUP_RELS = { pinned: 'pinnedGroup', default: 'defaultGroup', personal: 'group', distribution: 'distributionGroup' } as const;

/** The rel a group has in myGroups and in events. */
export function groupRel(group: Group): string {
  return GROUP_RELS[group.kind];
}

/** A group as myGroups embeds it; with management a DL links removeFromContactList. */
export function groupResource(app: Application, group: Group, management = false): Record<string, unknown> {
  const h = app.hrefs;
  const out: Record<string, unknown> = { id: group.id, name: group.name };
  const pairs: [string, string][] = [
    ['self', h.group(group.id)],
    ['groupContacts', h.groupContacts(group.id)],
    ['subscribeToGroupPresence', h.subscribeToGroupPresence(group.id)],
  ];
  if (group.kind === 'distribution') {
    if (group.uri) out['uri'] = group.uri;
    pairs.push(['expandDistributionGroup', h.expandDistributionGroup(group.id)]);
    if (management) pairs.push(['removeFromContactList', contactListHrefs(h).removeFromContactList(group.id)]);
  }
  out['_links'] = links(pairs);
  out['rel'] = groupRel(group);
  return out;
}

/** myGroups: `group`/`distributionGroup` are arrays (even with one item), pinned/default single. */
export function myGroupsResource(app: Application, groups: readonly Group[], expand: boolean, management = false): Record<string, unknown> {
  const singles = new Map<string, Record<string, unknown>>();
  const arrays: Record<'group' | 'distributionGroup', Record<string, unknown>[]> = { group: [], distributionGroup: [] };
  const linkSingles: Record<string, { href: string }> = {};
  const linkArrays: Record<'group' | 'distributionGroup', { href: string }[]> = { group: [], distributionGroup: [] };
  for (const g of groups) {
    const rel = groupRel(g);
    if (rel === 'group' || rel === 'distributionGroup') {
      arrays[rel].push(groupResource(app, g, management));
      linkArrays[rel].push({ href: app.hrefs.group(g.id) });
    } else if (!singles.has(rel)) {
      singles.set(rel, groupResource(app, g, management));
      linkSingles[rel] = { href: app.hrefs.group(g.id) };
    }
  }
  if (!expand) {
    return { _links: { self: { href: app.hrefs.myGroups }, ...linkSingles, ...linkArrays }, rel: 'myGroups' };
  }
  return { _links: links([['self', app.hrefs.myGroups]]), _embedded: { ...Object.fromEntries(singles), ...arrays }, rel: 'myGroups' };
}

export function contactResource(app: Application, person: Person): Record<string, unknown> {
  const h = app.hrefs;
  const out: Record<string, unknown> = {
    uri: person.uri,
    sourceNetwork: 'SameEnterprise',
    emailAddresses: [person.email ?? contactId(person.uri)],
    type: 'User',
    name: person.name,
  };
  // Optional fields are absent, not empty, when the address book has nothing (§6.3).
  if (person.title) out['title'] = person.title;
  if (person.department) out['department'] = person.department;
  if (person.company) out['company'] = person.company;
  if (person.office) out['office'] = person.office;
  if (person.workPhoneNumber) out['workPhoneNumber'] = person.workPhoneNumber;
  if (person.mobilePhoneNumber) out['mobilePhoneNumber'] = person.mobilePhoneNumber;
  out['_links'] = links([
    ['self', h.contact(person.uri)],
    ['contactPhoto', h.photo(person.uri)],
    ['contactPresence', h.contactPresence(person.uri)],
    ['contactLocation', h.contactLocation(person.uri)],
    ['contactNote', h.contactNote(person.uri)],
    ['contactSupportedModalities', h.contactSupportedModalities(person.uri)],
    ['contactPrivacyRelationship', h.contactPrivacyRelationship(person.uri)],
  ]);
  out['rel'] = 'contact';
  return out;
}

/** groupContacts / myContacts / subscribedContacts collection. */
export function contactsCollection(app: Application, selfHref: string, rel: string, people: readonly Person[], expand: boolean): Record<string, unknown> {
  if (!expand) {
    return { _links: { self: { href: selfHref }, contact: people.map((p) => ({ href: app.hrefs.contact(p.uri) })) }, rel };
  }
  return { _links: links([['self', selfHref]]), _embedded: { contact: people.map((p) => contactResource(app, p)) }, rel };
}

/** ASP.NET AJAX date, as UCWA JSON spells it. */
export function ajaxDate(ms: number): string {
  return `/Date(${Math.floor(ms)})/`;
}

export function contactPresenceResource(app: Application, person: Person, availability: ReadableAvailability, lastActive: number): Record<string, unknown> {
  const out: Record<string, unknown> = { availability, deviceType: availability === 'Offline' ? 'Unknown' : person.deviceType };
  if (lastActive > 0) out['lastActive'] = ajaxDate(lastActive);
  if (person.activity && availability !== 'Offline') out['activity'] = person.activity;
  out['_links'] = links([['self', app.hrefs.contactPresence(person.uri)]]);
  out['rel'] = 'contactPresence';
  return out;
}

export function contactNoteResource(app: Application, person: Person): Record<string, unknown> {
  return { message: person.note, type: 'Personal', _links: links([['self', app.hrefs.contactNote(person.uri)]]), rel: 'contactNote' };
}

export function contactLocationResource(app: Application, person: Person): Record<string, unknown> {
  return { location: person.location, _links: links([['self', app.hrefs.contactLocation(person.uri)]]), rel: 'contactLocation' };
}

export function contactsAndGroupsSubscriptionResource(app: Application, now: number): Record<string, unknown> {
  const sub = app.contactsSub;
  const out: Record<string, unknown> = { rel: 'myContactsAndGroupsSubscription', state: sub.state };
  if (sub.state === 'Connected') out['duration'] = Math.max(0, Math.round((sub.expiresAt - now) / 60_000));
  out['_links'] = links([
    ['self', app.hrefs.myContactsAndGroupsSubscription],
    ['startOrRefreshSubscriptionToContactsAndGroups', app.hrefs.startOrRefresh],
    ['stopSubscriptionToContactsAndGroups', app.hrefs.stopSubscription],
  ]);
  return out;
}

export function presenceSubscriptionResource(app: Application, sub: PresenceSubscription): Record<string, unknown> {
  return {
    id: sub.id,
    _links: links([
      ['self', app.hrefs.presenceSubscription(sub.id)],
      ['memberships', app.hrefs.memberships(sub.id)],
      ['addToPresenceSubscription', app.hrefs.memberships(sub.id)],
    ]),
    rel: 'presenceSubscription',
  };
}

/**
 * A distribution group as search and expandDistributionGroup show it: `uri`, `name`, expand link;
 * with management, `addToContactList` (its href carries displayName and smtpAddress) unless the
 * group already is on the list.
 */
export function distributionListResource(app: Application, list: DistributionList, management: boolean, onList: Group | undefined): Record<string, unknown> {
  const hrefs = contactListHrefs(app.hrefs);
  const out: Record<string, unknown> = { uri: list.uri, name: list.name };
  if (onList) out['id'] = onList.id;
  const pairs: [string, string][] = [
    ['self', onList ? app.hrefs.group(onList.id) : hrefs.distributionList(list.uri)],
    ['expandDistributionGroup', onList ? app.hrefs.expandDistributionGroup(onList.id) : hrefs.expandDistributionList(list.uri)],
  ];
  if (management) {
    pairs.push(onList ? ['removeFromContactList', hrefs.removeFromContactList(onList.id)] : ['addToContactList', hrefs.addToContactList(list.name, list.uri)]);
  }
  out['_links'] = links(pairs);
  out['rel'] = 'distributionGroup';
  return out;
}

/** One myGroupMembership (myGroupMembership2): a contact in one group, deletable with DELETE self. */
export function groupMembershipResource(app: Application, group: Group, person: Person): Record<string, unknown> {
  return {
    _links: {
      self: { href: contactListHrefs(app.hrefs).membership(group.id, person.uri) },
      contact: { href: app.hrefs.contact(person.uri) },
      [groupRel(group)]: { href: app.hrefs.group(group.id) },
    },
    rel: 'myGroupMembership',
  };
}

/**
 * myGroupMemberships: every (contact, group) pair of the user's own groups, optionally of one
 * group; with management (myGroupMemberships2) it links removeContactFromAllGroups.
 */
export function groupMembershipsResource(app: Application, groups: readonly Group[], people: (key: string) => Person, management: boolean): Record<string, unknown> {
  const own: Record<string, { href: string }> = { self: { href: app.hrefs.myGroupMemberships } };
  if (management) own['removeContactFromAllGroups'] = { href: contactListHrefs(app.hrefs).removeContactFromAllGroups };
  const memberships = groups.filter((g) => g.kind !== 'distribution').flatMap((g) => g.contacts.map((k) => groupMembershipResource(app, g, people(k))));
  return { _links: own, _embedded: { myGroupMembership: memberships }, rel: 'myGroupMemberships' };
}
