/**
 * What a packed app must and must not contain, as a pure function over a listing so it can be
 * tested against broken packages (test/packaging/check-package.test.ts) as well as run against the
 * real electron-builder output (test/packaging/package.test.ts).
 */

/** What we know about one packed app. Paths are '/'-separated, relative, without a leading slash. */
export interface PackageListing {
  /** Every file inside resources/app.asar. */
  readonly appFiles: readonly string[];
  /** Every file under resources/ outside app.asar (including `app.asar` itself). */
  readonly resourceFiles: readonly string[];
  /** The package.json packed into app.asar (parsed), or null when there is none. */
  readonly packageJson: Readonly<Record<string, unknown>> | null;
  /**
   * Parsed package.json of every packed dependency, keyed by its path in app.asar
   * (`node_modules/conf/package.json`): each one's `dependencies` must be packed too.
   */
  readonly dependencyManifests?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface PackageExpectations {
  /** The platform the package was built for: macOS also needs the template images, Windows the .ico files. */
  readonly platform: 'linux' | 'win32' | 'darwin';
  /** Tray icon names (main/tray/tray-icon.ts). */
  readonly trayIconNames: readonly string[];
  /** The preload bundle the windows load. */
  readonly preload: string;
  /** The renderer bundle: pages and their scripts. */
  readonly rendererFiles: readonly string[];
  /** Names from the project's package.json devDependencies: none may be shipped. */
  readonly devDependencies: readonly string[];
  /**
   * Packages the bundled main process still loads from node_modules at run time (its externals,
   * see `bareImports`): each must be packed, so trimming node_modules can never break the app.
   */
  readonly runtimePackages: readonly string[];
}

/** Modules the runtime provides: Electron itself and Node built-ins. */
function isProvided(specifier: string, builtins: readonly string[]): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/') || specifier.startsWith('node:') || builtins.includes(specifier.split('/')[0]!);
}

/**
 * The npm packages a bundled file imports at run time: static `import … from "x"`, side-effect
 * `import "x"`, dynamic `import("x")` and `require("x")`, minus relative paths, Electron and
 * Node built-ins (`builtins`: `module.builtinModules`). `x/sub/path` counts as package `x`.
 */
export function bareImports(source: string, builtins: readonly string[]): string[] {
  const found = new Set<string>();
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.') || specifier.startsWith('/') || isProvided(specifier, builtins)) continue;
      const parts = specifier.split('/');
      found.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return [...found].sort();
}

/** Top-level project folders and files that are sources, tooling or tests, never app content. */
const NEVER_SHIPPED_ROOTS = ['main/', 'renderer/', 'shared/', 'test/', 'tests/', 'scripts/', 'build/', 'src/', '.ci/', 'release/'];
const NEVER_SHIPPED_FILES = [
  /^tsconfig(\..+)?\.json$/,
  /^electron-builder\.ya?ml$/,
  /^eslint\.config\.[cm]?js$/,
  /^vitest\.config\.[cm]?ts$/,
  /^package-lock\.json$/,
  /^\.env/,
];
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;

function normalise(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.?\/+/, '');
}

/** Returns every problem found, each a sentence naming the file; an empty list means the package is good. */
export function checkPackage(listing: PackageListing, expect: PackageExpectations): string[] {
  const problems: string[] = [];
  const appFiles = new Set(listing.appFiles.map(normalise));
  const resourceFiles = new Set(listing.resourceFiles.map(normalise));

  if (!resourceFiles.has('app.asar')) problems.push('resources/app.asar is missing (asar must be on)');
  if ([...resourceFiles].some((f) => f.startsWith('app/'))) problems.push('resources/app/ exists: the app is not packed into asar');

  const pkg = listing.packageJson;
  if (!pkg) {
    problems.push('package.json is missing from app.asar');
  } else if (typeof pkg['main'] !== 'string' || pkg['main'].trim() === '') {
    problems.push('package.json has no "main" entry point');
  } else if (!appFiles.has(normalise(pkg['main']))) {
    problems.push(`entry point ${pkg['main']} (package.json "main") is missing from app.asar`);
  }

  const required = [expect.preload, ...expect.rendererFiles].map(normalise);
  for (const file of required) if (!appFiles.has(file)) problems.push(`${file} is missing from app.asar`);

  const icons = expect.trayIconNames.flatMap((name) => [
    `tray-icons/${name}.png`,
    `tray-icons/${name}@2x.png`,
    ...(expect.platform === 'darwin' ? [`tray-icons/mac/${name}Template.png`, `tray-icons/mac/${name}Template@2x.png`] : []),
    ...(expect.platform === 'win32' ? [`tray-icons/win/${name}.ico`] : []),
  ]);
  for (const icon of icons) if (!resourceFiles.has(icon)) problems.push(`tray icon resources/${icon} is missing`);

  for (const name of expect.runtimePackages) {
    if (!appFiles.has(`node_modules/${name}/package.json`)) problems.push(`${name} is imported at run time but not packed (node_modules/${name})`);
  }

  const devDependencies = new Set(expect.devDependencies);
  const shippedDevDependencies = new Set<string>();
  for (const file of appFiles) {
    const inNodeModules = file.startsWith('node_modules/') || file.includes('/node_modules/');
    if (inNodeModules) {
      // node_modules/<name>/… or node_modules/@scope/<name>/…
      const parts = file.split('/');
      const at = parts.lastIndexOf('node_modules');
      const name = parts[at + 1]?.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
      if (name && devDependencies.has(name)) shippedDevDependencies.add(name);
      continue;
    }
    if (SOURCE_FILE.test(file)) problems.push(`${file} is a TypeScript source`);
    if (NEVER_SHIPPED_ROOTS.some((root) => file.startsWith(root))) problems.push(`${file} is outside the built output`);
    if (NEVER_SHIPPED_FILES.some((pattern) => pattern.test(file))) problems.push(`${file} is project tooling`);
    if (/simulator/i.test(file)) problems.push(`${file} is part of the UCWA simulator`);
  }
  for (const name of shippedDevDependencies) problems.push(`devDependency ${name} is packed (node_modules/${name})`);
  problems.push(...missingDependencies(appFiles, listing.dependencyManifests ?? {}));
  return problems;
}

/**
 * Every packed package's `dependencies` must be resolvable the way Node resolves them: in its own
 * nested node_modules, then each enclosing node_modules up to the root. Catches a `files` exclusion
 * that removes something a shipped package still requires.
 */
function missingDependencies(
  appFiles: ReadonlySet<string>,
  manifests: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): string[] {
  const problems: string[] = [];
  for (const [manifestPath, manifest] of Object.entries(manifests)) {
    const packageDir = normalise(manifestPath).replace(/\/package\.json$/, '');
    const deps = manifest['dependencies'];
    if (typeof deps !== 'object' || deps === null) continue;
    for (const dep of Object.keys(deps)) {
      const candidates: string[] = [];
      let dir = packageDir;
      for (;;) {
        candidates.push(`${dir}/node_modules/${dep}/package.json`);
        const at = dir.lastIndexOf('/node_modules/');
        if (at < 0) break;
        dir = dir.slice(0, at);
      }
      candidates.push(`node_modules/${dep}/package.json`);
      if (!candidates.some((c) => appFiles.has(c))) problems.push(`${packageDir} depends on ${dep}, which is not packed`);
    }
  }
  return problems;
}
