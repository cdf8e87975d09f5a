import { AVAILABILITY_KEYS } from '../../../shared/i18n';
import type { Availability } from '../../../shared/availability';
import type { DirectoryContact, DirectoryGroup } from '../../../shared/models';
import { element } from '../common/dom';
import type { Translator } from '../common/i18n';
import { presenceTone } from '../common/presence-style';

/** What a result row's buttons do. */
export interface ResultHandlers {
  /** "Add to ▸" on a person: the group menu, next to the button. */
  addTo(contact: DirectoryContact, button: HTMLButtonElement): void;
  /** "Members ▸" on a distribution group: shows or hides its members under it. */
  toggleMembers(group: DirectoryGroup, item: HTMLLIElement, button: HTMLButtonElement): void;
  /** "Add list" on a distribution group. */
  addList(group: DirectoryGroup): void;
}

/** What drawing a result needs to know. */
export interface ResultContext {
  readonly messages: Translator;
  /** The contact's presence when they are on the contact list; Unknown otherwise. */
  availability(uri: string): Availability;
  /** False on a read-only server: no add buttons. */
  readonly canChange: boolean;
  readonly handlers: ResultHandlers;
}

let nextId = 0;

function button(text: string, className: string, describedBy: string): HTMLButtonElement {
  const node = element('button', `result-action ${className}`, text);
  node.type = 'button';
  node.tabIndex = -1;
  // The visible words are the name; the person it acts on is its description.
  node.setAttribute('aria-describedby', describedBy);
  return node;
}

/** One person found in the directory: presence dot, name, title · department, "Add to ▸". */
export function contactResult(contact: DirectoryContact, context: ResultContext): HTMLLIElement {
  const { messages } = context;
  const item = element('li', 'result result-contact');
  const id = `result-${(nextId += 1)}`;
  // The contact list's value is live; the search's is what the directory said when it ran.
  const listed = context.availability(contact.uri);
  const availability = listed !== 'Unknown' ? listed : (contact.availability ?? 'Unknown');
  const dot = element('span', `dot dot-${presenceTone(availability)}`);
  dot.setAttribute('aria-hidden', 'true');
  const text = element('span', 'result-text');
  text.id = id;
  const details = [contact.title, contact.department].filter((part): part is string => part !== undefined && part !== '').join(' · ');
  text.append(
    element('span', 'result-name', contact.name),
    element('span', 'visually-hidden', `, ${messages.t(AVAILABILITY_KEYS[availability])}`),
    element('span', 'result-details', details === '' ? '' : `${details}`),
  );
  item.append(dot, text);
  item.title = contact.uri.replace(/^sip:/i, '');
  if (context.canChange) {
    const add = button(messages.t('search.addTo'), 'result-add', id);
    add.setAttribute('aria-haspopup', 'menu');
    add.addEventListener('click', () => context.handlers.addTo(contact, add));
    item.append(add);
  }
  return item;
}

/** One distribution group found: its name, "Members ▸" and "Add list" when the server offers them. */
export function groupResult(group: DirectoryGroup, context: ResultContext): HTMLLIElement {
  const { messages } = context;
  const item = element('li', 'result result-group');
  const id = `result-${(nextId += 1)}`;
  const text = element('span', 'result-text');
  text.id = id;
  text.append(element('span', 'result-name', group.name), element('span', 'result-details', messages.t('search.distribution')));
  item.append(element('span', 'dot dot-group'), text);
  if (group.canExpand) {
    const members = button(messages.t('search.members'), 'result-members', id);
    members.setAttribute('aria-expanded', 'false');
    members.addEventListener('click', () => context.handlers.toggleMembers(group, item, members));
    item.append(members);
  }
  if (context.canChange && group.canAdd && group.groupId === undefined) {
    const add = button(messages.t('search.addList'), 'result-add-list', id);
    add.addEventListener('click', () => context.handlers.addList(group));
    item.append(add);
  }
  return item;
}

/** The members of an expanded distribution group, as a nested list of person results. */
export function memberList(members: readonly DirectoryContact[], context: ResultContext): HTMLUListElement {
  const list = element('ul', 'result-members-list');
  if (members.length === 0) list.append(element('li', 'result-empty', context.messages.t('search.noMembers')));
  for (const member of members) list.append(contactResult(member, context));
  return list;
}
