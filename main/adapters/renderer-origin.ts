/** The pages the app loads; anything else sending IPC is not ours. */
export const RENDERER_PAGES = ['contacts.html', 'sign-in.html'] as const;
export type RendererPage = (typeof RENDERER_PAGES)[number];

/**
 * The app's own URL scheme: its windows load `ucwa-tray://app/<page>` (served by
 * renderer-protocol.ts from the renderer folder), not `file://`, so the pages have an origin of
 * their own that no file on disk, and no other site, shares.
 */
export const RENDERER_SCHEME = 'ucwa-tray';
/** The one host of that scheme. */
export const RENDERER_HOST = 'app';
/** `ucwa-tray://app`: the only origin whose frames may call IPC or be navigated to. */
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;

/** The URL a window loads for `page`. */
export function rendererPageUrl(page: RendererPage): string {
  return `${RENDERER_ORIGIN}/${page}`;
}

/**
 * True when `url` is exactly one of our pages on the app's origin: that scheme and host, no port,
 * no credentials, no query, no fragment. Used to validate the IPC sender frame and to deny every
 * navigation elsewhere (file:// included).
 */
export function isTrustedRendererUrl(url: string | undefined): boolean {
  if (url === undefined || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // The canonical href, compared whole: a port, user info, an empty `?` or `#` all make it differ.
  return RENDERER_PAGES.some((page) => parsed.href === rendererPageUrl(page));
}
