import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let config: Configuration;

beforeAll(async () => {
  // electron-builder's own loader and JSON-schema validation: every platform's section is checked
  // here, offline, although only the Linux `dir` target can actually be built on this machine.
  config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
});

function asArray<T>(value: T | readonly T[] | null | undefined): T[] {
  if (value == null) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

function targets(value: unknown): string[] {
  return asArray(value as unknown).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s schema, which does reject a misspelt key', async () => {
    const typo = { ...config, nsis: { ...config.nsis, perMachines: false } } as Configuration;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
  });

  it('names the app and writes installers to release/', () => {
    expect(config.appId).toBe('com.github.ucwa-presence-tray');
    expect(config.productName).toBe('UCWA Presence Tray');
    expect(config.directories?.output).toBe('release');
  });

  it('packs only the built output into an asar archive', () => {
    expect(config.asar).toBe(true);
    // The loader normalises `files` into [{ filter: [...] }].
    const files = asArray(config.files as unknown).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : ((entry as { filter?: string[] }).filter ?? []),
    );
    const includes = files.filter((f) => !f.startsWith('!'));
    expect(includes).toEqual(['package.json', 'dist/**/*']);
  });

  it('ships tray icons as extra resources (tray-icons/, plus tray-icons/win/ on Windows, tray-icons/mac/ on macOS)', () => {
    expect(config.extraResources).toEqual([{ from: 'build/icons/tray', to: 'tray-icons', filter: ['*.png'] }]);
    expect(config.mac?.extraResources).toEqual([{ from: 'build/icons/tray/mac', to: 'tray-icons/mac', filter: ['*.png'] }]);
    expect(config.win?.extraResources).toEqual([{ from: 'build/icons/tray/win', to: 'tray-icons/win', filter: ['*.ico'] }]);
    expect(config.win?.icon).toBe('build/icon.ico');
  });

  it('builds AppImage, deb and tar.gz on Linux with desktop entry metadata', () => {
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb', 'tar.gz']);
    expect(config.linux?.category).toBe('Network;InstantMessaging');
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux?.synopsis).toBeTruthy();
    expect(config.linux?.desktop?.entry?.['StartupWMClass']).toBe('ucwa-presence-tray');
  });

  it('takes the homepage and author that deb/rpm require from package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      homepage?: string;
      author?: { name?: string; email?: string };
    };
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author?.email).toMatch(/.+@.+/);
  });

  it('declares the Electron fuses that lock the packed binary down', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('installs per user on Windows, without admin rights', () => {
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
  });

  it('is a menu-bar-only app in a dmg on macOS', () => {
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac?.extendInfo).toEqual({ LSUIElement: true });
    expect(config.mac?.icon).toBe('build/icon.icns');
  });
});
