// A stand-in for the parts of Electron's main-process API the app uses, for the composition-root
// smoke test. Network goes through Node's fetch (like net.fetch would), safeStorage reports the
// Linux `basic_text` backend, windows and tray are recorded, not drawn. Test control: one JSON
// command per stdin line ({"id", "op": "ids" | "click" | "state" | "windows" | "invoke" | "load" | "power" | "quit", "arg"}), one JSON answer
// per stdout line prefixed with "@@".
import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const userData = process.env.UCWA_TRAY_USER_DATA;
if (!userData) throw new Error('fake electron needs UCWA_TRAY_USER_DATA');
mkdirSync(userData, { recursive: true });

const recorded = { trays: [], menus: 0, windows: [], notifications: [], tooltips: [], images: [], privilegedSchemes: [], protocolSessions: [], pushes: [] };
/** Scheme → handler of protocol.handle, per partition, as a session's protocol would dispatch. */
const protocolHandlers = new Map();

class FakeApp extends EventEmitter {
  // FAKE_ELECTRON_PACKAGED=1 plays an installed build (app.isPackaged), for what only packaged builds do.
  isPackaged = process.env.FAKE_ELECTRON_PACKAGED === '1';
  #ready = false;
  #paths = { userData };
  whenReady() {
    return Promise.resolve().then(() => {
      this.#ready = true;
    });
  }
  isReady() {
    return this.#ready;
  }
  getVersion() {
    return '0.0.0-test';
  }
  getLocale() {
    return 'en-US';
  }
  getPreferredSystemLanguages() {
    return ['en-US'];
  }
  getAppPath() {
    return process.cwd();
  }
  getPath(name) {
    return this.#paths[name] ?? userData;
  }
  setPath(name, value) {
    this.#paths[name] = value;
  }
  setAppUserModelId() {}
  /**
   * Like Electron's lock, per profile: the first process holds a lock file; later ones drop
   * {argv, additionalData} into a mailbox the first one polls and re-emits as 'second-instance'.
   */
  requestSingleInstanceLock(additionalData) {
    const lock = join(userData, 'instance.lock');
    const mailbox = join(userData, 'instance-mailbox');
    mkdirSync(mailbox, { recursive: true });
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      writeFileSync(join(mailbox, `${process.pid}.json`), JSON.stringify({ argv: process.argv, additionalData }));
      return false;
    }
    process.on('exit', () => rmSync(lock, { force: true }));
    setInterval(() => {
      for (const name of readdirSync(mailbox)) {
        const file = join(mailbox, name);
        const message = JSON.parse(readFileSync(file, 'utf8'));
        rmSync(file);
        this.emit('second-instance', {}, message.argv, process.cwd(), message.additionalData);
      }
    }, 50).unref();
    return true;
  }
  getLoginItemSettings() {
    return { openAtLogin: false };
  }
  setLoginItemSettings() {}
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.emit('will-quit');
      setTimeout(() => process.exit(0), 0);
    }
  }
  exit(code) {
    process.exit(code);
  }
}

