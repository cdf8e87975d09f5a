// Bundles the window pages (renderer/app) into static files that main serves to the windows as
// ucwa-tray://app/<file> (main/adapters/renderer-protocol.ts). Every page is plain TypeScript + DOM,
// bundled to one IIFE script and one stylesheet, so the strict CSP (`script-src 'self'`, no inline
// code; shared/content-security-policy.ts, repeated in each page's meta) holds.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateLocaleIndex } from './generate-locale-index.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'renderer', 'app');

/** Page name → its script entry, stylesheet entry and HTML shell. */
const PAGES = {
  contacts: { script: 'contacts/main.ts', style: 'styles/contacts.css', html: 'contacts.html' },
  'sign-in': { script: 'sign-in/main.ts', style: 'styles/sign-in.css', html: 'sign-in.html' },
};

/**
 * Builds `contacts.html` and `sign-in.html` with their `.js` and `.css` into `outDir`.
 * @param {{ outDir: string, minify?: boolean }} options
 * @returns {Promise<string[]>} the files written, relative to outDir
 */
export async function buildRenderer({ outDir, minify = true }) {
  await mkdir(outDir, { recursive: true });
  await generateLocaleIndex();
  const entryPoints = [];
  for (const [name, page] of Object.entries(PAGES)) {
    entryPoints.push({ in: join(app, page.script), out: name });
    entryPoints.push({ in: join(app, page.style), out: name });
  }
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Electron 45 ships Chromium 142; Debian's Chromium (tests) is as new.
    target: ['chrome120'],
    minify,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const written = [];
  for (const [name, page] of Object.entries(PAGES)) {
    await copyFile(join(app, page.html), join(outDir, page.html));
    written.push(page.html, `${name}.js`, `${name}.css`);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist', 'renderer');
  const files = await buildRenderer({ outDir });
  console.log(`renderer: ${files.length} files in ${outDir}`);
}
