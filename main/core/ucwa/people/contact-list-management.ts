import type { ContactCapabilities } from '../../../../shared/models';
import { embedded, isJsonObject, links, requireObject, resolveHref } from '../hal';
import { MANAGEMENT_UNAVAILABLE, SEARCH_UNAVAILABLE } from './contact-list-error';

/**
 * What the people resource offers for changing the contact list (UCWA 2.0 revision-2 resources:
 * myGroups2, myGroupMemberships2) and the memberships answer, as typed values. Pure.
 */

/** The management hrefs a server links; absent when it offers no management. */
export interface ManagementLinks {
  readonly myGroups: string;
  readonly myGroupMemberships: string;
}

export interface PeopleOffer {
  readonly capabilities: ContactCapabilities;
  readonly management: ManagementLinks | undefined;
  readonly search: string | undefined;
}

/** The `revision` a link carries (`{"href":…,"revision":"2"}`), or undefined. */
function revisionOf(resource: unknown, rel: string): string | undefined {
  if (!isJsonObject(resource) || !isJsonObject(resource['_links'])) return undefined;
  const value = resource['_links'][rel];
  return isJsonObject(value) && typeof value['revision'] === 'string' ? value['revision'] : undefined;
}

const atLeast2 = (revision: string | undefined): boolean => revision !== undefined && Number(revision) >= 2;

/**
 * Reads the people resource: management is offered when both myGroups and myGroupMemberships are
 * linked at revision 2 or later (a revision-1 myGroups is read-only, §6.2).
 */
export function parsePeopleOffer(body: unknown, url: string): PeopleOffer {
  const own = links(requireObject(body, 'people resource'), url);
  const myGroups = own['myGroups'];
  const myGroupMemberships = own['myGroupMemberships'];
  const managed =
    myGroups !== undefined && myGroupMemberships !== undefined && atLeast2(revisionOf(body, 'myGroups')) && atLeast2(revisionOf(body, 'myGroupMemberships'));
  const search = own['search'];
  return {
    capabilities: {
      search: search !== undefined ? { available: true } : { available: false, reason: SEARCH_UNAVAILABLE },
      contactListManagement: managed ? { available: true } : { available: false, reason: MANAGEMENT_UNAVAILABLE },
    },
    management: managed ? { myGroups, myGroupMemberships } : undefined,
    search,
  };
}

/** One (contact, group) pair of myGroupMemberships. */
export interface Membership {
  readonly self: string;
  readonly contact: string | undefined;
  /** The href of the group the contact is in (linked under the group's rel). */
  readonly group: string | undefined;
}

export interface MembershipsAnswer {
  readonly removeContactFromAllGroups: string | undefined;
  readonly memberships: readonly Membership[];
}

const GROUP_LINK_RELS = ['group', 'defaultGroup', 'pinnedGroup', 'delegatesGroup', 'delegatorsGroup', 'myOrganizationGroup'];

/** Reads myGroupMemberships (myGroupMemberships2 links removeContactFromAllGroups). */
export function parseMemberships(body: unknown, url: string): MembershipsAnswer {
  const resource = requireObject(body, 'group memberships');
  const own = links(resource, url);
  const raw = embedded(resource, 'myGroupMembership');
  const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const memberships = items.flatMap((item): Membership[] => {
    const l = links(item, url);
    const self = l['self'];
    if (self === undefined) return [];
    const groupRel = GROUP_LINK_RELS.find((rel) => l[rel] !== undefined);
    return [{ self, contact: l['contact'], group: groupRel === undefined ? undefined : l[groupRel] }];
  });
  return { removeContactFromAllGroups: own['removeContactFromAllGroups'], memberships };
}

/** Same resource? hrefs compared after resolution, case-insensitively (UCWA paths are). */
export function sameHref(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return resolveHref(a, 'https://x.invalid/').toLowerCase() === resolveHref(b, 'https://x.invalid/').toLowerCase();
}
