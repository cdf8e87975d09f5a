import { join } from 'node:path';
import type { TrayIconName } from '../tray/tray-icon';

export interface TrayIconLocation {
  readonly platform: NodeJS.Platform;
  /** app.isPackaged */
  readonly packaged: boolean;
  /** process.resourcesPath (packaged: extraResources land there). */
  readonly resourcesPath: string;
  /** app.getAppPath() from source: the project root. */
  readonly appPath: string;
}

/**
 * Where a tray icon file is: packaged → `<resources>/tray-icons/` (electron-builder extraResources),
 * from source → `build/icons/tray/`. Windows uses `win/<name>.ico`; macOS uses template images (black + alpha, recoloured by the
 * menu bar: https://www.electronjs.org/docs/latest/api/native-image#template-image-macos); Electron
 * picks the `@2x` sibling on HiDPI screens by itself.
 */
export function trayIconPath(name: TrayIconName, where: TrayIconLocation): string {
  const root = where.packaged ? join(where.resourcesPath, 'tray-icons') : join(where.appPath, 'build', 'icons', 'tray');
  if (where.platform === 'darwin') return join(root, 'mac', `${name}Template.png`);
  // Windows picks the right frame of a multi-size .ico for the tray's DPI instead of scaling a PNG
  // (https://www.electronjs.org/docs/latest/api/tray#platform-considerations).
  if (where.platform === 'win32') return join(root, 'win', `${name}.ico`);
  return join(root, `${name}.png`);
}
