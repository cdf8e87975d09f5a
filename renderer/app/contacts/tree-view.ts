import { element } from '../common/dom';
import type { Translator } from '../common/i18n';
import { indexOfKey, type Row, type RowModel } from './row-model';
import { treeKeyAction, type TreeAction } from './tree-keys';
import { contactSignature, fillContactRow, fillGroupRow, groupSignature } from './tree-rows';
import { scrollToReveal, visibleRange } from './visible-range';

/** Every row has this height (px); the CSS uses the same value through `--row-height`. */
export const ROW_HEIGHT = 30;
const OVERSCAN = 8;

export interface TreeViewCallbacks {
  toggleGroup(groupId: string): void;
  toggleWatch(uri: string, watch: boolean): void;
  /** Escape in the list. */
  clearFilter(): void;
  /** A printable key typed in the list: continue typing in the filter box. */
  typeAhead(text: string): void;
  /** The row's actions menu was asked for (right click, ContextMenu key, Shift+F10), next to `node`. */
  openActions(row: Row, node: HTMLElement): void;
  /** Delete on a row. */
  removeRow(row: Row, node: HTMLElement): void;
  /** F2 on a group row. */
  renameRow(row: Row, node: HTMLElement): void;
  /**
   * The active (selected) row changed, by keyboard, click or because the list changed under it;
   * null when the list is empty. A contact card follows this.
   */
  selectionChanged(row: Row | null): void;
}

export interface TreeView {
  setModel(model: RowModel): void;
  /** Re-words every row in another language. */
  setMessages(messages: Translator): void;
  /** How many row elements are in the DOM (for tests and the bench: bounded by the viewport). */
  renderedRowCount(): number;
  /** Gives keyboard focus back to the active row (after a menu or an editor closes). */
  focus(): void;
}

const EMPTY_MODEL: RowModel = {
  rows: [],
  groupCount: 0,
  contactCount: 0,
  totalContacts: 0,
  index: { contactRows: new Map(), groupRows: new Map(), countedIn: new Map() },
};

/** Everything the tree's functions share: one object, so each stays small. */
interface TreeState {
  readonly container: HTMLElement;
  readonly spacer: HTMLElement;
  readonly callbacks: TreeViewCallbacks;
  messages: Translator;
  model: RowModel;
  activeKey: string | null;
  lastActiveIndex: number;
  /** The key last reported to `selectionChanged` (undefined: nothing reported yet). */
  reportedKey: string | null | undefined;
  readonly rendered: Map<string, HTMLElement>;
  frame: number;
}

function activeIndex(state: TreeState): number {
  const index = indexOfKey(state.model.rows, state.activeKey);
  if (index >= 0) return index;
  if (state.model.rows.length === 0) return -1;
  return Math.min(state.lastActiveIndex, state.model.rows.length - 1);
}

function wantedRows(state: TreeState, active: number): number[] {
  const range = visibleRange({
    scrollTop: state.container.scrollTop,
    viewportHeight: state.container.clientHeight,
    rowHeight: ROW_HEIGHT,
    rowCount: state.model.rows.length,
    overscan: OVERSCAN,
  });
  const wanted: number[] = [];
  for (let i = range.start; i < range.end; i += 1) wanted.push(i);
  // The focused row stays in the DOM even when scrolled away, so Tab always lands on it.
  if (active >= 0 && (active < range.start || active >= range.end)) wanted.push(active);
  return wanted;
}

function placeRow(state: TreeState, index: number, isActive: boolean): string {
  const row = state.model.rows[index]!;
  let node = state.rendered.get(row.key);
  if (!node) {
    node = element('div');
    node.setAttribute('role', 'treeitem');
    node.dataset.key = row.key;
    state.container.appendChild(node);
    state.rendered.set(row.key, node);
  }
  const locale = state.messages.locale;
  const signature = row.type === 'group' ? groupSignature(row, isActive, locale) : contactSignature(row, isActive, locale);
  if (node.dataset.sig !== signature) {
    if (row.type === 'group') fillGroupRow(node, row, state.messages);
    else fillContactRow(node, row, state.messages);
    node.dataset.sig = signature;
    if (isActive) node.classList.add('active');
  }
  node.dataset.index = String(index);
  node.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
  node.tabIndex = isActive ? 0 : -1;
  return row.key;
}

function reportSelection(state: TreeState): void {
  if (state.reportedKey === state.activeKey) return;
  state.reportedKey = state.activeKey;
  state.callbacks.selectionChanged(state.model.rows[indexOfKey(state.model.rows, state.activeKey)] ?? null);
}

function render(state: TreeState): void {
  state.frame = 0;
  const { rows } = state.model;
  state.spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
  const active = activeIndex(state);
  state.activeKey = active >= 0 ? rows[active]!.key : null;
  if (active >= 0) state.lastActiveIndex = active;
  const { container } = state;
  const hadFocus = container.contains(document.activeElement) && document.activeElement !== container;
  const keep = new Set(wantedRows(state, active).map((index) => placeRow(state, index, index === active)));
  for (const [key, node] of state.rendered) {
    if (!keep.has(key)) {
      node.remove();
      state.rendered.delete(key);
    }
  }
  container.tabIndex = active >= 0 ? -1 : 0;
  if (hadFocus && !container.contains(document.activeElement)) focusActive(state);
  reportSelection(state);
}

