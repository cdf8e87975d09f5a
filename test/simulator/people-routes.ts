import type { Application } from './application';
import { contactManagementRoutes, groupEtag } from './contact-management';
import { personKey, type Person } from './directory';
import { methodNotAllowed, notFound, UcwaError, validationFailure } from './errors';
import { json, noContent, type SimRequest, type SimResponse } from './http-types';
import { readInputs } from './input';
import {
  contactLocationResource,
  contactNoteResource,
  contactPresenceResource,
  contactResource,
  contactsAndGroupsSubscriptionResource,
  contactsCollection,
  distributionListResource,
  groupResource,
  myGroupsResource,
  peopleResource,
  presenceSubscriptionResource,
} from './resources';
import { searchDirectory } from './search';
import type { SimCore } from './sim-core';

/** Clamp for subscription durations (minutes). */
const clampMinutes = (n: number | undefined, fallback: number, min: number, max: number): number =>
  n === undefined ? fallback : Math.min(max, Math.max(min, Math.round(n)));

/**
 * people and everything below it (ucwa-protocol.md §6). `rest` is the lower-cased path below the
 * application, starting with `people`.
 */
export function peopleRoutes(core: SimCore, app: Application, req: SimRequest, rest: string): SimResponse | undefined {
  const q = req.url.searchParams;
  const expand = (q.get('expand') ?? 'true').toLowerCase() !== 'false';
  const h = app.hrefs;
  const get = (): void => {
    if (req.method !== 'GET') throw methodNotAllowed();
  };
  const post = (): void => {
    if (req.method !== 'POST') throw methodNotAllowed();
  };
  const segments = rest.split('/');
  if (segments[0] !== 'people') return undefined;
  const sub = segments.slice(1).join('/');
  const management = core.config.contactListManagement;
  const managed = contactManagementRoutes(core, app, req, segments.slice(1));
  if (managed) return managed;

  switch (sub) {
    case '':
      get();
      return json(200, peopleResource(app, management));
    case 'groups':
      get();
      return json(200, myGroupsResource(app, core.directory.groupsOf(app.user), expand, management));
    case 'contacts': {
      get();
      const groupId = q.get('groupId') ?? q.get('groupid');
      if (groupId === null) {
        return json(200, contactsCollection(app, h.myContacts, 'myContacts', core.directory.contactsOf(app.user).map((k) => core.directory.people.get(k)!), expand));
      }
      const group = core.directory.group(app.user, groupId);
      if (!group) throw notFound('The group does not exist.');
      return json(200, contactsCollection(app, h.groupContacts(group.id), 'groupContacts', group.contacts.map((k) => core.directory.people.get(k)!), expand));
    }
    case 'contactsandgroupssubscription':
      get();
      return json(200, contactsAndGroupsSubscriptionResource(app, core.clock.now()));
    case 'contactsandgroupssubscription/startorrefreshsubscriptiontocontactsandgroups': {
      post();
      const minutes = clampMinutes(readInputs(req).number('duration'), 30, 10, 60);
      core.subscriptions.startOrRefreshContactsSub(app, minutes);
      return json(201, contactsAndGroupsSubscriptionResource(app, core.clock.now()));
    }
    case 'contactsandgroupssubscription/stopsubscriptiontocontactsandgroups':
      post();
      core.subscriptions.stopContactsSub(app);
      return noContent();
    case 'presencesubscriptions': {
      if (req.method === 'GET') {
        return json(200, { _links: { self: { href: h.presenceSubscriptions } }, _embedded: { presenceSubscription: [...app.presenceSubs.values()].map((s) => presenceSubscriptionResource(app, s)) }, rel: 'presenceSubscriptions' });
      }
      post();
      const inputs = readInputs(req);
      const minutes = clampMinutes(inputs.number('duration'), 30, 10, 30);
      const groupId = inputs.string('groupId');
      let uris: string[];
      if (groupId !== undefined) {
        const group = core.directory.group(app.user, groupId);
        if (!group) throw notFound('The group does not exist.');
        uris = group.contacts.map((k) => core.directory.people.get(k)!.uri);
      } else {
        const given = inputs.strings('uris');
        if (!given || given.length === 0) throw validationFailure('uris', 'required');
        uris = given;
      }
      const created = core.subscriptions.createPresenceSub(app, minutes, uris.map(checkSip));
      return json(201, presenceSubscriptionResource(app, created));
    }
    case 'presencesubscriptionmemberships': {
      const id = q.get('presenceSubscriptionId') ?? q.get('presencesubscriptionid');
      const subscription = id === null ? undefined : app.presenceSubs.get(id);
      if (id !== null && !subscription) throw new UcwaError(404, 'ApplicationNotFound', 'The presence subscription does not exist.');
      const members = subscription ? subscription.members : [...new Set([...app.presenceSubs.values()].flatMap((s) => s.members))];
      const body = (): Record<string, unknown> => ({
        _links: { self: { href: subscription ? h.memberships(subscription.id) : h.presenceSubscriptionMemberships } },
        _embedded: {
          presenceSubscriptionMembership: members.map((k) => {
            const p = core.directory.people.get(k)!;
            return { _links: { self: { href: `${h.presenceSubscriptionMemberships}/${encodeURIComponent(k.slice(4))}` }, contact: { href: h.contact(p.uri) } }, rel: 'presenceSubscriptionMembership' };
          }),
        },
        rel: 'presenceSubscriptionMemberships',
      });
      if (req.method === 'GET') return json(200, body());
      post();
      if (!subscription) throw validationFailure('presenceSubscriptionId', 'required');
      const uris = readInputs(req).strings('contactUris');
      if (!uris || uris.length === 0) throw validationFailure('contactUris', 'required');
      core.subscriptions.addPresenceSubMembers(app, subscription, uris.map(checkSip));
      return json(201, body());
    }
    case 'subscribedcontacts': {
      get();
      const keys = [...new Set([...app.presenceSubs.values()].flatMap((s) => s.members))];
      return json(200, contactsCollection(app, h.subscribedContacts, 'subscribedContacts', keys.map((k) => core.directory.people.get(k)!), expand));
    }
    case 'privacyrelationships':
      get();
      return json(200, { _links: { self: { href: h.myPrivacyRelationships } }, _embedded: { privacyRelationship: [] }, rel: 'myPrivacyRelationships' });
    case 'search': {
      get();
      return json(200, search(core, app, q));
    }
    default:
      break;
  }

  // people/groups/{id}[/expand]
  if (segments[1] === 'groups' && segments[2] !== undefined && segments.length <= 4) {
    get();
    const group = core.directory.group(app.user, decodeURIComponent(segments[2]));
    if (!group) throw notFound('The group does not exist.');
    if (segments[3] === undefined) return json(200, groupResource(app, group, management), { etag: groupEtag(group) });
    if (segments[3] === 'expand' && group.kind === 'distribution') {
      return json(200, contactsCollection(app, h.expandDistributionGroup(group.id), 'expandDistributionGroup', group.contacts.map((k) => core.directory.people.get(k)!), expand));
    }
    throw notFound();
  }

  // people/presenceSubscriptions/{id}
  if (segments[1] === 'presencesubscriptions' && segments[2] !== undefined && segments.length === 3) {
    const subscription = app.presenceSubs.get(decodeURIComponent(segments[2]));
    // The reference's own sample answers an expired subscription with ApplicationNotFound.
    if (!subscription) throw new UcwaError(404, 'ApplicationNotFound', 'The presence subscription does not exist.');
    if (req.method === 'GET') return json(200, presenceSubscriptionResource(app, subscription));
    if (req.method === 'DELETE') {
      core.subscriptions.deletePresenceSub(app, subscription);
      return noContent();
    }
    post();
    core.subscriptions.extendPresenceSub(app, subscription, clampMinutes(readInputs(req).number('duration'), 30, 10, 30));
    return json(200, presenceSubscriptionResource(app, subscription));
  }

  // people/{contact}[/presence|note|location|supportedMedia|privacyRelationship]
  if (segments[1] !== undefined && segments[1].includes('@') && segments.length <= 3) {
    get();
    const person = core.directory.person(decodeURIComponent(segments[1]));
    if (!person) throw notFound('The contact does not exist.');
    return json(200, contactPart(core, app, person, segments[2]));
  }
  return undefined;
}