export const app = new FakeApp();
// Electron sets it for every build; only an installed one reads extraResources from there.
if (process.resourcesPath === undefined) process.resourcesPath = join(process.cwd(), 'stand-in-resources');
export const ipcMain = {
  handlers: new Map(),
  handle(channel, listener) {
    this.handlers.set(channel, listener);
  },
  removeHandler(channel) {
    this.handlers.delete(channel);
  },
  on() {},
};
export const Menu = { buildFromTemplate: (template) => ({ template }) };
export class Tray extends EventEmitter {
  constructor(image) {
    super();
    recorded.trays.push(image.path);
    recorded.images.push(image.path);
  }
  setImage(image) {
    recorded.images.push(image.path);
  }
  setToolTip(text) {
    recorded.tooltips.push(text);
  }
  setContextMenu() {
    recorded.menus++;
  }
  popUpContextMenu() {}
  destroy() {}
}
export const nativeImage = { createFromPath: (path) => ({ path }) };
export const net = { fetch: (input, init) => fetch(input, init), isOnline: () => true };
class FakePowerMonitor extends EventEmitter {
  getSystemIdleTime() {
    return 0;
  }
}
export const powerMonitor = new FakePowerMonitor();
export const safeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'basic_text',
  encryptStringAsync: async (text) => Buffer.from(text, 'utf8'),
  decryptStringAsync: async (data) => ({ result: data.toString('utf8'), shouldReEncrypt: false }),
};
export class Notification {
  static isSupported() {
    return true;
  }
  constructor(options) {
    this.options = options;
  }
  show() {
    recorded.notifications.push(this.options);
    process.stderr.write(`[notification] ${this.options.title} | ${this.options.body}\n`);
  }
}
export const protocol = {
  // Like Electron: only before ready, and once.
  registerSchemesAsPrivileged(schemes) {
    if (app.isReady()) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
    recorded.privilegedSchemes.push(...schemes);
  },
};
function fakeSession(partition) {
  return {
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    webRequest: { onBeforeRequest() {}, onHeadersReceived() {} },
    protocol: {
      handle(scheme, handler) {
        recorded.protocolSessions.push({ partition, scheme });
        protocolHandlers.set(scheme, handler);
      },
    },
  };
}
export const session = { fromPartition: (partition) => fakeSession(partition), defaultSession: fakeSession('') };
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler() {},
      isDestroyed: () => false,
      send(channel, payload) {
        recorded.pushes.push({ channel, payload });
      },
    });
    recorded.windows.push({ webPreferences: options.webPreferences, url: null });
    this.index = recorded.windows.length - 1;
  }
  loadURL(url) {
    recorded.windows[this.index].url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  show() {}
  focus() {}
  restore() {}
  close() {
    this.destroy();
  }
  destroy() {
    recorded.windows[this.index].closed = true;
    this.emit('closed');
  }
}
/** What main hands to the OS is recorded, never opened. */
export const shell = { openPath: async () => '', openExternal: async (url) => void (recorded.opened ??= []).push(url) };
export const clipboard = { writeText: (text) => void (recorded.copied ??= []).push(text) };
/** Message boxes (the trust question) answer with the default button: Cancel. */
export const dialog = { showMessageBox: async (options) => ({ response: options.defaultId ?? 0, checkboxChecked: false }) };

const electron = { app, ipcMain, Menu, Tray, nativeImage, net, powerMonitor, protocol, safeStorage, Notification, session, BrowserWindow, shell, clipboard, dialog };
export default electron;

if (process.env.FAKE_ELECTRON_CONTROL === '1') {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', async (line) => {
    const { id, op, arg } = JSON.parse(line);
    const hook = globalThis.__ucwaTray;
    let result = null;
    if (op === 'windows') result = recorded.windows.map((window) => ({ url: window.url, closed: window.closed === true }));
    if (op === 'invoke') {
      // As a renderer would: ipcRenderer.invoke from a frame at `arg.url`.
      const handler = ipcMain.handlers.get(arg.channel);
      try {
        result = { value: await handler({ senderFrame: { url: arg.url } }, ...arg.args) };
      } catch (error) {
        result = { error: error instanceof Error ? error.message : String(error) };
      }
    }
    if (op === 'load') {
      // As a window would load a URL: through the handler its session registered for the scheme.
      const handler = protocolHandlers.get(new URL(arg).protocol.slice(0, -1));
      if (handler) {
        const response = await handler(new Request(arg));
        result = { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
      }
    }
    if (op === 'ids') result = hook ? hook.ids() : [];
    else if (op === 'click') result = hook ? hook.click(arg) : false;
    else if (op === 'state') result = { ...recorded, ipc: [...ipcMain.handlers.keys()], tooltip: recorded.tooltips.at(-1) ?? '' };
    else if (op === 'power') powerMonitor.emit(arg);
    else if (op === 'quit') app.quit();
    process.stdout.write(`@@${JSON.stringify({ id, result })}\n`);
  });
}
