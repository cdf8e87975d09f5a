import { pathToFileURL } from 'node:url';

/** The pages the app loads; anything else sending IPC is not ours. */
export const RENDERER_PAGES = ['contacts.html', 'sign-in.html'] as const;
export type RendererPage = (typeof RENDERER_PAGES)[number];

/** Must match the meta CSP in R's pages; also sent as a header where the protocol allows. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * True when `url` is one of our pages inside `rendererDir` (file://, no query tricks). Used to
 * validate the IPC sender frame and to deny every navigation elsewhere.
 */
export function isTrustedRendererUrl(url: string | undefined, rendererDir: string): boolean {
  if (url === undefined || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  const base = pathToFileURL(rendererDir.endsWith('/') ? rendererDir : `${rendererDir}/`).pathname;
  return RENDERER_PAGES.some((page) => parsed.pathname === `${base}${page}`);
}
