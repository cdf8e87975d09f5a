import { isAvailability } from './availability';
import { isLanguageChoice, isLocale } from './i18n/locale';
import type {
  ContactListChange,
  ContactListChangeKind,
  ContactPatch,
  ContactPatchBatch,
  ContactPatchKind,
  SearchRequest,
  SignInForm,
  WatchRequest,
} from './ipc-contract';
import type { Contact, Group, GroupKind } from './models';

/** A supported locale (`push:locale` payloads) and a Language-menu choice (settings, tray ids). */
export { isLanguageChoice, isLocale };

/**
 * Runtime guards for everything that crosses the IPC boundary. Main validates every renderer
 * payload with these before acting: the renderer is treated as untrusted.
 */

/** Limits that keep a compromised renderer from pushing huge values into settings or the server. */
export const LIMITS = {
  address: 320,
  password: 1024,
  url: 2048,
  note: 500,
  uri: 320,
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** Exactly the SignInForm keys with the right types and sane lengths; extra keys are rejected. */
export function isSignInForm(value: unknown): value is SignInForm {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value).sort().join(',');
  if (keys !== 'acceptWeakStorage,address,discoveryUrl,keepSignedIn,password') return false;
  return (
    isBoundedString(value['address'], LIMITS.address) &&
    isBoundedString(value['password'], LIMITS.password) &&
    isBoundedString(value['discoveryUrl'], LIMITS.url) &&
    typeof value['keepSignedIn'] === 'boolean' &&
    typeof value['acceptWeakStorage'] === 'boolean'
  );
}

/** A note: a string of at most LIMITS.note characters. */
export function isNote(value: unknown): value is string {
  return isBoundedString(value, LIMITS.note);
}

/** A SIP URI such as `sip:alice@contoso.com`. */
export function isSipUri(value: unknown): value is string {
  return isBoundedString(value, LIMITS.uri) && /^sip:[^\s@]+@[^\s@]+$/i.test(value);
}

export function isWatchRequest(value: unknown): value is WatchRequest {
  return (
    isRecord(value) &&
    Object.keys(value).length === 2 &&
    isSipUri(value['uri']) &&
    typeof value['watch'] === 'boolean'
  );
}

/** Invokes without a payload must really come without one. */
export function isNoPayload(value: unknown): value is undefined {
  return value === undefined;
}

/** Limits on what a patch batch may carry, so a corrupt push cannot make the window loop or allocate without bound. */
export const PATCH_LIMITS = {
  name: 1024,
  groupId: 2048,
  members: 100_000,
  patches: 200_000,
} as const;

const GROUP_KINDS: ReadonlySet<unknown> = new Set<GroupKind>(['pinned', 'personal', 'default', 'distribution', 'other']);

function hasKeys(value: Record<string, unknown>, keys: string): boolean {
  return Object.keys(value).sort().join(',') === keys;
}

function isUriList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.length <= PATCH_LIMITS.members && value.every((uri) => isBoundedString(uri, LIMITS.uri));
}

/** A contact record as main sends it: uri, name, availability and an optional note. */
export function isContact(value: unknown): value is Contact {
  if (!isRecord(value)) return false;
  if (!hasKeys(value, 'availability,name,uri') && !hasKeys(value, 'availability,name,note,uri')) return false;
  return (
    isBoundedString(value['uri'], LIMITS.uri) &&
    isBoundedString(value['name'], PATCH_LIMITS.name) &&
    isAvailability(value['availability']) &&
    (value['note'] === undefined || isBoundedString(value['note'], LIMITS.note))
  );
}

/** A group: id, name, kind and its member URIs. */
export function isGroup(value: unknown): value is Group {
  return (
    isRecord(value) &&
    hasKeys(value, 'contactUris,id,kind,name') &&
    isBoundedString(value['id'], PATCH_LIMITS.groupId) &&
    isBoundedString(value['name'], PATCH_LIMITS.name) &&
    GROUP_KINDS.has(value['kind']) &&
    isUriList(value['contactUris'])
  );
}

