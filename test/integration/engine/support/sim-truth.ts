import type { ContactList } from '../../../../shared/models';
import type { SimUserView } from './engine-harness';

/** Group name → sorted member URIs: the shape both sides can be compared in. */
export type GroupMembers = Readonly<Record<string, readonly string[]>>;

function sortedByName(entries: [string, string[]][]): GroupMembers {
  return Object.fromEntries(entries.map(([name, uris]) => [name, uris.sort()] as const).sort(([a], [b]) => a.localeCompare(b)));
}

export function engineGroups(list: ContactList): GroupMembers {
  return sortedByName(list.groups.map((g) => [g.name, g.contactUris.map((u) => u.toLowerCase())]));
}

export function simGroups(user: SimUserView): GroupMembers {
  return sortedByName(user.groups.map((g) => [g.name, g.contacts.map((c) => c.uri.toLowerCase())]));
}

/** Applications the simulator still has for `endpointId` (created and neither deleted nor reaped). */
export function liveApplications(user: SimUserView, endpointId: string): number {
  return user.applications.filter((app) => app.endpointId === endpointId).length;
}
