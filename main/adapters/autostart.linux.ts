import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Autostart } from '../core/ports';

/** The file name we own under `autostart/`. */
export const AUTOSTART_FILE_NAME = 'ucwa-presence-tray.desktop';

export interface LinuxAutostartOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** process.execPath: the Electron binary (packaged: the app itself). */
  readonly execPath: string;
  /** From source, the app directory Electron must be given; undefined when packaged. */
  readonly appPath?: string;
  readonly productName?: string;
}

/**
 * `$XDG_CONFIG_HOME/autostart/…`, falling back to `~/.config` as the XDG Base Directory spec says
 * (https://specifications.freedesktop.org/autostart-spec/latest/).
 */
export function linuxAutostartPath(env: Readonly<Record<string, string | undefined>>, home: string = homedir()): string {
  const configHome = env['XDG_CONFIG_HOME'];
  const base = configHome !== undefined && configHome.startsWith('/') ? configHome : join(home, '.config');
  return join(base, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * Quotes one Exec argument per the Desktop Entry spec: double quotes, with `"`, `` ` ``, `$` and `\`
 * escaped, and `%` doubled because it starts field codes.
 */
export function quoteExecArgument(argument: string): string {
  const escapedPercent = argument.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_./:@+,=%-]+$/.test(escapedPercent)) return escapedPercent;
  return `"${escapedPercent.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The command the session manager runs: the AppImage when we run from one, else Electron (+ app dir). */
export function autostartCommand(options: LinuxAutostartOptions): string[] {
  // $APPIMAGE is the stable path of the .AppImage file; execPath points into its temporary mount.
  const appImage = options.env['APPIMAGE'];
  if (appImage) return [appImage, '--hidden'];
  return options.appPath === undefined ? [options.execPath, '--hidden'] : [options.execPath, options.appPath, '--hidden'];
}

export function desktopEntry(options: LinuxAutostartOptions): string {
  const name = options.productName ?? 'UCWA Presence Tray';
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${name}`,
    'Comment=Keeps your Skype for Business presence published',
    `Exec=${autostartCommand(options).map(quoteExecArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=false',
    '',
  ].join('\n');
}

/** Start at login on Linux through an XDG autostart entry we write ourselves. */
export function createLinuxAutostart(options: LinuxAutostartOptions): Autostart {
  const file = linuxAutostartPath(options.env);
  return {
    supported: true,
    async isEnabled() {
      try {
        const text = await readFile(file, 'utf8');
        return !/^Hidden\s*=\s*true/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false/m.test(text);
      } catch {
        return false;
      }
    },
    async setEnabled(enabled) {
      if (!enabled) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, desktopEntry(options), { encoding: 'utf8', mode: 0o644 });
    },
  };
}
