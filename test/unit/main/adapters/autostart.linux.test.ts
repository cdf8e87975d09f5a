import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLinuxAutostart,
  desktopEntry,
  linuxAutostartPath,
  quoteExecArgument,
} from '../../../../main/adapters/autostart.linux';

let configHome: string;
beforeEach(async () => {
  configHome = await mkdtemp(join(tmpdir(), 'xdg-'));
});
afterEach(async () => {
  await rm(configHome, { recursive: true, force: true });
});

describe('XDG autostart', () => {
  it('writes a correct .desktop file under $XDG_CONFIG_HOME/autostart and removes it', async () => {
    const autostart = createLinuxAutostart({ env: { XDG_CONFIG_HOME: configHome }, execPath: '/opt/UCWA Tray/ucwa-presence-tray' });
    expect(await autostart.isEnabled()).toBe(false);
    await autostart.setEnabled(true);
    const file = join(configHome, 'autostart', 'ucwa-presence-tray.desktop');
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=UCWA Presence Tray',
      'Comment=Keeps your Skype for Business presence published',
      'Exec="/opt/UCWA Tray/ucwa-presence-tray" --hidden',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      'NoDisplay=false',
      '',
    ]);
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect(await autostart.isEnabled()).toBe(true);
    await autostart.setEnabled(false);
    expect(await autostart.isEnabled()).toBe(false);
    await autostart.setEnabled(false);
  });

  it('starts the AppImage file itself when running from one', () => {
    expect(desktopEntry({ env: { APPIMAGE: '/home/dana/Apps/ucwa.AppImage' }, execPath: '/tmp/.mount_x/ucwa' })).toContain(
      'Exec=/home/dana/Apps/ucwa.AppImage --hidden',
    );
  });

  it('passes the app directory when run from source', () => {
    expect(desktopEntry({ env: {}, execPath: '/repo/node_modules/electron/dist/electron', appPath: '/repo' })).toContain(
      'Exec=/repo/node_modules/electron/dist/electron /repo --hidden',
    );
  });

  it('falls back to ~/.config when XDG_CONFIG_HOME is unset or relative', () => {
    expect(linuxAutostartPath({}, '/home/dana')).toBe('/home/dana/.config/autostart/ucwa-presence-tray.desktop');
    expect(linuxAutostartPath({ XDG_CONFIG_HOME: 'rel' }, '/home/dana')).toBe('/home/dana/.config/autostart/ucwa-presence-tray.desktop');
  });

  it('escapes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArgument('/a b/$x"`\\')).toBe('"/a b/\\$x\\"\\`\\\\"');
    expect(quoteExecArgument('/opt/100%/app')).toBe('/opt/100%%/app');
  });
});
