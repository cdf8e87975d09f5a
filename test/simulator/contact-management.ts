import type { Application } from './application';
import { contactListHrefs } from './contact-list-hrefs';
import { personKey, type Group } from './directory';
import { methodNotAllowed, notFound, UcwaError, validationFailure } from './errors';
import { json, noContent, type SimRequest, type SimResponse } from './http-types';
import { readInputs, type InputBag } from './input';
import { contactsCollection, distributionListResource, groupMembershipResource, groupMembershipsResource, groupResource } from './resources';
import type { SimCore } from './sim-core';

/** Longest group name (group2_ref). */
export const MAX_GROUP_NAME = 256;
/** Longest contactUri (myGroupMemberships2_ref). */
export const MAX_CONTACT_URI = 250;

const readOnly = (): UcwaError => new UcwaError(403, undefined, 'The user does not have sufficient privileges to modify the contact list.');
const noSuchGroup = (): UcwaError => notFound('The group does not exist.');

/** The ETag of a group (group2): changes with every rename and membership change. */
export function groupEtag(group: Group): string {
  return `"g${group.id}v${group.version}"`;
}

/**
 * Checks a new group name against the user's groups; returns it trimmed. Pure: throws the UCWA
 * error a server answers with (400 ParameterValidationFailure, 409 AlreadyExists).
 */
export function checkGroupName(raw: string | undefined, groups: readonly Group[], except?: Group): string {
  const name = raw?.trim() ?? '';
  if (name === '') throw validationFailure('name', 'required');
  if (name.length > MAX_GROUP_NAME) throw validationFailure('name', `at most ${MAX_GROUP_NAME} characters`);
  if (groups.some((g) => g !== except && g.name.toLowerCase() === name.toLowerCase())) {
    throw new UcwaError(409, 'AlreadyExists', `A group named ${name} already exists.`);
  }
  return name;
}

/** Groups that count against the group limit: every group but the system default and pinned ones. */
export function countedGroups(groups: readonly Group[]): number {
  return groups.filter((g) => g.kind === 'personal' || g.kind === 'distribution').length;
}

/** A `contactUri` input as a person key; 400 when missing, too long or not a SIP address. */
export function checkContactUri(raw: string | undefined): string {
  const uri = raw?.trim() ?? '';
  if (uri === '') throw validationFailure('contactUri', 'required');
  if (uri.length > MAX_CONTACT_URI) throw validationFailure('contactUri', `at most ${MAX_CONTACT_URI} characters`);
  if (!/^(sip:)?[^@\s:;]+@[^@\s:;]+$/i.test(uri)) throw validationFailure('contactUri', 'not a SIP address');
  return personKey(uri);
}

/**
 * The UCWA 2.0 contact-list management resources below `people` (myGroups2 POST, group2 PUT and
 * DELETE, myGroupMemberships2, removeContactFromAllGroups2, addToContactList,
 * removeFromContactList) and the read side they share with a read-only server (myGroupMemberships,
 * directory distribution groups). `segments` is the lower-cased path below `people`. Answers
 * `undefined` for anything it does not serve.
 */
export function contactManagementRoutes(core: SimCore, app: Application, req: SimRequest, segments: readonly string[]): SimResponse | undefined {
  const management = core.config.contactListManagement;
  const mutate = (): void => {
    if (!management) throw readOnly();
  };
  const [first, second, third, fourth] = segments;
  const user = app.user;
  const dir = core.directory;

  if (first === 'groups' && second === undefined) {
    if (req.method === 'GET') return undefined;
    if (req.method !== 'POST') throw methodNotAllowed();
    mutate();
    return createGroup(core, app, readInputs(req));
  }
  if (first === 'groups' && second === 'addtocontactlist' && third === undefined) {
    if (req.method !== 'POST') throw methodNotAllowed();
    mutate();
    const inputs = readInputs(req);
    const address = inputs.string('smtpAddress') ?? inputs.string('uri');
    if (address === undefined || address.trim() === '') throw validationFailure('smtpAddress', 'required');
    const list = dir.distributionList(address);
    if (!list) throw notFound('The distribution group does not exist.');
    const groups = dir.groupsOf(user);
    if (groups.some((g) => g.kind === 'distribution' && g.uri !== undefined && personKey(g.uri) === list.uri)) {
      throw new UcwaError(409, 'AlreadyExists', 'The distribution group is already on the contact list.');
    }
    if (countedGroups(groups) >= core.config.maxGroups) throw new UcwaError(409, 'TooManyGroups', 'The contact list has too many groups.');
    core.contactList.addDistributionGroup(user, list);
    return noContent();
  }
  if (first === 'groups' && second !== undefined && (third === undefined || third === 'removefromcontactlist') && fourth === undefined) {
    if (third === undefined && req.method === 'GET') return undefined;
    const group = dir.group(user, decodeURIComponent(second));
    if (third === 'removefromcontactlist') {
      if (req.method !== 'POST') throw methodNotAllowed();
      mutate();
      if (!group) throw noSuchGroup();
      if (group.kind !== 'distribution') throw new UcwaError(403, 'OperationNotSupported', 'Only a distribution group can be removed from the contact list this way.');
      core.contactList.removeGroup(user, group);
      return noContent();
    }
    if (req.method === 'PUT') {
      mutate();
      if (!group) throw noSuchGroup();
      return renameGroup(core, app, req, group);
    }
    if (req.method === 'DELETE') {
      mutate();
      if (!group) throw noSuchGroup();
      if (group.kind !== 'personal') throw new UcwaError(403, 'OperationNotSupported', `A ${group.kind} group cannot be deleted.`);
      core.contactList.removeGroup(user, group);
      return noContent();
    }
    throw methodNotAllowed();
  }

  if (first === 'groupmemberships') return memberships(core, app, req, segments.slice(1), mutate);

  if (first === 'distributiongroups' && second !== undefined && (third === undefined || third === 'expand') && fourth === undefined) {
    if (req.method !== 'GET') throw methodNotAllowed();
    const list = dir.distributionList(decodeURIComponent(second));
    if (!list) throw notFound('The distribution group does not exist.');
    const onList = dir.groupsOf(user).find((g) => g.kind === 'distribution' && g.uri !== undefined && personKey(g.uri) === list.uri);
    if (third === undefined) return json(200, distributionListResource(app, list, management, onList));
    const members = list.members.map((k) => dir.people.get(k)!);
    return json(200, contactsCollection(app, `${req.url.pathname}`, 'expandDistributionGroup', members, (req.url.searchParams.get('expand') ?? 'true').toLowerCase() !== 'false'));
  }
  return undefined;
}

