import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../../renderer/app/contacts/contact-filter';
import { buildRowModel } from '../../../../../renderer/app/contacts/row-model';
import { treeKeyAction, type TreeKey } from '../../../../../renderer/app/contacts/tree-keys';
import type { ContactList } from '../../../../../shared/models';

const LIST: ContactList = {
  groups: [
    { id: 'a', name: 'Alpha', kind: 'personal', contactUris: ['sip:alice@contoso.com'] },
    { id: 'b', name: 'Beta', kind: 'personal', contactUris: [] },
  ],
  contacts: { 'sip:alice@contoso.com': { uri: 'sip:alice@contoso.com', name: 'Alice', availability: 'Online' } },
};
const rows = buildRowModel(LIST, { filter: parseFilter(''), collapsed: new Set(), watched: new Set() }).rows;
const key = (k: string, mods: Partial<TreeKey> = {}): TreeKey => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('treeKeyAction', () => {
  it('moves with arrows, Home, End and pages', () => {
    expect(treeKeyAction(key('ArrowDown'), rows, 0, 5)).toEqual({ type: 'move', index: 1 });
    expect(treeKeyAction(key('ArrowUp'), rows, 1, 5)).toEqual({ type: 'move', index: 0 });
    expect(treeKeyAction(key('End'), rows, 0, 5)).toEqual({ type: 'move', index: 2 });
    expect(treeKeyAction(key('PageDown'), rows, 0, 5)).toEqual({ type: 'move', index: 5 });
  });

  it('collapses and expands groups, goes from a contact to its group, toggles watching', () => {
    expect(treeKeyAction(key('ArrowLeft'), rows, 0, 5)).toEqual({ type: 'toggleGroup', groupId: 'a' });
    expect(treeKeyAction(key('ArrowRight'), rows, 0, 5)).toEqual({ type: 'move', index: 1 });
    expect(treeKeyAction(key('ArrowLeft'), rows, 1, 5)).toEqual({ type: 'move', index: 0 });
    expect(treeKeyAction(key(' '), rows, 1, 5)).toEqual({ type: 'toggleWatch', uri: 'sip:alice@contoso.com', watch: true });
  });

  it('opens the actions menu with the ContextMenu key and Shift+F10, removes with Delete, renames groups with F2', () => {
    expect(treeKeyAction(key('ContextMenu'), rows, 1, 5)).toEqual({ type: 'actions' });
    expect(treeKeyAction(key('F10', { shiftKey: true }), rows, 1, 5)).toEqual({ type: 'actions' });
    expect(treeKeyAction(key('F10'), rows, 1, 5)).toBeNull();
    expect(treeKeyAction(key('Delete'), rows, 1, 5)).toEqual({ type: 'remove' });
    expect(treeKeyAction(key('F2'), rows, 0, 5)).toEqual({ type: 'rename' });
    expect(treeKeyAction(key('F2'), rows, 1, 5)).toBeNull();
    expect(treeKeyAction(key('Delete'), [], -1, 5)).toBeNull();
  });

  it('sends printable keys to the filter and leaves shortcuts alone', () => {
    expect(treeKeyAction(key('s'), rows, 0, 5)).toEqual({ type: 'typeAhead', text: 's' });
    expect(treeKeyAction(key('s', { ctrlKey: true }), rows, 0, 5)).toBeNull();
    expect(treeKeyAction(key('Escape'), rows, 0, 5)).toEqual({ type: 'clearFilter' });
  });
});