/** people/search (search_ref): contacts and distribution groups, `moreResultsAvailable`. */
function search(core: SimCore, app: Application, q: URLSearchParams): Record<string, unknown> {
  const query = q.get('query') ?? '';
  if (query.trim() === '') throw validationFailure('query', 'required');
  if (query.length > 256) throw validationFailure('query', 'at most 256 characters');
  const rawLimit = q.get('limit');
  const limit = rawLimit === null || rawLimit === '' ? 100 : Number(rawLimit);
  if (!Number.isInteger(limit)) throw validationFailure('limit', 'must be a whole number');
  const found = searchDirectory(core.directory, query, Math.min(100, Math.max(1, limit)));
  const management = core.config.contactListManagement;
  const groups = core.directory.groupsOf(app.user);
  const params = new URLSearchParams({ query });
  if (rawLimit !== null) params.set('limit', rawLimit);
  return {
    moreResultsAvailable: found.moreResultsAvailable,
    _links: { self: { href: `${app.hrefs.search}?${params.toString()}` } },
    _embedded: {
      contact: found.contacts.map((p) => contactResource(app, p)),
      distributionGroup: found.distributionLists.map((list) =>
        distributionListResource(app, list, management, groups.find((g) => g.kind === 'distribution' && g.uri !== undefined && personKey(g.uri) === list.uri)),
      ),
    },
    rel: 'search',
  };
}

function contactPart(core: SimCore, app: Application, person: Person, part: string | undefined): Record<string, unknown> {
  switch (part) {
    case undefined:
      return contactResource(app, person);
    case 'presence':
      return contactPresenceResource(app, person, core.availabilityOf(person.uri), core.lastActive(person.uri));
    case 'note':
      return contactNoteResource(app, person);
    case 'location':
      return contactLocationResource(app, person);
    case 'supportedmedia':
      return { modalities: core.availabilityOf(person.uri) === 'Offline' ? [] : ['Messaging', 'Audio'], _links: { self: { href: app.hrefs.contactSupportedModalities(person.uri) } }, rel: 'contactSupportedModalities' };
    case 'privacyrelationship':
      return { relationshipLevel: 'Colleagues', _links: { self: { href: app.hrefs.contactPrivacyRelationship(person.uri) } }, rel: 'contactPrivacyRelationship' };
    default:
      throw notFound();
  }
}

/** SIP URIs in inputs must look like `sip:alias@domain`. */
function checkSip(uri: string): string {
  if (!/^sip:[^@\s]+@[^@\s]+$/i.test(uri.trim())) throw validationFailure('uris', `not a SIP URI: ${uri}`);
  return personKey(uri);
}
