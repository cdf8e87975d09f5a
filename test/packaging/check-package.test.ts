import { describe, expect, it } from 'vitest';
import { builtinModules } from 'node:module';
import { bareImports, checkPackage, type PackageExpectations, type PackageListing } from './check-package';

const names = ['online', 'busy', 'signed-out'];

const expectations: PackageExpectations = {
  platform: 'linux',
  trayIconNames: names,
  preload: 'dist/preload/preload.cjs',
  rendererFiles: ['dist/renderer/contacts.html', 'dist/renderer/contacts.js'],
  devDependencies: ['electron', 'typescript', '@types/node'],
  runtimePackages: ['rxjs'],
};

const good: PackageListing = {
  packageJson: { name: 'ucwa-presence-tray', main: 'dist/main/index.js' },
  appFiles: [
    'package.json',
    'dist/main/index.js',
    'dist/preload/preload.cjs',
    'dist/renderer/contacts.html',
    'dist/renderer/contacts.js',
    'node_modules/rxjs/package.json',
    'node_modules/rxjs/dist/cjs/index.js',
  ],
  resourceFiles: ['app.asar', ...names.flatMap((n) => [`tray-icons/${n}.png`, `tray-icons/${n}@2x.png`])],
};

function without(list: readonly string[], file: string): string[] {
  expect(list).toContain(file);
  return list.filter((f) => f !== file);
}

describe('checkPackage', () => {
  it('passes a complete package', () => {
    expect(checkPackage(good, expectations)).toEqual([]);
  });

  it('reports a missing tray icon', () => {
    const listing = { ...good, resourceFiles: without(good.resourceFiles, 'tray-icons/busy@2x.png') };
    expect(checkPackage(listing, expectations)).toEqual(['tray icon resources/tray-icons/busy@2x.png is missing']);
  });

  it('reports a missing preload', () => {
    const listing = { ...good, appFiles: without(good.appFiles, 'dist/preload/preload.cjs') };
    expect(checkPackage(listing, expectations)).toEqual(['dist/preload/preload.cjs is missing from app.asar']);
  });

  it('reports a missing renderer script and a missing entry point', () => {
    const appFiles = without(without(good.appFiles, 'dist/renderer/contacts.js'), 'dist/main/index.js');
    expect(checkPackage({ ...good, appFiles }, expectations)).toEqual([
      'entry point dist/main/index.js (package.json "main") is missing from app.asar',
      'dist/renderer/contacts.js is missing from app.asar',
    ]);
  });

  it('follows whatever package.json "main" names', () => {
    const listing = { ...good, packageJson: { main: './dist/main/other.js' } };
    expect(checkPackage(listing, expectations)).toEqual([
      'entry point ./dist/main/other.js (package.json "main") is missing from app.asar',
    ]);
    expect(checkPackage({ ...good, packageJson: {} }, expectations)).toEqual(['package.json has no "main" entry point']);
    expect(checkPackage({ ...good, packageJson: null }, expectations)).toEqual(['package.json is missing from app.asar']);
  });

  it('requires the macOS template images only on macOS', () => {
    const problems = checkPackage(good, { ...expectations, platform: 'darwin' });
    expect(problems).toHaveLength(names.length * 2);
    expect(problems).toContain('tray icon resources/tray-icons/mac/onlineTemplate@2x.png is missing');
  });

  it('requires the Windows .ico tray icons only on Windows', () => {
    expect(checkPackage(good, { ...expectations, platform: 'win32' })).toEqual(
      names.map((n) => `tray icon resources/tray-icons/win/${n}.ico is missing`),
    );
    const withIco = { ...good, resourceFiles: [...good.resourceFiles, ...names.map((n) => `tray-icons/win/${n}.ico`)] };
    expect(checkPackage(withIco, { ...expectations, platform: 'win32' })).toEqual([]);
  });

  it('reports sources, tests, the simulator, tooling and build resources', () => {
    const listing = {
      ...good,
      appFiles: [
        ...good.appFiles,
        'main/index.ts',
        'dist/main/leftover.ts',
        'test/unit/x.test.js',
        'dist/simulator/server.js',
        'tsconfig.json',
        'electron-builder.yml',
        'build/icon.png',
      ],
    };
    expect(checkPackage(listing, expectations)).toEqual([
      'main/index.ts is a TypeScript source',
      'main/index.ts is outside the built output',
      'dist/main/leftover.ts is a TypeScript source',
      'test/unit/x.test.js is outside the built output',
      'dist/simulator/server.js is part of the UCWA simulator',
      'tsconfig.json is project tooling',
      'electron-builder.yml is project tooling',
      'build/icon.png is outside the built output',
    ]);
  });

  it('reports each packed devDependency once, scoped ones included', () => {
    const listing = {
      ...good,
      appFiles: [
        ...good.appFiles,
        'node_modules/electron/package.json',
        'node_modules/electron/index.js',
        'node_modules/@types/node/index.d.ts',
        'node_modules/ky/node_modules/typescript/lib/tsc.js',
      ],
    };
    expect(checkPackage(listing, expectations)).toEqual([
      'devDependency electron is packed (node_modules/electron)',
      'devDependency @types/node is packed (node_modules/@types/node)',
      'devDependency typescript is packed (node_modules/typescript)',
    ]);
  });

  it('reports an unpacked app (asar off)', () => {
    const listing = { ...good, resourceFiles: [...without(good.resourceFiles, 'app.asar'), 'app/package.json'] };
    expect(checkPackage(listing, expectations)).toEqual([
      'resources/app.asar is missing (asar must be on)',
      'resources/app/ exists: the app is not packed into asar',
    ]);
  });
});