function focusActive(state: TreeState): void {
  if (state.activeKey === null) state.container.focus({ preventScroll: true });
  else state.rendered.get(state.activeKey)?.focus({ preventScroll: true });
}

function moveTo(state: TreeState, index: number): void {
  const { rows } = state.model;
  if (rows.length === 0) return;
  const clamped = Math.max(0, Math.min(rows.length - 1, index));
  state.activeKey = rows[clamped]!.key;
  state.lastActiveIndex = clamped;
  state.container.scrollTop = scrollToReveal(clamped, state.container.scrollTop, state.container.clientHeight, ROW_HEIGHT);
  render(state);
  focusActive(state);
}

/** Runs a key's action; the row's own actions get the row and its element. */
function perform(state: TreeState, action: TreeAction, row: Row | undefined): void {
  const { callbacks } = state;
  const node = row === undefined ? undefined : state.rendered.get(row.key);
  switch (action.type) {
    case 'move':
      return moveTo(state, action.index);
    case 'toggleGroup':
      return callbacks.toggleGroup(action.groupId);
    case 'toggleWatch':
      return callbacks.toggleWatch(action.uri, action.watch);
    case 'clearFilter':
      return callbacks.clearFilter();
    case 'typeAhead':
      return callbacks.typeAhead(action.text);
    case 'actions':
      if (row && node) callbacks.openActions(row, node);
      return;
    case 'remove':
      if (row && node) callbacks.removeRow(row, node);
      return;
    case 'rename':
      if (row && node) callbacks.renameRow(row, node);
      return;
  }
}

function onKeyDown(state: TreeState, event: KeyboardEvent): void {
  const index = activeIndex(state);
  const page = Math.max(1, Math.floor(state.container.clientHeight / ROW_HEIGHT) - 1);
  const action = treeKeyAction(event, state.model.rows, index, page);
  if (action === null) return;
  event.preventDefault();
  perform(state, action, state.model.rows[index]);
}

/** Makes the clicked row active; returns it (undefined when the click was not on a row). */
function activateClicked(state: TreeState, event: MouseEvent): Row | undefined {
  const node = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
  const index = Number(node?.dataset.index);
  const row = state.model.rows[index];
  if (!row) return undefined;
  state.activeKey = row.key;
  state.lastActiveIndex = index;
  return row;
}

function onClick(state: TreeState, event: MouseEvent): void {
  const row = activateClicked(state, event);
  if (!row) return;
  if ((event.target as HTMLElement).closest('button.watch') && row.type === 'contact') state.callbacks.toggleWatch(row.contact.uri, !row.watched);
  else if (row.type === 'group') state.callbacks.toggleGroup(row.group.id);
  render(state);
  focusActive(state);
}

function onContextMenu(state: TreeState, event: MouseEvent): void {
  const row = activateClicked(state, event);
  if (!row) return;
  event.preventDefault();
  render(state);
  focusActive(state);
  const node = state.rendered.get(row.key);
  if (node) state.callbacks.openActions(row, node);
}

function listen(state: TreeState): void {
  const schedule = (): void => {
    if (state.frame === 0) state.frame = requestAnimationFrame(() => render(state));
  };
  const { container } = state;
  container.addEventListener('scroll', schedule, { passive: true });
  new ResizeObserver(schedule).observe(container);
  container.addEventListener('keydown', (event) => onKeyDown(state, event));
  container.addEventListener('click', (event) => onClick(state, event));
  container.addEventListener('contextmenu', (event) => onContextMenu(state, event));
  // Focus that lands on a row by other means (a screen reader, a script) makes it the active row.
  container.addEventListener('focusin', (event) => {
    const row = state.model.rows[Number((event.target as HTMLElement).dataset?.index)];
    if (row === undefined || row.key === state.activeKey) return;
    state.activeKey = row.key;
    render(state);
  });
  container.addEventListener('focus', () => {
    // The container only takes focus when the list is empty or being rebuilt; hand it on to the active row.
    if (state.activeKey !== null) focusActive(state);
  });
}

/**
 * A virtualized ARIA tree: only rows that intersect the viewport (plus a margin, plus the focused row)
 * are in the DOM, absolutely positioned over a spacer as tall as the whole list. Keyboard focus roves
 * (one row has tabindex 0) and is tracked by row key so it survives live updates and filtering.
 */
export function createTreeView(container: HTMLElement, spacer: HTMLElement, callbacks: TreeViewCallbacks, initial: Translator): TreeView {
  const state: TreeState = {
    container,
    spacer,
    callbacks,
    messages: initial,
    model: EMPTY_MODEL,
    activeKey: null,
    lastActiveIndex: 0,
    reportedKey: undefined,
    rendered: new Map(),
    frame: 0,
  };
  listen(state);
  return {
    setModel(next) {
      state.model = next;
      render(state);
    },
    setMessages(next) {
      state.messages = next;
      render(state);
    },
    renderedRowCount: () => state.rendered.size,
    focus: () => focusActive(state),
  };
}
