import type { MenuItemConstructorOptions } from 'electron';
import type { Page } from 'playwright-core';

/** A menu item reduced to what a native menu draws; plain data so it can cross into the page. */
export interface MockItem {
  readonly id: string;
  readonly kind: 'normal' | 'separator' | 'radio' | 'checkbox' | 'submenu';
  readonly label: string;
  readonly sublabel: string;
  readonly enabled: boolean;
  readonly checked: boolean;
  readonly submenu: readonly MockItem[];
}

/** Reduces an Electron menu template (from `trayTemplate`) to drawable items. */
export function toMockItems(template: readonly MenuItemConstructorOptions[]): MockItem[] {
  return template.map((item) => {
    const submenu = Array.isArray(item.submenu) ? toMockItems(item.submenu) : [];
    const kind: MockItem['kind'] =
      item.type === 'separator'
        ? 'separator'
        : submenu.length > 0
          ? 'submenu'
          : item.type === 'radio' || item.type === 'checkbox'
            ? item.type
            : 'normal';
    return {
      id: item.id ?? '',
      kind,
      label: item.label ?? '',
      sublabel: item.sublabel ?? '',
      enabled: item.enabled !== false,
      checked: item.checked === true,
      submenu,
    };
  });
}

export interface MenuScene {
  readonly items: readonly MockItem[];
  /** PNG of the tray icon, as a data: URL. */
  readonly iconDataUrl: string;
  readonly tooltip: string;
  /** Id of a submenu item to draw opened beside the menu. */
  readonly openSubmenu?: string;
}

const SCENE_HTML = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; font: 13px/1.3 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; background: #dfe4ea; }
  .panel { height: 30px; background: #23262b; display: flex; align-items: center; justify-content: flex-end; gap: 14px; padding: 0 14px; color: #e8e8e8; }
  .panel .clock { font-variant-numeric: tabular-nums; }
  #scene { display: inline-block; min-width: 100%; }
  .panel img { width: 18px; height: 18px; padding: 3px; border-radius: 4px; background: rgb(255 255 255 / 0.14); }
  .stage { position: relative; padding: 6px 14px 18px; display: flex; justify-content: flex-end; gap: 2px; align-items: flex-start; }
  .tooltip { position: absolute; right: 44px; top: 4px; background: #2b2f36; color: #f1f1f1; padding: 4px 8px; border-radius: 4px; font-size: 12px; white-space: pre; display: none; }
  .menu { background: #fbfbfc; color: #1d1f23; border: 1px solid #c9ced6; border-radius: 8px; padding: 4px; min-width: 230px; box-shadow: 0 8px 24px rgb(0 0 0 / 0.18); }
  .item { display: grid; grid-template-columns: 20px 1fr auto; align-items: center; gap: 4px; padding: 4px 10px 4px 6px; border-radius: 4px; min-height: 22px; }
  .item.disabled { color: #8b9099; }
  .item.hover { background: #dde7f7; }
  .item .mark { text-align: center; font-size: 12px; }
  .item .sub { display: block; font-size: 11px; color: #8b9099; }
  .item .arrow { color: #6b717b; }
  .sep { height: 1px; background: #e1e4e9; margin: 4px 6px; }
  .header { font-weight: 600; }
</style></head><body><div id="scene"><div class="panel"><span id="icon-slot"></span><span class="clock">14:05</span></div><div class="stage" id="stage"></div></div></body></html>`;

/** Draws the scene (panel with the tray icon, the menu, and optionally one open submenu) in `page`. */
export async function renderMenuScene(page: Page, scene: MenuScene): Promise<void> {
  await page.setContent(SCENE_HTML);
  await page.evaluate((s: MenuScene) => {
    const icon = document.createElement('img');
    icon.src = s.iconDataUrl;
    icon.alt = '';
    icon.title = s.tooltip;
    document.getElementById('icon-slot')!.append(icon);
    const draw = (items: readonly MockItem[], open: string | undefined, top: boolean): HTMLElement => {
      const menu = document.createElement('div');
      menu.className = 'menu';
      menu.setAttribute('role', 'menu');
      items.forEach((item, index) => {
        if (item.kind === 'separator') {
          const sep = document.createElement('div');
          sep.className = 'sep';
          menu.append(sep);
          return;
        }
        const row = document.createElement('div');
        row.className = `item${item.enabled ? '' : ' disabled'}${item.id === open ? ' hover' : ''}${top && index === 0 ? ' header' : ''}`;
        row.dataset.id = item.id;
        row.setAttribute('role', item.kind === 'radio' ? 'menuitemradio' : item.kind === 'checkbox' ? 'menuitemcheckbox' : 'menuitem');
        row.setAttribute('aria-disabled', String(!item.enabled));
        if (item.kind === 'radio' || item.kind === 'checkbox') row.setAttribute('aria-checked', String(item.checked));
        const mark = document.createElement('span');
        mark.className = 'mark';
        mark.textContent = item.checked ? (item.kind === 'radio' ? '●' : '✓') : '';
        const text = document.createElement('span');
        text.className = 'label';
        text.textContent = item.label;
        if (item.sublabel) {
          const sub = document.createElement('span');
          sub.className = 'sub';
          sub.textContent = item.sublabel;
          text.append(sub);
        }
        const arrow = document.createElement('span');
        arrow.className = 'arrow';
        arrow.textContent = item.kind === 'submenu' ? '›' : '';
        row.append(mark, text, arrow);
        menu.append(row);
      });
      return menu;
    };
    const stage = document.getElementById('stage')!;
    const opened = s.items.find((item) => item.id === s.openSubmenu);
    if (opened) {
      const sub = draw(opened.submenu, undefined, false);
      sub.classList.add('submenu');
      stage.append(sub);
    }
    const main = draw(s.items, s.openSubmenu, true);
    stage.append(main);
    if (opened) {
      // Line the submenu up with the item that opened it, as native menus do.
      const anchor = main.querySelector<HTMLElement>(`[data-id="${CSS.escape(opened.id)}"]`);
      const sub = stage.querySelector<HTMLElement>('.submenu');
      if (anchor && sub) sub.style.marginTop = `${anchor.offsetTop - 4}px`;
    }
  }, scene);
}
