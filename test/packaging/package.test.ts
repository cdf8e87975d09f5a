/**
 * The offline packaging check: electron-builder packs the REAL build output with
 * `--linux dir` against a stand-in Electron distribution (`electronDist`), with every non-loopback
 * connection refused, then the packed app is inspected with `checkPackage`.
 *
 * Why a stand-in works: given an unpacked directory as `electronDist`, electron-builder copies it
 * as the app skeleton and renames its `electron` executable; it downloads nothing else for the
 * `dir` target. The real Electron zip (and the AppImage/fpm tools) need internet: `npm run dist`.
 */
import * as asar from '@electron/asar';
// electron-builder's own fuse library (its dependency): the same sentinel, wire format and reader.
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trayIconPath } from '../../main/adapters/tray-icons';
import { TRAY_ICON_NAMES } from '../../main/tray/tray-icon';
import { bareImports, checkPackage, type PackageListing } from './check-package';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

let work: string;
let appOutDir: string;
let networkLog: string;
let builderOutput = '';
let builderError: string | undefined;
let seconds = 0;

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Every file under `dir`, '/'-separated and relative to it. */
async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const file of await walk(dir)) total += (await stat(path.join(dir, file))).size;
  return total;
}

/** Files (not directories) inside an asar archive. */
function asarFiles(archive: string): string[] {
  return asar
    .listPackage(archive, { isPack: false })
    .map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''))
    .filter((entry) => entry !== '' && !('files' in asar.statFile(archive, entry, false)));
}

/**
 * Electron's fuse wire as a real binary carries it: the sentinel, the wire version, the wire length,
 * then one byte per fuse in FuseV1Options order, holding Electron's own defaults (what an unflipped
 * binary does). electron-builder finds it by the sentinel and rewrites it in place.
 */
const UNFLIPPED_FUSES: Readonly<Record<FuseV1Options, FuseState>> = {
  [FuseV1Options.RunAsNode]: FuseState.ENABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.ENABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.ENABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.DISABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.DISABLE,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FuseState.DISABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.ENABLE,
};

function fuseWire(): Buffer {
  const states = Object.entries(UNFLIPPED_FUSES)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, state]) => state);
  return Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([Number(FuseVersion.V1), states.length, ...states])]);
}

async function standInElectron(dir: string, version: string): Promise<void> {
  await mkdir(path.join(dir, 'locales'), { recursive: true });
  // A shell script that exits before the wire: the bytes after `exit` are data, as in a real binary.
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron for the packaging check"\nexit 0\n');
  await writeFile(path.join(dir, 'electron'), Buffer.concat([script, fuseWire(), Buffer.from('\n')]));
  await chmod(path.join(dir, 'electron'), 0o755);
  await writeFile(path.join(dir, 'version'), `${version}\n`);
  await writeFile(path.join(dir, 'LICENSE'), 'stand-in\n');
  await writeFile(path.join(dir, 'locales', 'en-US.pak'), '');
}

