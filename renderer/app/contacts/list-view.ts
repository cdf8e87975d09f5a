import type { ContactPatch } from '../../../shared/ipc-contract';
import type { ContactList } from '../../../shared/models';
import { setShown } from '../common/dom';
import { frameTask } from '../common/frame-task';
import type { Translator } from '../common/i18n';
import { parseFilter } from './contact-filter';
import { buildRowModel, patchRowModel, type RowModel } from './row-model';
import type { TreeView } from './tree-view';

/** What the list is drawn from. */
export interface ListInputs {
  contacts(): ContactList;
  readonly query: () => string;
  readonly collapsed: ReadonlySet<string>;
  readonly watched: () => ReadonlySet<string>;
  messages(): Translator;
}

export interface ListElements {
  readonly count: HTMLElement;
  readonly empty: HTMLElement;
}

export interface ListView {
  /** Something other than presence changed (filter, collapse, watch list, snapshot): rebuild. */
  invalidate(): void;
  /** Patches taken into the list since the last draw: presence-only ones patch the drawn model in place. */
  patched(patches: readonly ContactPatch[]): void;
  /** Redraws on the next frame (e.g. a language switch). */
  render(): void;
}

function countText(model: RowModel, filtering: boolean, messages: Translator): string {
  const groups = messages.t('contacts.groups', { count: model.groupCount });
  if (!filtering) return messages.t('contacts.total', { count: model.totalContacts, groups });
  if (model.contactCount === 0) return messages.t('contacts.noMatch');
  return messages.t('contacts.matching', { count: model.contactCount, total: model.totalContacts, groups });
}

/** Draws the contact list into the tree once per frame, patching the row model when it can. */
export function createListView(tree: TreeView, inputs: ListInputs, elements: ListElements): ListView {
  // The row model drawn last, the list it was drawn from, and the patches since (null model: rebuild it).
  let model: RowModel | null = null;
  let drawnFrom: ContactList | null = null;
  let pending: ContactPatch[] = [];
  const draw = (): void => {
    const parsed = parseFilter(inputs.query());
    const options = { filter: parsed, collapsed: inputs.collapsed, watched: inputs.watched() };
    const contacts = inputs.contacts();
    if (model === null || drawnFrom === null) model = buildRowModel(contacts, options);
    else if (pending.length > 0) model = patchRowModel(model, drawnFrom, contacts, pending, options);
    drawnFrom = contacts;
    pending = [];
    tree.setModel(model);
    elements.count.textContent = countText(model, parsed.terms.length > 0, inputs.messages());
    setShown(elements.empty, model.rows.length === 0 && parsed.terms.length === 0);
  };
  const frame = frameTask(draw);
  const view: ListView = {
    render() {
      frame.schedule();
    },
    invalidate() {
      model = null;
      view.render();
    },
    patched(patches) {
      pending.push(...patches);
      view.render();
    },
  };
  return view;
}
