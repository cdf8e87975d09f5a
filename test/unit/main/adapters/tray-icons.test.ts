import { describe, expect, it } from 'vitest';
import { trayIconPath } from '../../../../main/adapters/tray-icons';

describe('trayIconPath', () => {
  const where = { resourcesPath: '/opt/app/resources', appPath: '/src/app' };

  it('reads build/icons/tray from source and resources/tray-icons when packaged', () => {
    expect(trayIconPath('busy', { ...where, platform: 'linux', packaged: false })).toBe('/src/app/build/icons/tray/busy.png');
    expect(trayIconPath('busy', { ...where, platform: 'linux', packaged: true })).toBe('/opt/app/resources/tray-icons/busy.png');
  });

  it('uses multi-size .ico files on Windows', () => {
    expect(trayIconPath('busy', { ...where, platform: 'win32', packaged: true })).toBe('/opt/app/resources/tray-icons/win/busy.ico');
    expect(trayIconPath('busy', { ...where, platform: 'win32', packaged: false })).toBe('/src/app/build/icons/tray/win/busy.ico');
  });

  it('uses template images on macOS', () => {
    expect(trayIconPath('signed-out', { ...where, platform: 'darwin', packaged: true })).toBe(
      '/opt/app/resources/tray-icons/mac/signed-outTemplate.png',
    );
  });
});