beforeAll(async () => {
  // The real build output (npm test builds it first; alone, this test builds it itself).
  if (!(await exists(path.join(root, 'dist', 'main', 'index.js')))) {
    await run(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root });
  }
  work = await mkdtemp(path.join(tmpdir(), 'ucwa-packaging-'));
  const electronVersion = JSON.parse(await readFile(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  };
  const electronDist = path.join(work, 'electron-dist');
  await standInElectron(electronDist, electronVersion.version);
  const output = path.join(work, 'release');
  networkLog = path.join(work, 'network.log');
  await writeFile(networkLog, '');

  const started = process.hrtime.bigint();
  const result = run(
    process.execPath,
    [
      path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--publish',
      'never',
      '--projectDir',
      root,
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    {
      cwd: root,
      timeout: 150_000,
      maxBuffer: 16 * 1024 * 1024,
      env: {
        // electron-builder goes quiet when it sees VITEST; we want its log.
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
        NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --require ${path.join(here, 'no-network.cjs')}`.trim(),
        UCWA_NO_NETWORK_LOG: networkLog,
        // Keep electron-builder's caches out of the user's home.
        ELECTRON_BUILDER_CACHE: path.join(work, 'cache'),
        ELECTRON_CACHE: path.join(work, 'cache'),
      },
    },
  );
  try {
    const { stdout, stderr } = await result;
    builderOutput = `${stdout}\n${stderr}`;
  } catch (error) {
    // Keep going so the test reports electron-builder's own words (e.g. a missing entry point).
    const failed = error as { stdout?: string; stderr?: string; message?: string };
    builderOutput = `${failed.stdout ?? ''}\n${failed.stderr ?? ''}`;
    builderError = `${failed.message ?? 'electron-builder failed'}\n${builderOutput.split('\n').slice(-25).join('\n')}`;
  }
  seconds = Number(process.hrtime.bigint() - started) / 1e9;
  appOutDir = path.join(output, 'linux-unpacked');
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('packaged app (electron-builder --linux dir, stand-in Electron, no network)', () => {
  it('was built by electron-builder without errors', () => {
    expect(builderError).toBeUndefined();
  });

  it('used the stand-in Electron and touched no network', async () => {
    expect(builderOutput).toContain('using custom unpacked Electron distribution');
    expect(await readFile(networkLog, 'utf8')).toBe('');
    const executable = await stat(path.join(appOutDir, 'ucwa-presence-tray'));
    expect(executable.mode & 0o111).not.toBe(0);
  });

  it('flipped every fuse electron-builder.yml sets in the packed executable', async () => {
    const fuses = await getCurrentFuseWire(path.join(appOutDir, 'ucwa-presence-tray'));
    const named = Object.fromEntries(
      Object.entries(fuses)
        .filter(([key]) => key !== 'version')
        .map(([index, state]) => [FuseV1Options[Number(index)], state === FuseState.ENABLE ? 'on' : state === FuseState.DISABLE ? 'off' : state]),
    );
    expect(fuses.version).toBe(FuseVersion.V1);
    expect(named).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      // Not set in electron-builder.yml: Electron's default stays.
      LoadBrowserProcessSpecificV8Snapshot: 'off',
      GrantFileProtocolExtraPrivileges: 'off',
    });
  });

  it('has every tray icon where the app looks for it, packaged and from source', async () => {
    const resourcesPath = path.join(appOutDir, 'resources');
    for (const name of TRAY_ICON_NAMES) {
      expect(await exists(trayIconPath(name, { platform: 'linux', packaged: true, resourcesPath, appPath: '/nonexistent' })), name).toBe(true);
      for (const platform of ['linux', 'win32', 'darwin'] as const) {
        const fromSource = trayIconPath(name, { platform, packaged: false, resourcesPath: '/nonexistent', appPath: root });
        expect(await exists(fromSource), `${platform} ${name}`).toBe(true);
      }
    }
  });

  it('contains the entry point, preload, renderer bundle and every tray icon, and nothing it must not ship', async () => {
    const archive = path.join(appOutDir, 'resources', 'app.asar');
    const appFiles = asarFiles(archive);
    const packed = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as Record<string, unknown>;
    const project = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
    };
    // What the built main bundle still imports from node_modules (its esbuild externals).
    const main = typeof packed['main'] === 'string' ? packed['main'] : 'dist/main/index.js';
    const runtimePackages = bareImports(await readFile(path.join(root, main), 'utf8'), builtinModules);
    const dependencyManifests = Object.fromEntries(
      appFiles
        .filter((file) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(file))
        .map((file) => [file, JSON.parse(asar.extractFile(archive, file).toString('utf8')) as Record<string, unknown>]),
    );
    const listing: PackageListing = {
      appFiles,
      resourceFiles: await walk(path.join(appOutDir, 'resources')),
      packageJson: packed,
      dependencyManifests,
    };
    const problems = checkPackage(listing, {
      platform: 'linux',
      trayIconNames: TRAY_ICON_NAMES,
      preload: 'dist/preload/preload.cjs',
      rendererFiles: ['contacts', 'sign-in'].flatMap((page) => [`dist/renderer/${page}.html`, `dist/renderer/${page}.js`]),
      devDependencies: Object.keys(project.devDependencies ?? {}),
      runtimePackages,
    });
    expect(problems).toEqual([]);
    // The figures the README quotes (not asserted: speed and size are measured, not tested).
    const asarBytes = (await stat(archive)).size;
    console.log(
      `packaging check: electron-builder ${seconds.toFixed(1)} s; app.asar ${(asarBytes / 1024).toFixed(0)} KiB, ` +
        `${appFiles.length} files; resources ${((await sizeOf(path.join(appOutDir, 'resources'))) / 1024).toFixed(0)} KiB`,
    );
  });
});
