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
}

export interface PackageExpectations {
  /** The platform the package was built for: macOS also needs the template images. */
  readonly platform: 'linux' | 'win32' | 'darwin';
  /** Tray icon names (main/tray/tray-icon.ts). */
  readonly trayIconNames: readonly string[];
  /** The preload bundle the windows load. */
  readonly preload: string;
  /** The renderer bundle: pages and their scripts. */
  readonly rendererFiles: readonly string[];
  /** Names from the project's package.json devDependencies: none may be shipped. */
  readonly devDependencies: readonly string[];
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
  ]);
  for (const icon of icons) if (!resourceFiles.has(icon)) problems.push(`tray icon resources/${icon} is missing`);

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
  return problems;
}
