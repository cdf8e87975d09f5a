import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_SCHEME_PRIVILEGES, createRendererProtocolHandler, resolveRendererFile } from '../../../../main/adapters/renderer-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../../shared/content-security-policy';

let base: string;
let rendererDir: string;
let handle: (request: Request) => Promise<Response>;

const SECRET = 'outside the renderer folder';

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ucwa-protocol-'));
  rendererDir = join(base, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'contacts.html'), '<!doctype html><title>contacts</title>');
  await writeFile(join(rendererDir, 'contacts.js'), 'void 0;');
  await writeFile(join(rendererDir, 'contacts.css'), 'body{margin:0}');
  await writeFile(join(rendererDir, 'notes.txt'), 'not part of the bundle');
  await mkdir(join(rendererDir, 'folder.css'));
  // What a traversal would be after: a file beside the folder, and a sibling folder sharing its prefix.
  await mkdir(join(base, 'outside'));
  await writeFile(join(base, 'outside', 'secret.html'), SECRET);
  await writeFile(join(base, 'secret.html'), SECRET);
  await mkdir(join(base, 'renderer-evil'));
  await writeFile(join(base, 'renderer-evil', 'contacts.html'), SECRET);
  // A symlink inside the folder leading out of it.
  await symlink(join(base, 'outside', 'secret.html'), join(rendererDir, 'link.html'));
  handle = createRendererProtocolHandler({ rendererDir });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function get(url: string, method = 'GET'): Promise<{ status: number; headers: Headers; body: string }> {
  const response = await handle(new Request(url, { method }));
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('ucwa-tray: scheme', () => {
  it('is registered as a standard, secure scheme and nothing more', () => {
    expect(RENDERER_SCHEME_PRIVILEGES).toEqual({ scheme: 'ucwa-tray', privileges: { standard: true, secure: true } });
  });

  it('serves a page with its content type, nosniff and the CSP header', async () => {
    const page = await get('ucwa-tray://app/contacts.html');
    expect(page).toMatchObject({ status: 200, body: '<!doctype html><title>contacts</title>' });
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['contacts.js', 'text/javascript; charset=utf-8', 'void 0;'],
    ['contacts.css', 'text/css; charset=utf-8', 'body{margin:0}'],
  ])('serves %s as %s, without a CSP header', async (file, type, body) => {
    const asset = await get(`ucwa-tray://app/${file}`);
    expect(asset).toMatchObject({ status: 200, body });
    expect(asset.headers.get('content-type')).toBe(type);
    expect(asset.headers.get('content-security-policy')).toBeNull();
  });

  it('ignores a query string and answers HEAD without a body', async () => {
    expect(await get('ucwa-tray://app/contacts.css?v=1')).toMatchObject({ status: 200, body: 'body{margin:0}' });
    const head = await get('ucwa-tray://app/contacts.html', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s', async (method) => {
    expect((await get('ucwa-tray://app/contacts.html', method)).status).toBe(405);
  });

  it.each([
    ['a dot-dot path', 'ucwa-tray://app/../secret.html'],
    ['a dot-dot path into a folder beside it', 'ucwa-tray://app/../outside/secret.html'],
    ['encoded dots', 'ucwa-tray://app/%2e%2e/secret.html'],
    ['an encoded slash', 'ucwa-tray://app/..%2Fsecret.html'],
    ['encoded slashes into a folder beside it', 'ucwa-tray://app/..%2Foutside%2Fsecret.html'],
    ['an encoded backslash', 'ucwa-tray://app/..%5Csecret.html'],
    ['a sibling folder with the same prefix', 'ucwa-tray://app/..%2Frenderer-evil/contacts.html'],
    ['an absolute path in a segment', 'ucwa-tray://app/{base}%2Fsecret.html'],
    ['a NUL byte', 'ucwa-tray://app/contacts.html%00.css'],
    ['a symlink leading out of the folder', 'ucwa-tray://app/link.html'],
  ])('never serves a file outside the renderer folder: %s', async (_name, url) => {
    const answer = await get(url.replace('{base}', encodeURIComponent(base)));
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain(SECRET);
  });

  it.each([
    ['another host', 'ucwa-tray://evil/contacts.html'],
    ['a port', 'ucwa-tray://app:8080/contacts.html'],
    ['a type not in the bundle', 'ucwa-tray://app/notes.txt'],
    ['the folder itself', 'ucwa-tray://app/'],
    ['a folder named like a stylesheet', 'ucwa-tray://app/folder.css'],
    ['a missing file', 'ucwa-tray://app/missing.html'],
    ['malformed percent-encoding', 'ucwa-tray://app/%E0%A4%A.html'],
  ])('answers 404 for %s', async (_name, url) => {
    expect((await get(url)).status).toBe(404);
  });

  it('resolves only plain files of the folder (pure part)', () => {
    expect(resolveRendererFile('ucwa-tray://app/contacts.html', '/opt/app/dist/renderer')).toEqual({
      file: '/opt/app/dist/renderer/contacts.html',
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveRendererFile('ucwa-tray://app/..%2F..%2Fetc%2Fpasswd.css', '/opt/app/dist/renderer')).toBeUndefined();
    // A Request cannot carry user info; the pure part refuses it all the same.
    expect(resolveRendererFile('ucwa-tray://user@app/contacts.html', '/opt/app/dist/renderer')).toBeUndefined();
    expect(resolveRendererFile('file:///opt/app/dist/renderer/contacts.html', '/opt/app/dist/renderer')).toBeUndefined();
  });
});
