import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

/** Names a system browser to use instead of the npm-shipped one, e.g. `UCWA_TEST_CHROMIUM=/usr/bin/chromium`. */
export const CHROMIUM_ENV = 'UCWA_TEST_CHROMIUM';

/** The browser the renderer tests launch and where it came from. */
export interface ChromiumChoice {
  /** Path of the executable. */
  readonly executablePath: string;
  /** Where it came from: the environment variable or the npm package and its version. */
  readonly source: string;
  /** Environment to launch it with (the package's NSS libraries when the OS lacks them). */
  readonly env: Readonly<Record<string, string>>;
}

const run = promisify(execFile);

/** Whether the dynamic linker finds every library the binary needs (true where ldd is missing: nothing to fix). */
async function linksOnThisSystem(executablePath: string): Promise<boolean> {
  const ldd = await run('ldd', [executablePath]).catch(() => null);
  return ldd === null || !ldd.stdout.includes('not found');
}

/**
 * Extracts the NSS/NSPR libraries the package ships for Amazon Linux (al2023.tar.br: a brotli'd tar of
 * regular files under lib/) to where the package itself puts them; a bare Debian has no libnss3.
 */
async function bundledLibraries(packageDir: string): Promise<string> {
  const libDir = join(tmpdir(), 'al2023', 'lib');
  if (existsSync(join(libDir, 'libnss3.so'))) return libDir;
  const tar = brotliDecompressSync(await readFile(join(packageDir, 'bin', 'al2023.tar.br')));
  await mkdir(libDir, { recursive: true });
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0; ) {
    const name = tar.subarray(at, at + 100).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(tar.subarray(at + 124, at + 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156] ?? 0);
    if ((type === '0' || type === '\0') && name.startsWith('lib/') && !name.slice(4).includes('/')) {
      await writeFile(join(libDir, name.slice(4)), tar.subarray(at + 512, at + 512 + size));
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return libDir;
}

/**
 * The browser for the renderer tests: the one named by {@link CHROMIUM_ENV} if set, otherwise the
 * headless Chromium the `@sparticuz/chromium` devDependency ships (extracted once into the temp dir), so
 * `npm ci && npm test` needs nothing from the OS package manager. Playwright never downloads a browser.
 */
export async function resolveChromium(): Promise<ChromiumChoice> {
  const named = process.env[CHROMIUM_ENV];
  if (named) return { executablePath: named, source: `${CHROMIUM_ENV}=${named}`, env: {} };
  const { default: packaged } = await import('@sparticuz/chromium');
  // The package exports no package.json: read it beside its entry point (build/cjs/index.cjs).
  const packageDir = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '../..');
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version?: unknown };
  const executablePath = await packaged.executablePath();
  const source = `@sparticuz/chromium ${String(manifest.version)}`;
  if (await linksOnThisSystem(executablePath)) return { executablePath, source, env: {} };
  const libDir = await bundledLibraries(packageDir);
  const LD_LIBRARY_PATH = [libDir, process.env['LD_LIBRARY_PATH']].filter(Boolean).join(':');
  return { executablePath, source: `${source}, its NSS libraries`, env: { LD_LIBRARY_PATH } };
}

/** One line saying which browser runs, e.g. `Chromium 147.0.7727.0 (@sparticuz/chromium 147.0.0, /tmp/chromium)`. */
export async function describeChromium(choice: ChromiumChoice): Promise<string> {
  const { stdout } = await run(choice.executablePath, ['--version'], { timeout: 30_000, env: { ...process.env, ...choice.env } });
  return `${stdout.trim()} (${choice.source}, ${choice.executablePath})`;
}

/**
 * Launches the chosen Chromium headless. Only the flags this machine needs (no sandbox as root, no
 * background network, no GPU): the package's own serverless flag list would turn off web security,
 * which the CSP tests exercise.
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, env } = await resolveChromium();
  return chromium.launch({
    executablePath,
    headless: true,
    ...(Object.keys(env).length > 0 ? { env: { ...process.env, ...env } } : {}),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}
