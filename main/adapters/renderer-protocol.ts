import type { CustomScheme } from 'electron';
import { readFile as fsReadFile, realpath as fsRealpath } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { RENDERER_HOST, RENDERER_SCHEME } from './renderer-origin';

/**
 * How Chromium treats `ucwa-tray:`, registered before the app is ready: `standard` (relative URLs
 * and `'self'` resolve like on the web), `secure` (a secure context, as https would be). Nothing
 * else: the pages make no fetches, use no service workers, need no CORS and no streaming.
 */
export const RENDERER_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: RENDERER_SCHEME,
  privileges: { standard: true, secure: true },
};

/** The file types the renderer bundle consists of (scripts/build-renderer.mjs); nothing else is served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A request the handler will answer with a file. */
export interface RendererFile {
  /** Absolute path inside the renderer folder. */
  readonly file: string;
  readonly contentType: string;
}

/**
 * Maps a request URL to a file of the renderer folder, or `undefined` for anything that is not
 * plainly one: another scheme or host, a port or credentials, a `.`/`..` segment, an encoded `/`
 * or `\` or NUL inside a segment (what would climb out once decoded), or a type not in the bundle.
 * Pure: the symlink check needs the disk and is done by the handler.
 */
export function resolveRendererFile(url: string, rendererDir: string): RendererFile | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${RENDERER_SCHEME}:` || parsed.host !== RENDERER_HOST) return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  const segments: string[] = [];
  for (const raw of parsed.pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  if (segments.length === 0) return undefined;
  const contentType = CONTENT_TYPES[path.extname(segments.at(-1)!).toLowerCase()];
  if (contentType === undefined) return undefined;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return { file, contentType };
}

/** What the handler reads the disk with (tests pass the real ones on a temp folder). */
export interface RendererProtocolOptions {
  readonly rendererDir: string;
  readonly readFile?: (file: string) => Promise<Uint8Array<ArrayBuffer>>;
  readonly realpath?: (file: string) => Promise<string>;
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The `protocol.handle` handler of `ucwa-tray:`: GET/HEAD of a file of the renderer folder, with
 * its content type, `nosniff`, and the CSP header on HTML; 404 for everything else, including a
 * symlink that leads out of the folder. Never throws: a failed read is a 404 too.
 */
export function createRendererProtocolHandler(options: RendererProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? fsReadFile;
  const realpath = options.realpath ?? fsRealpath;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const target = resolveRendererFile(request.url, options.rendererDir);
    if (target === undefined) return notFound();
    try {
      const [root, real] = await Promise.all([realpath(path.resolve(options.rendererDir)), realpath(target.file)]);
      if (!real.startsWith(`${root}${path.sep}`)) return notFound();
      const body = await readFile(real);
      const headers: Record<string, string> = {
        'Content-Type': target.contentType,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      };
      if (target.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
    } catch {
      return notFound();
    }
  };
}
