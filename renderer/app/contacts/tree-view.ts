import { AVAILABILITY_KEYS, type MessageKey } from '../../../shared/i18n';
import type { GroupKind } from '../../../shared/models';
import { element } from '../common/dom';
import type { Translator } from '../common/i18n';
import { presenceTone } from '../common/presence-style';
import { indexOfKey, parentGroupIndex, type ContactRow, type GroupRow, type Row, type RowModel } from './row-model';
import { scrollToReveal, visibleRange } from './visible-range';

/** Every row has this height (px); the CSS uses the same value through `--row-height`. */
export const ROW_HEIGHT = 30;
const OVERSCAN = 8;

/** Group kinds as a screen reader says them. */
const GROUP_KIND_KEYS: Readonly<Record<GroupKind, MessageKey>> = {
  pinned: 'tree.kindPinned',
  personal: 'tree.kindPersonal',
  default: 'tree.kindDefault',
  distribution: 'tree.kindDistribution',
  other: 'tree.kindOther',
};

/** The small tag after a group's name; ordinary groups have none. */
const GROUP_TAG_KEYS: Readonly<Partial<Record<GroupKind, MessageKey>>> = {
  pinned: 'tree.tagPinned',
  default: 'tree.tagDefault',
  distribution: 'tree.tagDistribution',
};

export interface TreeViewCallbacks {
  toggleGroup(groupId: string): void;
  toggleWatch(uri: string, watch: boolean): void;
  /** Escape in the list. */
  clearFilter(): void;
  /** A printable key typed in the list: continue typing in the filter box. */
  typeAhead(text: string): void;
  /** The rows drawn around the viewport, after each render. */
  shown?(rows: readonly Row[]): void;
}

export interface TreeView {
  setModel(model: RowModel): void;
  /** Re-words every row in another language. */
  setMessages(messages: Translator): void;
  /** How many row elements are in the DOM (for tests and the bench: bounded by the viewport). */
  renderedRowCount(): number;
}

function groupSignature(row: GroupRow, active: boolean, locale: string): string {
  return [locale, row.group.name, row.group.kind, row.shown, row.total, row.available, row.expanded, row.position, active].join('\u0000');
}

function contactSignature(row: ContactRow, active: boolean, locale: string): string {
  const c = row.contact;
  return [locale, c.name, c.uri, c.availability, c.note ?? '', row.watched, row.position, row.setSize, active].join('\u0000');
}

function fillGroupRow(node: HTMLElement, row: GroupRow, messages: Translator): void {
  node.className = `row group-row kind-${row.group.kind}`;
  node.setAttribute('aria-level', '1');
  node.setAttribute('aria-expanded', String(row.expanded));
  node.setAttribute('aria-posinset', String(row.position));
  node.removeAttribute('aria-setsize');
  const kind = messages.t(GROUP_KIND_KEYS[row.group.kind]);
  const all = row.shown === row.total;
  node.setAttribute(
    'aria-label',
    all
      ? messages.t('tree.groupLabel', { name: row.group.name, kind, count: row.total, available: row.available })
      : messages.t('tree.groupLabelFiltered', { name: row.group.name, kind, count: row.shown, total: row.total, available: row.available }),
  );
  const tag = GROUP_TAG_KEYS[row.group.kind];
  node.replaceChildren(
    element('span', 'chevron'),
    element('span', 'group-name', row.group.name),
    element('span', 'group-kind', tag === undefined ? '' : messages.t(tag)),
    element(
      'span',
      'group-count',
      all
        ? messages.t('tree.availableOf', { available: row.available, count: row.shown })
        : messages.t('tree.availableOfFiltered', { available: row.available, count: row.shown, total: row.total }),
    ),
  );
}

function fillContactRow(node: HTMLElement, row: ContactRow, messages: Translator): void {
  const { contact } = row;
  const label = messages.t(AVAILABILITY_KEYS[contact.availability]);
  node.className = `row contact-row${row.watched ? ' watched' : ''}`;
  node.setAttribute('aria-level', '2');
  node.removeAttribute('aria-expanded');
  node.setAttribute('aria-posinset', String(row.position));
  node.setAttribute('aria-setsize', String(row.setSize));
  const parts = [messages.t('tree.contactLabel', { name: contact.name, availability: label })];
  if (contact.note) parts.push(messages.t('tree.contactNote', { note: contact.note }));
  if (row.watched) parts.push(messages.t('tree.watching'));
  node.setAttribute('aria-label', parts.join(', '));
  node.title = contact.uri.replace(/^sip:/i, '');
  const dot = element('span', `dot dot-${presenceTone(contact.availability)}`);
  const name = element('span', 'contact-name', contact.name);
  const status = element('span', 'contact-status', label);
  const noteNode = element('span', 'contact-note', contact.note ?? '');
  const bell = element('button', 'watch');
  bell.type = 'button';
  bell.tabIndex = -1;
  bell.dataset.uri = contact.uri;
  bell.setAttribute('aria-pressed', String(row.watched));
  bell.setAttribute('aria-label', messages.t('tree.watchLabel', { name: contact.name }));
  bell.title = messages.t(row.watched ? 'tree.watchOn' : 'tree.watchOff');
  node.replaceChildren(dot, name, status, noteNode, bell);
}

/**
 * A virtualized ARIA tree: only rows that intersect the viewport (plus a margin, plus the focused row)
 * are in the DOM, absolutely positioned over a spacer as tall as the whole list. Keyboard focus roves
 * (one row has tabindex 0) and is tracked by row key so it survives live updates and filtering.
 */
