// Builds everything the app runs from into dist/:
//   dist/main/index.js        main process, ESM (package.json "main"), electron + electron-store external
//   dist/preload/preload.cjs  the contextBridge preload, CommonJS (sandboxed preloads cannot be ESM)
//   dist/renderer/*           the window pages (scripts/build-renderer.mjs)
// Usage: node scripts/build.mjs [--dev]   (--dev: no minification, inline source maps)
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from './build-renderer.mjs';
import { generateLocaleIndex } from './generate-locale-index.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const dev = process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  // Electron 45 = Node 22.
  target: 'node22',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
};

const started = Date.now();
// The languages are the catalog files: refresh their index before bundling.
await generateLocaleIndex();
await Promise.all(['main', 'preload', 'renderer'].map((part) => rm(join(dist, part), { recursive: true, force: true })));

await Promise.all([
  build({
    ...common,
    entryPoints: [join(root, 'main', 'index.ts')],
    outfile: join(dist, 'main', 'index.js'),
    format: 'esm',
    // electron is provided by the runtime; electron-store (and its conf/ajv tree) stays a real
    // dependency so electron-builder ships it from node_modules.
    external: ['electron', 'electron-store'],
    // rxjs's "node" export condition is its CommonJS build, which cannot be tree-shaken; its ES2015
    // module build halves the main bundle (start-up parses less).
    alias: { rxjs: join(root, 'node_modules', 'rxjs', 'dist', 'esm', 'index.js') },
    // Some bundled CommonJS code calls require(); give ESM output a real one.
    banner: { js: "import { createRequire as __ucwaCreateRequire } from 'node:module'; const require = __ucwaCreateRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: [join(root, 'renderer', 'preload', 'preload.ts')],
    outfile: join(dist, 'preload', 'preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  }),
  buildRenderer({ outDir: join(dist, 'renderer'), minify: !dev }),
]);

console.log(`build: dist/main/index.js, dist/preload/preload.cjs, dist/renderer/ in ${Date.now() - started} ms`);
