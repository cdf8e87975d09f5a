import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Everything the fake Electron records, reset per test. */
const recorded = vi.hoisted(() => ({
  windows: [] as FakeWindowRecord[],
  beforeRequest: [] as string[][],
  permissionHandler: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  protocols: new Map<string, (request: Request) => Promise<Response>>(),
}));

interface FakeWindowRecord {
  options: { webPreferences: Record<string, unknown> };
  url: string | null;
  openHandler: null | (() => { action: string });
  contents: EventEmitter;
  window: EventEmitter & { destroyed: boolean; shown: number; destroy(): void };
}

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    destroyed = false;
    shown = 0;
    readonly webContents: EventEmitter & { setWindowOpenHandler(handler: () => { action: string }): void };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      super();
      const record: FakeWindowRecord = { options, url: null, openHandler: null, contents: new EventEmitter(), window: this };
      this.webContents = Object.assign(record.contents, {
        setWindowOpenHandler: (handler: () => { action: string }) => {
          record.openHandler = handler;
        },
      });
      recorded.windows.push(record);
    }
    loadURL(url: string) {
      recorded.windows.find((record) => record.window === this)!.url = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    show() {
      this.shown++;
    }
    focus() {}
    restore() {}
    close() {
      this.destroy();
    }
    destroy() {
      this.destroyed = true;
      this.emit('closed');
    }
  }
  const fakeSession = {
    setPermissionRequestHandler: (handler: typeof recorded.permissionHandler) => {
      recorded.permissionHandler = handler;
    },
    setPermissionCheckHandler: () => undefined,
    protocol: {
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => recorded.protocols.set(scheme, handler),
    },
    webRequest: {
      onBeforeRequest: (filter: { urls: string[] }) => recorded.beforeRequest.push(filter.urls),
      onHeadersReceived: () => undefined,
    },
  };
  return { BrowserWindow, session: { fromPartition: () => fakeSession } };
});

const { createWindowManager } = await import('../../../../main/adapters/windows');

beforeEach(() => {
  recorded.windows.length = 0;
  recorded.beforeRequest.length = 0;
  recorded.protocols.clear();
});

function manager(rendererDir = '/app/dist/renderer') {
  return createWindowManager({ preloadPath: '/app/dist/preload/preload.cjs', rendererDir });
}

describe('window manager', () => {
  it('opens hardened windows on our pages only', () => {
    manager().showContacts();
    const [record] = recorded.windows;
    expect(record?.url).toBe('ucwa-tray://app/contacts.html');
    expect(record?.options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(record?.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('denies navigation away from our pages', () => {
    manager().showSignIn();
    const contents = recorded.windows[0]!.contents;
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const ours = { preventDefault: vi.fn() };
    contents.emit('will-navigate', ours, 'ucwa-tray://app/contacts.html');
    expect(ours.preventDefault).not.toHaveBeenCalled();
    // Our pages on disk are not our origin any more.
    const fromDisk = { preventDefault: vi.fn() };
    contents.emit('will-navigate', fromDisk, 'file:///app/dist/renderer/contacts.html');
    expect(fromDisk.preventDefault).toHaveBeenCalled();
  });

  it("serves the windows' scheme on the windows' session, from the renderer folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ucwa-windows-'));
    try {
      await writeFile(join(dir, 'contacts.html'), '<!doctype html><title>ours</title>');
      manager(dir);
      expect([...recorded.protocols.keys()]).toEqual(['ucwa-tray']);
      const response = await recorded.protocols.get('ucwa-tray')!(new Request('ucwa-tray://app/contacts.html'));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('<!doctype html><title>ours</title>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('blocks network and permissions for the window session', () => {
    manager();
    expect(recorded.beforeRequest[0]).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    let granted: boolean | null = null;
    recorded.permissionHandler?.({}, 'notifications', (value) => (granted = value));
    expect(granted).toBe(false);
  });

  it('reuses an open window, destroys it on close and creates a fresh one after', () => {
    const windows = manager();
    windows.showContacts();
    windows.showContacts();
    expect(recorded.windows).toHaveLength(1);
    expect(windows.webContents()).toHaveLength(1);
    recorded.windows[0]!.window.destroy();
    expect(windows.webContents()).toHaveLength(0);
    windows.showContacts();
    expect(recorded.windows).toHaveLength(2);
  });

  it('closes the sign-in window after sign-in and everything at quit', () => {
    const windows = manager();
    windows.showSignIn();
    windows.showContacts();
    windows.closeSignIn();
    expect(recorded.windows[0]!.window.destroyed).toBe(true);
    windows.closeAll();
    expect(recorded.windows[1]!.window.destroyed).toBe(true);
  });
});