export function createTreeView(container: HTMLElement, spacer: HTMLElement, callbacks: TreeViewCallbacks, initial: Translator): TreeView {
  let messages = initial;
  let model: RowModel = {
    rows: [],
    groupCount: 0,
    contactCount: 0,
    totalContacts: 0,
    index: { contactRows: new Map(), groupRows: new Map(), countedIn: new Map() },
  };
  let activeKey: string | null = null;
  let lastActiveIndex = 0;
  const rendered = new Map<string, HTMLElement>();
  let frame = 0;

  const activeIndex = (): number => {
    const index = indexOfKey(model.rows, activeKey);
    if (index >= 0) return index;
    if (model.rows.length === 0) return -1;
    return Math.min(lastActiveIndex, model.rows.length - 1);
  };

  const render = (): void => {
    frame = 0;
    const rows = model.rows;
    spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    const active = activeIndex();
    activeKey = active >= 0 ? rows[active]!.key : null;
    if (active >= 0) lastActiveIndex = active;
    const range = visibleRange({
      scrollTop: container.scrollTop,
      viewportHeight: container.clientHeight,
      rowHeight: ROW_HEIGHT,
      rowCount: rows.length,
      overscan: OVERSCAN,
    });
    callbacks.shown?.(rows.slice(range.start, range.end));
    const wanted: number[] = [];
    for (let i = range.start; i < range.end; i += 1) wanted.push(i);
    // The focused row stays in the DOM even when scrolled away, so Tab always lands on it.
    if (active >= 0 && (active < range.start || active >= range.end)) wanted.push(active);

    const keep = new Set<string>();
    const hadFocus = container.contains(document.activeElement) && document.activeElement !== container;
    for (const index of wanted) {
      const row = rows[index]!;
      keep.add(row.key);
      const isActive = index === active;
      let node = rendered.get(row.key);
      if (!node) {
        node = element('div');
        node.setAttribute('role', 'treeitem');
        node.dataset.key = row.key;
        container.appendChild(node);
        rendered.set(row.key, node);
      }
      const signature =
        row.type === 'group' ? groupSignature(row, isActive, messages.locale) : contactSignature(row, isActive, messages.locale);
      if (node.dataset.sig !== signature) {
        if (row.type === 'group') fillGroupRow(node, row, messages);
        else fillContactRow(node, row, messages);
        node.dataset.sig = signature;
        if (isActive) node.classList.add('active');
      }
      node.dataset.index = String(index);
      node.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      node.tabIndex = isActive ? 0 : -1;
    }
    for (const [key, node] of rendered) {
      if (!keep.has(key)) {
        node.remove();
        rendered.delete(key);
      }
    }
    container.tabIndex = active >= 0 ? -1 : 0;
    if (hadFocus && !container.contains(document.activeElement)) focusActive();
  };

  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(render);
  };

  const focusActive = (): void => {
    if (activeKey === null) {
      container.focus({ preventScroll: true });
      return;
    }
    rendered.get(activeKey)?.focus({ preventScroll: true });
  };

  const moveTo = (index: number): void => {
    if (model.rows.length === 0) return;
    const clamped = Math.max(0, Math.min(model.rows.length - 1, index));
    activeKey = model.rows[clamped]!.key;
    lastActiveIndex = clamped;
    container.scrollTop = scrollToReveal(clamped, container.scrollTop, container.clientHeight, ROW_HEIGHT);
    render();
    focusActive();
  };

  const rowAt = (index: number): Row | undefined => model.rows[index];

  container.addEventListener('scroll', schedule, { passive: true });
  new ResizeObserver(schedule).observe(container);

  container.addEventListener('keydown', (event) => {
    const index = activeIndex();
    const row = rowAt(index);
    const page = Math.max(1, Math.floor(container.clientHeight / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(model.rows.length - 1);
        break;
      case 'PageDown':
        moveTo(index + page);
        break;
      case 'PageUp':
        moveTo(index - page);
        break;
      case 'ArrowRight':
        if (row?.type === 'group') {
          if (!row.expanded) callbacks.toggleGroup(row.group.id);
          else if (rowAt(index + 1)?.type === 'contact') moveTo(index + 1);
        }
        break;
      case 'ArrowLeft':
        if (row?.type === 'group') {
          if (row.expanded) callbacks.toggleGroup(row.group.id);
        } else if (row) {
          moveTo(parentGroupIndex(model.rows, index));
        }
        break;
      case 'Enter':
      case ' ':
        if (row?.type === 'group') callbacks.toggleGroup(row.group.id);
        else if (row) callbacks.toggleWatch(row.contact.uri, !row.watched);
        break;
      case 'Escape':
        callbacks.clearFilter();
        break;
      default:
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
          callbacks.typeAhead(event.key);
          break;
        }
        return;
    }
    event.preventDefault();
  });

  container.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const node = target.closest<HTMLElement>('[role="treeitem"]');
    if (!node) return;
    const index = Number(node.dataset.index);
    const row = rowAt(index);
    if (!row) return;
    activeKey = row.key;
    lastActiveIndex = index;
    if (target.closest('button.watch') && row.type === 'contact') callbacks.toggleWatch(row.contact.uri, !row.watched);
    else if (row.type === 'group') callbacks.toggleGroup(row.group.id);
    render();
    focusActive();
  });

  container.addEventListener('focus', () => {
    // The container only takes focus when the list is empty or being rebuilt; hand it on to the active row.
    if (activeKey !== null) focusActive();
  });

  return {
    setModel(next: RowModel): void {
      model = next;
      render();
    },
    setMessages(next: Translator): void {
      messages = next;
      render();
    },
    renderedRowCount: () => rendered.size,
  };
}
