import type { Group, GroupKind } from '../../../shared/models';

/** The order the window lists group kinds in: pinned first, distribution lists last. */
export const GROUP_KIND_ORDER: readonly GroupKind[] = ['pinned', 'personal', 'default', 'distribution', 'other'];

/** Maps a UCWA group rel (§6.2) to the kind we show. */
export function groupKindOfRel(rel: string): GroupKind {
  switch (rel) {
    case 'pinnedGroup':
      return 'pinned';
    case 'group':
      return 'personal';
    case 'defaultGroup':
      return 'default';
    case 'distributionGroup':
      return 'distribution';
    default:
      return 'other';
  }
}

/** Stable sort by kind; groups of one kind keep the server's order. */
export function sortGroups(groups: readonly Group[]): Group[] {
  const rank = (group: Group): number => GROUP_KIND_ORDER.indexOf(group.kind);
  return groups
    .map((group, index) => ({ group, index }))
    .sort((a, b) => rank(a.group) - rank(b.group) || a.index - b.index)
    .map(({ group }) => group);
}
