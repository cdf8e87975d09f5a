import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_PAGES } from '../../../main/adapters/renderer-origin';
import { CONTENT_SECURITY_POLICY } from '../../../shared/content-security-policy';
// @ts-expect-error -- plain .mjs build script without type declarations
import { buildRenderer } from '../../../scripts/build-renderer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sources = path.join(root, 'renderer', 'app');

/** Every CSP a page declares in a meta tag, attribute entities decoded as a browser would. */
function metaPolicies(html: string): string[] {
  const metas = html.match(/<meta\b[^>]*>/gi) ?? [];
  return metas
    .filter((meta) => /http-equiv\s*=\s*["']?content-security-policy["']?/i.test(meta))
    .map((meta) => {
      const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(meta);
      return (content?.[1] ?? content?.[2] ?? '')
        .replace(/&quot;/g, '"')
        .replace(/&(?:#39|apos);/g, "'")
        .replace(/&amp;/g, '&');
    });
}

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'ucwa-csp-'));
  await (buildRenderer as (options: { outDir: string }) => Promise<string[]>)({ outDir });
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('one Content-Security-Policy for header and pages', () => {
  it('has a page source for every page the app loads, and no other page', async () => {
    const html = (await readdir(sources)).filter((file) => file.endsWith('.html')).sort();
    expect(html).toEqual([...RENDERER_PAGES].sort());
  });

  it.each(RENDERER_PAGES)("%s declares exactly the header's policy, in its source and as built", async (page) => {
    expect(metaPolicies(await readFile(path.join(sources, page), 'utf8'))).toEqual([CONTENT_SECURITY_POLICY]);
    expect(metaPolicies(await readFile(path.join(outDir, page), 'utf8'))).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('notices a page whose meta policy differs by one directive', () => {
    const loosened = CONTENT_SECURITY_POLICY.replace("default-src 'none'", "default-src 'self'");
    expect(metaPolicies(`<meta http-equiv="Content-Security-Policy" content="${loosened}">`)).not.toEqual([CONTENT_SECURITY_POLICY]);
    expect(metaPolicies(`<META HTTP-EQUIV='content-security-policy' CONTENT="${CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;')}">`)).toEqual([
      CONTENT_SECURITY_POLICY,
    ]);
  });

  it('allows nothing from elsewhere: no network, no inline code, no plugins, no base, no form posts', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': 'data:',
      'font-src': "'self'",
      'connect-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
  });
});
