import { BrowserWindow, session, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { RENDERER_SCHEME, isTrustedRendererUrl, rendererPageUrl, type RendererPage } from './renderer-origin';
import { createRendererProtocolHandler } from './renderer-protocol';

/** Windows use their own in-memory session, so blocking the network there never touches net.fetch. */
export const WINDOW_PARTITION = 'ui';

export interface WindowManager {
  showContacts(): void;
  showSignIn(): void;
  closeSignIn(): void;
  /** Live renderers, for pushes. */
  webContents(): WebContents[];
  closeAll(): void;
}

export interface WindowOptions {
  readonly preloadPath: string;
  /** The built pages (dist/renderer): the only files `ucwa-tray://app/` serves. */
  readonly rendererDir: string;
  readonly iconPath?: string;
}

/**
 * Hardens the windows' session once: pages only from the app's scheme, no network, no permissions,
 * CSP header (DESIGN §3). The scheme is served on this session, not the default one, because the
 * windows live here; `protocol.registerSchemesAsPrivileged` (main/index.ts) must have run before ready.
 */
function hardenSession(ui: Session, rendererDir: string): void {
  ui.protocol.handle(RENDERER_SCHEME, createRendererProtocolHandler({ rendererDir }));
  ui.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ui.setPermissionCheckHandler(() => false);
  // The window talks only to main over IPC; a compromised page must not reach any server.
  ui.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
  // The scheme handler sends the CSP itself; this covers any other response the session might see.
  ui.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
  );
}

/**
 * The two windows. Closing a window destroys it (the app lives in the tray); each is created on
 * demand with contextIsolation, sandbox and no Node, navigation and new windows denied.
 */
export function createWindowManager(options: WindowOptions): WindowManager {
  const ui = session.fromPartition(WINDOW_PARTITION);
  hardenSession(ui, options.rendererDir);
  const open = new Map<RendererPage, BrowserWindow>();

  const show = (page: RendererPage, size: { width: number; height: number; title: string }): void => {
    const existing = open.get(page);
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    const window = new BrowserWindow({
      ...size,
      show: false,
      autoHideMenuBar: true,
      ...(options.iconPath === undefined ? {} : { icon: options.iconPath }),
      webPreferences: {
        preload: options.preloadPath,
        partition: WINDOW_PARTITION,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: false,
      },
    });
    const contents = window.webContents;
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => open.delete(page));
    open.set(page, window);
    void window.loadURL(rendererPageUrl(page));
  };

  return {
    showContacts: () => show('contacts.html', { width: 420, height: 640, title: 'Contact groups' }),
    showSignIn: () => show('sign-in.html', { width: 420, height: 560, title: 'Sign in to Skype for Business' }),
    closeSignIn: () => open.get('sign-in.html')?.close(),
    webContents: () => [...open.values()].filter((window) => !window.isDestroyed()).map((window) => window.webContents),
    closeAll: () => {
      for (const window of open.values()) if (!window.isDestroyed()) window.destroy();
      open.clear();
    },
  };
}
