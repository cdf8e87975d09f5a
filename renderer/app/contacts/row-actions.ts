import type { ContactListChange } from '../../../shared/ipc-contract';
import type { ContactList, Group, GroupKind } from '../../../shared/models';
import type { Translator } from '../common/i18n';
import { confirmAction } from './confirm-dialog';
import { openInlineEditor } from './inline-editor';
import type { Management } from './management';
import { closeMenu, openMenu, type MenuItem } from './popup-menu';
import type { ContactRow, GroupRow, Row } from './row-model';

/** Groups a contact can be put in by the user: personal groups and the default group. */
const TARGET_KINDS: ReadonlySet<GroupKind> = new Set<GroupKind>(['personal', 'default']);
/** Groups whose members the user manages (a distribution list's members are the server's). */
const MEMBER_KINDS: ReadonlySet<GroupKind> = new Set<GroupKind>(['personal', 'default', 'pinned']);

/** What the row actions read and call. */
export interface RowActionsContext {
  readonly management: Management;
  messages(): Translator;
  contacts(): ContactList;
  /** Gives focus back to the tree's active row. */
  refocus(): void;
}

/** Groups `uri` could be added to: the user's own groups it is not in yet, in list order. */
export function targetGroups(list: ContactList, uri: string): Group[] {
  return list.groups.filter((group) => TARGET_KINDS.has(group.kind) && !group.contactUris.includes(uri));
}

function groupItems(list: ContactList, uri: string, change: (group: Group) => ContactListChange, send: (c: ContactListChange) => void): MenuItem[] {
  return targetGroups(list, uri).map((group) => ({ label: group.name, run: () => send(change(group)) }));
}

/** The actions on a contact row, in menu order. */
export function contactItems(row: ContactRow, list: ContactList, messages: Translator, send: (change: ContactListChange) => void): MenuItem[] {
  const { uri } = row.contact;
  const group = list.groups.find((g) => g.id === row.groupId);
  const items: MenuItem[] = [];
  const member = group !== undefined && MEMBER_KINDS.has(group.kind);
  if (member) items.push({ label: messages.t('manage.removeFromGroup', { group: group.name }), run: () => send({ kind: 'removeFromGroup', uri, groupId: group.id }) });
  items.push({ label: messages.t('manage.removeFromList'), run: () => send({ kind: 'removeFromAllGroups', uri }) });
  const moves = member ? groupItems(list, uri, (to) => ({ kind: 'moveContact', uri, fromGroupId: row.groupId, toGroupId: to.id }), send) : [];
  const copies = groupItems(list, uri, (to) => ({ kind: 'addContact', uri, groupId: to.id }), send);
  if (moves.length > 0) items.push({ label: messages.t('manage.moveTo'), items: moves });
  if (copies.length > 0) items.push({ label: messages.t('manage.copyTo'), items: copies });
  return items;
}

function groupItemsFor(row: GroupRow, context: RowActionsContext, node: HTMLElement, newGroup: () => void): MenuItem[] {
  const messages = context.messages();
  const items: MenuItem[] = [];
  if (row.group.kind === 'personal') {
    items.push({ label: messages.t('manage.rename'), run: () => renameGroup(row, context, node) });
    items.push({ label: messages.t('manage.deleteGroup'), run: () => void deleteGroup(row, context) });
  }
  if (row.group.kind === 'distribution') {
    items.push({ label: messages.t('manage.removeDistribution'), run: () => void send(context, { kind: 'removeDistributionGroup', groupId: row.group.id }) });
  }
  items.push({ label: messages.t('manage.newGroup'), run: newGroup });
  return items;
}

async function send(context: RowActionsContext, change: ContactListChange): Promise<void> {
  await context.management.send(change);
  context.refocus();
}

/** Opens the actions menu of a row; nothing when the server does not allow changes (the notice says why). */
export function openRowActions(row: Row, node: HTMLElement, context: RowActionsContext, newGroup: () => void): void {
  if (!context.management.canChange()) return;
  const messages = context.messages();
  const items =
    row.type === 'contact'
      ? contactItems(row, context.contacts(), messages, (change) => void send(context, change))
      : groupItemsFor(row, context, node, newGroup);
  const name = row.type === 'contact' ? row.contact.name : row.group.name;
  openMenu(node, messages.t('manage.actionsFor', { name }), items, { back: messages.t('manage.back') }, () => context.refocus());
}

/** Delete on a row: a contact leaves this group; a personal group is deleted after a confirmation. */
export function removeRow(row: Row, context: RowActionsContext): void {
  if (!context.management.canChange()) return;
  closeMenu();
  if (row.type === 'group') {
    if (row.group.kind === 'personal') void deleteGroup(row, context);
    else if (row.group.kind === 'distribution') void send(context, { kind: 'removeDistributionGroup', groupId: row.group.id });
    return;
  }
  const group = context.contacts().groups.find((g) => g.id === row.groupId);
  if (group !== undefined && MEMBER_KINDS.has(group.kind)) void send(context, { kind: 'removeFromGroup', uri: row.contact.uri, groupId: group.id });
}

/** Asks, naming the group and its contact count, then deletes it. */
export async function deleteGroup(row: GroupRow, context: RowActionsContext): Promise<void> {
  const messages = context.messages();
  const question = messages.t('manage.confirmDelete', { name: row.group.name, count: row.total });
  const yes = await confirmAction(question, messages.t('manage.confirmNote'));
  if (yes) await send(context, { kind: 'deleteGroup', groupId: row.group.id });
  else context.refocus();
}

/** F2 or "Rename…": an inline field over the group's row; the new name shows once the server has it. */
export function renameGroup(row: Row, context: RowActionsContext, node: HTMLElement): void {
  if (row.type !== 'group' || row.group.kind !== 'personal' || !context.management.canChange()) return;
  const host = node.parentElement;
  if (host === null) return;
  const top = Number(/translateY\((-?[\d.]+)px\)/.exec(node.style.transform)?.[1] ?? 0);
  openInlineEditor(host, top, {
    label: context.messages().t('manage.renameLabel', { name: row.group.name }),
    value: row.group.name,
    commit: (name) => void (name === row.group.name ? context.refocus() : send(context, { kind: 'renameGroup', groupId: row.group.id, name })),
    cancel: (focusBack) => {
      if (focusBack) context.refocus();
    },
  });
}