function createGroup(core: SimCore, app: Application, inputs: InputBag): SimResponse {
  const groups = core.directory.groupsOf(app.user);
  // kenakamu's SDK sends displayName; the group resource calls it name.
  const name = checkGroupName(inputs.string('name') ?? inputs.string('displayName'), groups);
  if (countedGroups(groups) >= core.config.maxGroups) throw new UcwaError(409, 'TooManyGroups', 'The contact list has too many groups.');
  const group = core.contactList.addGroup(app.user, name);
  return json(201, groupResource(app, group, true), { location: app.hrefs.group(group.id), etag: groupEtag(group) });
}

function renameGroup(core: SimCore, app: Application, req: SimRequest, group: Group): SimResponse {
  if (group.kind !== 'personal') throw new UcwaError(403, 'OperationNotSupported', `A ${group.kind} group cannot be renamed.`);
  const ifMatch = req.headers['if-match'];
  if (ifMatch === undefined || ifMatch.trim() === '') throw new UcwaError(428, 'PreconditionRequired', 'A PUT needs If-Match with the resource ETag.');
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(groupEtag(group))) throw new UcwaError(412, 'PreconditionFailed', 'The group has changed since it was read.');
  const name = checkGroupName(readInputs(req).string('name'), core.directory.groupsOf(app.user), group);
  core.contactList.renameGroup(app.user, group, name);
  return { status: 200, headers: { 'cache-control': 'no-cache', etag: groupEtag(group) } };
}

function memberships(core: SimCore, app: Application, req: SimRequest, rest: readonly string[], mutate: () => void): SimResponse {
  const dir = core.directory;
  const user = app.user;
  const person = (key: string) => dir.people.get(key)!;
  const [first, second, third] = rest;
  if (first === undefined) {
    if (req.method === 'GET') {
      const groupId = req.url.searchParams.get('groupId') ?? req.url.searchParams.get('groupid');
      const groups = groupId === null ? dir.groupsOf(user) : [dir.group(user, groupId)].filter((g): g is Group => g !== undefined);
      if (groupId !== null && groups.length === 0) throw noSuchGroup();
      return json(200, groupMembershipsResource(app, groups, person, core.config.contactListManagement));
    }
    if (req.method !== 'POST') throw methodNotAllowed();
    mutate();
    const inputs = readInputs(req);
    const key = checkContactUri(inputs.string('contactUri'));
    const groupId = inputs.string('groupId');
    const group = groupId === undefined || groupId === '' ? dir.groupsOf(user).find((g) => g.kind === 'default') : dir.group(user, groupId);
    if (!group) throw noSuchGroup();
    if (group.kind === 'distribution') throw new UcwaError(403, undefined, 'Contacts cannot be added to a distribution group.');
    const known = dir.people.get(key);
    if (!known || (!known.inAddressBook && !dir.contactsOf(user).includes(key))) throw notFound('The contact does not exist.');
    if (group.contacts.includes(key)) throw new UcwaError(409, 'AlreadyExists', 'The contact is already in the group.');
    const listed = dir.contactsOf(user);
    if (!listed.includes(key) && listed.length >= core.config.maxContacts) throw new UcwaError(409, 'TooManyContacts', 'The contact list is full.');
    core.contactList.addContact(user, group, known.uri);
    return json(201, groupMembershipResource(app, group, known), { location: contactListHrefs(app.hrefs).membership(group.id, known.uri) });
  }
  if (first === 'removecontactfromallgroups' && second === undefined) {
    if (req.method !== 'POST') throw methodNotAllowed();
    mutate();
    const key = checkContactUri(readInputs(req).string('contactUri'));
    if (!core.contactList.removeContactEverywhere(user, key)) throw notFound('The contact is not on the contact list.');
    return noContent();
  }
  if (second !== undefined && third === undefined) {
    const group = dir.group(user, decodeURIComponent(first));
    const key = personKey(decodeURIComponent(second));
    if (!group || group.kind === 'distribution' || !group.contacts.includes(key)) throw notFound('The group membership does not exist.');
    if (req.method === 'GET') return json(200, groupMembershipResource(app, group, person(key)));
    if (req.method !== 'DELETE') throw methodNotAllowed();
    mutate();
    core.contactList.removeContact(user, group, key);
    return noContent();
  }
  throw notFound();
}
