import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error -- plain .mjs build script without type declarations
import { buildRenderer } from '../../../scripts/build-renderer.mjs';

/** The built pages, as file:// URLs (Electron's windows load them from disk the same way). */
export interface RendererPages {
  readonly contactsUrl: string;
  readonly signInUrl: string;
  readonly outDir: string;
  dispose(): Promise<void>;
}

/** Builds the real renderer bundle into a fresh temp folder, so a test never sees a stale dist/. */
export async function buildRendererPages(): Promise<RendererPages> {
  const outDir = await mkdtemp(join(tmpdir(), 'ucwa-renderer-'));
  await (buildRenderer as (options: { outDir: string }) => Promise<string[]>)({ outDir });
  return {
    outDir,
    contactsUrl: pathToFileURL(join(outDir, 'contacts.html')).href,
    signInUrl: pathToFileURL(join(outDir, 'sign-in.html')).href,
    dispose: () => rm(outDir, { recursive: true, force: true }),
  };
}