const PATCH_CHECKS: Readonly<Record<ContactPatchKind, (value: Record<string, unknown>) => boolean>> = {
  presenceChanged: (v) => hasKeys(v, 'availability,kind,uri') && isBoundedString(v['uri'], LIMITS.uri) && isAvailability(v['availability']),
  noteChanged: (v) =>
    hasKeys(v, 'kind,note,uri') && isBoundedString(v['uri'], LIMITS.uri) && (v['note'] === null || isBoundedString(v['note'], LIMITS.note)),
  contactAdded: (v) => hasKeys(v, 'contact,kind') && isContact(v['contact']),
  contactRemoved: (v) => hasKeys(v, 'kind,uri') && isBoundedString(v['uri'], LIMITS.uri),
  groupAdded: (v) =>
    hasKeys(v, 'group,index,kind') && isGroup(v['group']) && Number.isSafeInteger(v['index']) && (v['index'] as number) >= 0,
  groupRenamed: (v) => hasKeys(v, 'groupId,kind,name') && isBoundedString(v['groupId'], PATCH_LIMITS.groupId) && isBoundedString(v['name'], PATCH_LIMITS.name),
  groupRemoved: (v) => hasKeys(v, 'groupId,kind') && isBoundedString(v['groupId'], PATCH_LIMITS.groupId),
  membershipChanged: (v) => hasKeys(v, 'contactUris,groupId,kind') && isBoundedString(v['groupId'], PATCH_LIMITS.groupId) && isUriList(v['contactUris']),
  groupsReordered: (v) =>
    hasKeys(v, 'groupIds,kind') &&
    Array.isArray(v['groupIds']) &&
    v['groupIds'].length <= PATCH_LIMITS.members &&
    v['groupIds'].every((id: unknown) => isBoundedString(id, PATCH_LIMITS.groupId)),
};

/** One contact-list patch of a known kind with exactly its fields. */
export function isContactPatch(value: unknown): value is ContactPatch {
  if (!isRecord(value) || typeof value['kind'] !== 'string' || !Object.hasOwn(PATCH_CHECKS, value['kind'])) return false;
  return PATCH_CHECKS[value['kind'] as ContactPatchKind](value);
}

/** A `push:contacts-patch` payload: a positive sequence number and valid patches. */
export function isContactPatchBatch(value: unknown): value is ContactPatchBatch {
  if (!isRecord(value) || !hasKeys(value, 'patches,seq')) return false;
  const { seq, patches } = value;
  return (
    Number.isSafeInteger(seq) &&
    (seq as number) >= 1 &&
    Array.isArray(patches) &&
    patches.length <= PATCH_LIMITS.patches &&
    patches.every(isContactPatch)
  );
}

/** Bounds of a directory search as the server accepts it (search_ref: query ≤ 256, limit 1–100). */
export const SEARCH_LIMITS = { query: 256, minLimit: 1, maxLimit: 100 } as const;

/** A search request: a non-blank query of at most 256 characters and a whole limit from 1 to 100. */
export function isSearchRequest(value: unknown): value is SearchRequest {
  if (!isRecord(value) || !hasKeys(value, 'limit,query')) return false;
  const { query, limit } = value;
  return (
    isBoundedString(query, SEARCH_LIMITS.query) &&
    query.trim() !== '' &&
    Number.isSafeInteger(limit) &&
    (limit as number) >= SEARCH_LIMITS.minLimit &&
    (limit as number) <= SEARCH_LIMITS.maxLimit
  );
}

const isGroupId = (value: unknown): value is string => isBoundedString(value, PATCH_LIMITS.groupId) && value !== '';
// The server judges a group name (it answers what is too long); this bound only stops a flood.
const isGroupName = (value: unknown): value is string => isBoundedString(value, PATCH_LIMITS.name);

const CHANGE_CHECKS: Readonly<Record<ContactListChangeKind, (value: Record<string, unknown>) => boolean>> = {
  addContact: (v) => (hasKeys(v, 'kind,uri') || (hasKeys(v, 'groupId,kind,uri') && isGroupId(v['groupId']))) && isSipUri(v['uri']),
  removeFromGroup: (v) => hasKeys(v, 'groupId,kind,uri') && isSipUri(v['uri']) && isGroupId(v['groupId']),
  removeFromAllGroups: (v) => hasKeys(v, 'kind,uri') && isSipUri(v['uri']),
  moveContact: (v) =>
    hasKeys(v, 'fromGroupId,kind,toGroupId,uri') &&
    isSipUri(v['uri']) &&
    isGroupId(v['fromGroupId']) &&
    isGroupId(v['toGroupId']) &&
    v['fromGroupId'] !== v['toGroupId'],
  createGroup: (v) => hasKeys(v, 'kind,name') && isGroupName(v['name']),
  renameGroup: (v) => hasKeys(v, 'groupId,kind,name') && isGroupId(v['groupId']) && isGroupName(v['name']),
  deleteGroup: (v) => hasKeys(v, 'groupId,kind') && isGroupId(v['groupId']),
  addDistributionGroup: (v) => hasKeys(v, 'kind,uri') && isSipUri(v['uri']),
  removeDistributionGroup: (v) => hasKeys(v, 'groupId,kind') && isGroupId(v['groupId']),
};

/** One contact-list change of a known kind with exactly its fields, addresses SIP URIs. */
export function isContactListChange(value: unknown): value is ContactListChange {
  if (!isRecord(value) || typeof value['kind'] !== 'string' || !Object.hasOwn(CHANGE_CHECKS, value['kind'])) return false;
  return CHANGE_CHECKS[value['kind'] as ContactListChangeKind](value);
}
