import type { App } from 'electron';
import type { Autostart } from '../core/ports';

/**
 * Start at login on macOS and Windows through the OS login items
 * (https://www.electronjs.org/docs/latest/api/app#appsetloginitemsettingssettings).
 * Windows gets `--hidden` as an argument; macOS apps are menu-bar only (LSUIElement) and never
 * open a window at start anyway.
 */
export function createLoginItemAutostart(app: Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings'>, platform: NodeJS.Platform): Autostart {
  const args = platform === 'win32' ? ['--hidden'] : [];
  return {
    supported: true,
    async isEnabled() {
      return app.getLoginItemSettings(platform === 'win32' ? { args } : undefined).openAtLogin;
    },
    async setEnabled(enabled) {
      app.setLoginItemSettings(platform === 'win32' ? { openAtLogin: enabled, args } : { openAtLogin: enabled });
    },
  };
}
