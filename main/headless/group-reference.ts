import type { ContactList, Group } from '../../shared/models';

/** What a command's `group` (a name or an id) points at on the contact list. */
export type GroupLookup =
  | { readonly ok: true; readonly group: Group }
  | { readonly ok: false; readonly code: 'groupNotFound' }
  /** `matches` names each candidate as `name (id)`, so the user can pick the id. */
  | { readonly ok: false; readonly code: 'groupAmbiguous'; readonly matches: readonly string[] };

/**
 * Resolves `reference` against the current list: every group whose id is `reference` or whose
 * name is `reference` (ignoring case and surrounding spaces). One → that group; several (two groups
 * of one name, or a name that is another group's id) → ambiguous, never a guess.
 */
export function findGroup(list: ContactList, reference: string): GroupLookup {
  const wanted = reference.trim();
  const candidates = list.groups.filter((group) => group.id === wanted || sameName(group.name, wanted));
  const [only, ...more] = candidates;
  if (only === undefined) return { ok: false, code: 'groupNotFound' };
  if (more.length === 0) return { ok: true, group: only };
  return { ok: false, code: 'groupAmbiguous', matches: candidates.map((group) => `${group.name} (${group.id})`) };
}

export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function sameUri(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** True when the group `groupId` lists `uri`. */
export function groupHas(list: ContactList, groupId: string, uri: string): boolean {
  return list.groups.some((group) => group.id === groupId && group.contactUris.some((member) => sameUri(member, uri)));
}

/** True when any group lists `uri`. */
export function listHas(list: ContactList, uri: string): boolean {
  return list.groups.some((group) => group.contactUris.some((member) => sameUri(member, uri)));
}
