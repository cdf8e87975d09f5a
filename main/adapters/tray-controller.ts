import type { MenuItemConstructorOptions } from 'electron';
import { trayActionFromId, type TrayAction } from '../tray/tray-action';
import { trayIconName, type TrayIconName } from '../tray/tray-icon';
import type { TrayState } from '../tray/tray-state';
import { trayTemplate } from '../tray/tray-template';
import { trayTooltip } from '../tray/tray-tooltip';

/** The part of Electron's Tray we drive (a fake in tests). */
export interface TrayLike<M> {
  setImage(path: string): void;
  setToolTip(text: string): void;
  setContextMenu(menu: M | null): void;
  destroy(): void;
}

export interface TrayControllerDeps<M> {
  /** `(icon) => new Tray(nativeImage…)`: injected so tests can spy on setContextMenu. */
  readonly createTray: (iconPath: string) => TrayLike<M>;
  /** `Menu.buildFromTemplate`. */
  readonly buildMenu: (template: MenuItemConstructorOptions[]) => M;
  readonly iconPath: (name: TrayIconName) => string;
  readonly onAction: (action: TrayAction) => void;
}

export interface TrayController {
  /** Re-renders icon, tooltip and the whole menu. */
  setState(state: TrayState): void;
  /**
   * Test hook: clicks the item with this id in the last menu given to setContextMenu, as a user
   * would (false if absent or disabled). Exposed to e2e tests only behind an env var.
   */
  clickItem(id: string): boolean;
  /** Ids of the last menu's enabled action items (for tests and diagnostics). */
  lastMenuIds(): string[];
  destroy(): void;
}

/** Adds click handlers that map stable ids to actions; checkbox/radio state is ours, not Electron's. */
function withClicks(items: readonly MenuItemConstructorOptions[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item) => {
    const submenu = Array.isArray(item.submenu) ? withClicks(item.submenu, onAction) : item.submenu;
    const action = item.id === undefined ? null : trayActionFromId(item.id);
    return {
      ...item,
      ...(submenu === undefined ? {} : { submenu }),
      ...(action === null ? {} : { click: () => onAction(action) }),
    };
  });
}

function find(items: readonly MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    if (Array.isArray(item.submenu)) {
      const inner = find(item.submenu, id);
      if (inner) return inner;
    }
  }
  return undefined;
}

function collectIds(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.id !== undefined && item.click !== undefined && item.enabled !== false ? [item.id] : []),
    ...(Array.isArray(item.submenu) ? collectIds(item.submenu) : []),
  ]);
}

/**
 * The tray as a small imperative facade: `setState` rebuilds everything. The tray is created
 * lazily on the first state so the first icon is already the right one.
 */
export function createTrayController<M>(deps: TrayControllerDeps<M>): TrayController {
  let tray: TrayLike<M> | null = null;
  let icon: TrayIconName | null = null;
  let tooltip = '';
  let last: MenuItemConstructorOptions[] = [];

  return {
    setState(state) {
      const nextIcon = trayIconName(state);
      if (tray === null) {
        tray = deps.createTray(deps.iconPath(nextIcon));
      } else if (nextIcon !== icon) {
        tray.setImage(deps.iconPath(nextIcon));
      }
      icon = nextIcon;
      const nextTooltip = trayTooltip(state);
      if (nextTooltip !== tooltip) tray.setToolTip(nextTooltip);
      tooltip = nextTooltip;
      last = withClicks(trayTemplate(state), deps.onAction);
      // Always a new menu: Linux (StatusNotifier/libappindicator) ignores in-place item changes.
      tray.setContextMenu(deps.buildMenu(last));
    },
    clickItem(id) {
      const item = find(last, id);
      if (item === undefined || item.enabled === false || item.click === undefined) return false;
      const action = trayActionFromId(id);
      if (action === null) return false;
      deps.onAction(action);
      return true;
    },
    lastMenuIds: () => collectIds(last),
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}