describe('checkPackage and run-time imports', () => {
  it('reports a package the bundle imports at run time that was not packed', () => {
    const problems = checkPackage(good, { ...expectations, runtimePackages: ['rxjs', 'electron-store'] });
    expect(problems).toEqual(['electron-store is imported at run time but not packed (node_modules/electron-store)']);
  });
});

describe('bareImports', () => {
  it('finds the npm packages a minified ESM or CJS bundle loads, ignoring Electron, built-ins and relative files', () => {
    const source = [
      'import{app as a}from"electron";import b from"electron-store";import*as c from"node:fs/promises";',
      "import { join } from 'path';import './side.js';import \"@scope/pkg/sub/file.js\";",
      'const d=await import("ky");const e=require("conf/dist/index.js");require("os");require("./local.cjs");',
      'const text="this is not from a module";',
    ].join('\n');
    expect(bareImports(source, builtinModules)).toEqual(['@scope/pkg', 'conf', 'electron-store', 'ky']);
  });
});

describe('checkPackage and dependencies of packed packages', () => {
  const appFiles = [
    ...good.appFiles,
    'node_modules/conf/package.json',
    'node_modules/conf/node_modules/semver/package.json',
    'node_modules/ajv/package.json',
  ];

  it('accepts dependencies resolved from the package’s own or the top-level node_modules', () => {
    const dependencyManifests = {
      'node_modules/conf/package.json': { dependencies: { ajv: '^8', semver: '^7' } },
      'node_modules/conf/node_modules/semver/package.json': { dependencies: { rxjs: '^7' } },
    };
    expect(checkPackage({ ...good, appFiles, dependencyManifests }, expectations)).toEqual([]);
  });

  it('reports a dependency that a files exclusion removed', () => {
    const dependencyManifests = {
      'node_modules/rxjs/package.json': { dependencies: { tslib: '^2' } },
      'node_modules/conf/package.json': { dependencies: { ajv: '^8' }, devDependencies: { vitest: '*' } },
    };
    expect(checkPackage({ ...good, appFiles, dependencyManifests }, expectations)).toEqual([
      'node_modules/rxjs depends on tslib, which is not packed',
    ]);
  });
});
