import { parentGroupIndex, type Row } from './row-model';

/** What a key pressed in the tree asks for. */
export type TreeAction =
  | { readonly type: 'move'; readonly index: number }
  | { readonly type: 'toggleGroup'; readonly groupId: string }
  | { readonly type: 'toggleWatch'; readonly uri: string; readonly watch: boolean }
  | { readonly type: 'clearFilter' }
  | { readonly type: 'typeAhead'; readonly text: string }
  /** The row's actions menu (ContextMenu key, Shift+F10). */
  | { readonly type: 'actions' }
  /** Delete: remove the contact from this group, or delete the group. */
  | { readonly type: 'remove' }
  /** F2: rename the group. */
  | { readonly type: 'rename' };

/** The parts of a KeyboardEvent the tree reads. */
export interface TreeKey {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

function horizontal(key: string, rows: readonly Row[], index: number): TreeAction | null {
  const row = rows[index];
  if (row === undefined) return null;
  if (key === 'ArrowRight') {
    if (row.type !== 'group') return null;
    if (!row.expanded) return { type: 'toggleGroup', groupId: row.group.id };
    return rows[index + 1]?.type === 'contact' ? { type: 'move', index: index + 1 } : null;
  }
  if (row.type === 'group') return row.expanded ? { type: 'toggleGroup', groupId: row.group.id } : null;
  return { type: 'move', index: parentGroupIndex(rows, index) };
}

function activate(row: Row | undefined): TreeAction | null {
  if (row === undefined) return null;
  return row.type === 'group' ? { type: 'toggleGroup', groupId: row.group.id } : { type: 'toggleWatch', uri: row.contact.uri, watch: !row.watched };
}

const MOVES: Readonly<Record<string, (index: number, count: number, page: number) => number>> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  Home: () => 0,
  End: (_i, count) => count - 1,
  PageDown: (i, _c, page) => i + page,
  PageUp: (i, _c, page) => i - page,
};

/**
 * The action for a key on the active row (`index` in `rows`; `page` rows per screen), or null when
 * the tree leaves the key alone. Pure, so the whole keyboard map is testable without a browser.
 */
export function treeKeyAction(event: TreeKey, rows: readonly Row[], index: number, page: number): TreeAction | null {
  const move = MOVES[event.key];
  if (move !== undefined) return { type: 'move', index: move(index, rows.length, page) };
  if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) return rows[index] ? { type: 'actions' } : null;
  switch (event.key) {
    case 'ArrowRight':
    case 'ArrowLeft':
      return horizontal(event.key, rows, index);
    case 'Enter':
    case ' ':
      return activate(rows[index]);
    case 'Escape':
      return { type: 'clearFilter' };
    case 'Delete':
      return rows[index] ? { type: 'remove' } : null;
    case 'F2':
      return rows[index]?.type === 'group' ? { type: 'rename' } : null;
    default:
      if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) return { type: 'typeAhead', text: event.key };
      return null;
  }
}
