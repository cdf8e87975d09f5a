import { element } from '../common/dom';

/** One menu entry: it runs an action, or opens a submenu of `items` in its place. */
export interface MenuItem {
  readonly label: string;
  readonly run?: () => void;
  readonly items?: readonly MenuItem[];
}

/** What the open menu needs to go back a level and to close. */
interface OpenMenu {
  readonly node: HTMLElement;
  readonly stack: (readonly MenuItem[])[];
  readonly back: string;
  readonly onClose: () => void;
}

let current: OpenMenu | null = null;

function buttons(menu: OpenMenu): HTMLButtonElement[] {
  return [...menu.node.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
}

function fill(menu: OpenMenu): void {
  const level = menu.stack[menu.stack.length - 1]!;
  const back: MenuItem = { label: menu.back };
  const entries: MenuItem[] = menu.stack.length > 1 ? [back, ...level] : [...level];
  menu.node.replaceChildren(
    ...entries.map((item) => {
      const button = element('button', 'menu-item', item.label);
      button.type = 'button';
      button.tabIndex = -1;
      button.setAttribute('role', 'menuitem');
      if (item.items) button.setAttribute('aria-haspopup', 'menu');
      button.addEventListener('click', () => (item === back ? goBack(menu) : choose(menu, item)));
      return button;
    }),
  );
  buttons(menu)[0]?.focus();
}

function goBack(menu: OpenMenu): void {
  if (menu.stack.length > 1) menu.stack.pop();
  fill(menu);
}

function choose(menu: OpenMenu, item: MenuItem): void {
  if (item.items) {
    menu.stack.push(item.items);
    fill(menu);
    return;
  }
  closeMenu();
  item.run?.();
}

function onKey(menu: OpenMenu, event: KeyboardEvent): void {
  const all = buttons(menu);
  const at = all.indexOf(document.activeElement as HTMLButtonElement);
  const focus = (index: number): void => all[(index + all.length) % all.length]?.focus();
  const keys: Record<string, () => void> = {
    ArrowDown: () => focus(at + 1),
    ArrowUp: () => focus(at - 1),
    Home: () => focus(0),
    End: () => focus(all.length - 1),
    ArrowRight: () => {
      if (all[at]?.hasAttribute('aria-haspopup')) all[at]!.click();
    },
    ArrowLeft: () => goBack(menu),
    Escape: () => closeMenu(),
    Tab: () => closeMenu(),
  };
  const run = keys[event.key];
  if (run === undefined) return;
  event.preventDefault();
  event.stopPropagation();
  run();
}

/** Closes the open menu, if any, and gives focus back to whoever opened it. */
export function closeMenu(): void {
  const menu = current;
  if (menu === null) return;
  current = null;
  menu.node.remove();
  document.removeEventListener('mousedown', outside, true);
  menu.onClose();
}

function outside(event: MouseEvent): void {
  if (current && !current.node.contains(event.target as Node)) closeMenu();
}

/**
 * Opens an ARIA menu next to `anchor`: arrow keys move, Enter or Space choose, Right opens a
 * submenu, Left goes back, Escape or Tab or a click elsewhere closes. One menu at a time.
 */
export function openMenu(anchor: HTMLElement, label: string, items: readonly MenuItem[], labels: { back: string }, onClose: () => void): void {
  closeMenu();
  const node = element('div', 'menu');
  node.setAttribute('role', 'menu');
  node.setAttribute('aria-label', label);
  const box = anchor.getBoundingClientRect();
  node.style.left = `${Math.round(Math.min(box.left + 24, window.innerWidth - 240))}px`;
  node.style.top = `${Math.round(Math.min(box.bottom, window.innerHeight - 200))}px`;
  const menu: OpenMenu = { node, stack: [items], back: labels.back, onClose };
  node.addEventListener('keydown', (event) => onKey(menu, event));
  document.body.append(node);
  current = menu;
  document.addEventListener('mousedown', outside, true);
  fill(menu);
}
