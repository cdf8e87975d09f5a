import { AVAILABILITY_KEYS, type MessageKey } from '../../../shared/i18n';
import type { GroupKind } from '../../../shared/models';
import { element } from '../common/dom';
import type { Translator } from '../common/i18n';
import { presenceTone } from '../common/presence-style';
import type { ContactRow, GroupRow } from './row-model';

/*
 * One tree row's content and the signature that says when it must be redrawn. Every name is data:
 * it goes in through textContent and attributes, never as markup.
 */

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

/** Everything a group row shows: when it is unchanged, the row is not redrawn. */
export function groupSignature(row: GroupRow, active: boolean, locale: string): string {
  return [locale, row.group.name, row.group.kind, row.shown, row.total, row.available, row.expanded, row.position, active].join('\u0000');
}

/** Everything a contact row shows: when it is unchanged, the row is not redrawn. */
export function contactSignature(row: ContactRow, active: boolean, locale: string): string {
  const c = row.contact;
  return [locale, c.name, c.uri, c.availability, c.note ?? '', row.watched, row.position, row.setSize, active].join('\u0000');
}

/** Draws a group header row: name, kind tag, available count, and its accessible name. */
export function fillGroupRow(node: HTMLElement, row: GroupRow, messages: Translator): void {
  node.className = `row group-row kind-${row.group.kind}`;
  node.setAttribute('aria-level', '1');
  node.setAttribute('aria-expanded', String(row.expanded));
  node.setAttribute('aria-posinset', String(row.position));
  node.removeAttribute('aria-setsize');
  const tag = GROUP_TAG_KEYS[row.group.kind];
  const tagText = tag === undefined ? '' : messages.t(tag);
  const counts =
    row.shown === row.total
      ? messages.t('tree.availableOf', { available: row.available, count: row.shown })
      : messages.t('tree.availableOfFiltered', { available: row.available, count: row.shown, total: row.total });
  // The accessible name starts with the visible words in their visible order (WCAG 2.5.3, label in
  // name); a kind without a visible tag is said after them.
  const parts = tag === undefined ? [row.group.name, counts, messages.t(GROUP_KIND_KEYS[row.group.kind])] : [row.group.name, tagText, counts];
  node.setAttribute('aria-label', parts.join(', '));
  // The spaces keep the visible words apart for assistive technology; the flex layout ignores them.
  node.replaceChildren(
    element('span', 'chevron'),
    element('span', 'group-name', row.group.name),
    ' ',
    element('span', 'group-kind', tagText),
    ' ',
    element('span', 'group-count', counts),
  );
}

/** Draws a contact row: presence dot, name, status, note, the watch bell, and its accessible name. */
export function fillContactRow(node: HTMLElement, row: ContactRow, messages: Translator): void {
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
  node.replaceChildren(dot, name, ' ', status, ' ', noteNode, bell);
}
