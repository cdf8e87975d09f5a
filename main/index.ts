/**
 * The one composition root of the desktop app: Electron lifecycle, single-instance lock, wiring of
 * the engine and the app service to Electron adapters, and orderly teardown. Everything else is
 * either pure (main/core, main/tray) or a thin adapter (main/adapters).
 */
import { Menu, Notification, Tray, app, clipboard, dialog, ipcMain, nativeImage, net, powerMonitor, protocol, safeStorage, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BehaviorSubject, asyncScheduler, distinctUntilChanged, map, skip, type Observable } from 'rxjs';
import { loadAdminPolicy } from './adapters/admin-policy-file';
import { createLinuxAutostart } from './adapters/autostart.linux';
import { createLoginItemAutostart } from './adapters/autostart.login-item';
import { createConsoleLogger } from './adapters/console-logger';
import { createNetFetch, type NetFetch } from './adapters/fetch.net';
import { createExternalOpener } from './adapters/open-external';
import { createPowerMonitorIdle } from './adapters/idle-monitor.power-monitor';
import { bindPushes, registerIpc } from './adapters/ipc';
import { createContactListCommands, type ContactListCommands } from './core/app/contact-list-commands';
import { createElectronNotifier } from './adapters/notifier.electron';
import { isTrustedRendererUrl } from './adapters/renderer-origin';
import { RENDERER_SCHEME_PRIVILEGES } from './adapters/renderer-protocol';
import { createSafeStorageSecrets } from './adapters/secrets.safe-storage';
import { createElectronStoreSettings } from './adapters/settings.electron-store';
import { claimSingleInstance } from './adapters/single-instance';
import { createPowerMonitorEvents } from './adapters/system-events.power-monitor';
import { createDialogTrustPrompt } from './adapters/trust-prompt.dialog';
import { settingsTrustMemory } from './core/app/trust-answers';
import { createTrayController, type TrayController } from './adapters/tray-controller';
import { trayIconPath } from './adapters/tray-icons';
import { createWindowManager, type WindowManager } from './adapters/windows';
import { createAppCommands, type AppCommand, type TrayOptions } from './adapters/app-commands';
import { createAppService, type AppService } from './core/app/app-service';
import { type ContactCardService, createContactCardService } from './core/app/contact-card-service';
import type { AppSettings } from './core/app/app-settings';
import type { RemoteCommand } from './core/app/command-line';
import { parseCommandLine } from './core/app/command-line';
import { createEngine } from './core/engine';
import type { Engine } from './core/engine-api';
import type { AdminPolicy } from './core/admin-policy';
import type { Autostart, Notifier, SecretStore, SettingsStore, SystemEvents } from './core/ports';
import { people } from './core/ucwa/people/people';
import { effectiveLocale, translator, type LanguageChoice, type Locale, type Translator } from '../shared/i18n';
import { IPC } from '../shared/ipc-contract';
import type { TrayAction } from './tray/tray-action';
import { trayStates } from './tray/tray-states';

const APP_ID = 'com.github.ucwa-presence-tray';
const USER_AGENT = `ucwa-presence-tray/${app.getVersion()}`;
/** Longest we wait for the UCWA application DELETE at quit: quitting must never hang. */
const TEARDOWN_TIMEOUT_MS = 5_000;

/**
 * Environment the app understands:
 * - UCWA_TRAY_SIGN_IN_ADDRESS + UCWA_PASSWORD (+ UCWA_TRAY_DISCOVERY_URL): sign in with these and
 *   store nothing (`npm run demo`, e2e tests).
 * - UCWA_TRAY_USER_DATA: a separate profile directory (tests).
 * - UCWA_TRAY_TEST_HOOK=1: exposes `globalThis.__ucwaTray` to click tray items by id (e2e only).
 * - UCWA_TRAY_LOG_LEVEL: debug | info | warn | error.
 */
const env = process.env;
const here = dirname(fileURLToPath(import.meta.url));
const distRoot = join(here, '..');
const logger = createConsoleLogger(parseLogLevel(env['UCWA_TRAY_LOG_LEVEL']));

if (env['UCWA_TRAY_USER_DATA']) app.setPath('userData', env['UCWA_TRAY_USER_DATA']);
app.setAppUserModelId(APP_ID);
// Only possible before ready: the windows' pages come from ucwa-tray://app (adapters/windows.ts).
protocol.registerSchemesAsPrivileged([RENDERER_SCHEME_PRIVILEGES]);

const launch = parseCommandLine(process.argv);
for (const problem of launch.errors) logger.log('warn', `command line: ${problem}`);

/** Commands arriving before the service is ready (second launch during start-up) wait here. */
const pending: RemoteCommand[] = [...launch.commands];
/** The one dispatcher of tray clicks and command lines, once the service exists. */
let dispatch: ((command: AppCommand) => Promise<void>) | null = null;

if (!claimSingleInstance(app, process.argv, (commands) => (dispatch ? runCommands(commands) : pending.push(...commands)))) {
  // Another instance runs and got our commands (Electron passed them as additionalData).
  app.exit(0);
} else {
  // A tray app lives on without windows.
  app.on('window-all-closed', () => undefined);
  // Ctrl-C / kill (launch script, session logout): go through the same orderly teardown as Quit.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.whenReady().then(start, (error: unknown) => fail(error));
}

/** The operating system as the app service and the engine need it: Electron adapters. */
interface Platform {
  readonly policy: AdminPolicy;
  readonly settings: SettingsStore<AppSettings>;
  readonly secrets: SecretStore;
  readonly system: SystemEvents;
  readonly autostart: Autostart;
  readonly notifier: Notifier;
  readonly language: Language;
}

/** The Language menu's choice over the OS preference list, and the words it gives. */
interface Language {
  /** The OS preference list (most wanted first). */
  readonly systemLanguages: readonly string[];
  readonly choice$: BehaviorSubject<LanguageChoice>;
  readonly locale$: Observable<Locale>;
  readonly messages: () => Translator;
}

async function start(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  const platform = await createPlatform();
  const { policy, settings, secrets, notifier, autostart, system, language } = platform;
  const engine = createAppEngine(platform);
  // Wake/network events reach the engine (reconcile) and the service (timed-status expiry, away-on-lock) directly.
  const service = createAppService({ engine, settings, secrets, notifier, policy, scheduler: asyncScheduler, autostart, system, logger, messages: language.messages });
  const windows = createWindowManager({ preloadPath: join(distRoot, 'preload', 'preload.cjs'), rendererDir: join(distRoot, 'renderer') });
  const unbindWindows = bindWindows({
    service,
    contactList: createContactListCommands(engine.directory),
    contactCards: createContactCardService({ directory: engine.directory, now: () => asyncScheduler.now(), logger }),
    windows,
    locale$: language.locale$,
  });
  const options: TrayOptions = {
    autostartEnabled$: new BehaviorSubject<boolean>(await service.autostartEnabled()),
    awayOnLock$: new BehaviorSubject<boolean>(service.awayOnLockEnabled()),
    language$: language.choice$,
  };
  const commands = createAppCommands({ service, windows, settings, options, quit: () => app.quit() });
  const tray = createTray((action) => void commands(action));
  const rendering = trayStates({
    status$: service.status$,
    ...options,
    autostartSupported: autostart.supported,
    systemLanguages: language.systemLanguages,
    scheduler: asyncScheduler,
  }).subscribe((state) => tray.setState(state));
  if (env['UCWA_TRAY_TEST_HOOK'] === '1') installTestHook(tray);
  dispatch = commands;
  installTeardown(engine, service, tray, windows, () => {
    unbindWindows();
    rendering.unsubscribe();
  });
  await signInAtStart(service, windows, platform);
  runCommands(pending.splice(0));
  logger.log('info', 'ready');
}

function runCommands(commands: readonly RemoteCommand[]): void {
  for (const command of commands) void dispatch?.(command);
}

async function createPlatform(): Promise<Platform> {
  const policy = await loadAdminPolicy(env, process.platform, app.isPackaged, logger);
  const settings = createElectronStoreSettings(logger);
  return {
    policy,
    settings,
    secrets: createSafeStorageSecrets(safeStorage, join(app.getPath('userData'), 'secrets.json'), process.platform),
    system: createPowerMonitorEvents(powerMonitor, () => net.isOnline()),
    autostart: createAutostart(),
    notifier: createElectronNotifier(Notification),
    language: createLanguage(settings),
  };
}

function createLanguage(settings: SettingsStore<AppSettings>): Language {
  // The OS preference list (most wanted first), then the user's Language menu choice over it.
  const systemLanguages = [...app.getPreferredSystemLanguages(), app.getLocale()];
  const choice$ = new BehaviorSubject<LanguageChoice>(settings.get('language'));
  return {
    systemLanguages,
    choice$,
    locale$: choice$.pipe(map((choice) => effectiveLocale(choice, systemLanguages)), distinctUntilChanged()),
    messages: () => translator(effectiveLocale(choice$.value, systemLanguages)),
  };
}

function createAppEngine(platform: Platform): Engine {
  const { policy, settings } = platform;
  return createEngine(
    {
      fetch: createNetFetch(net.fetch as unknown as NetFetch),
      scheduler: asyncScheduler,
      logger,
      idle: createPowerMonitorIdle(powerMonitor),
      system: platform.system,
      endpointId: settings.get('endpointId'),
      userAgent: USER_AGENT,
      // Sent once, at application creation: a language switch reaches UCWA at the next sign-in.
      culture: platform.language.messages().locale,
      trustPrompt: createDialogTrustPrompt(dialog),
      trustMemory: settingsTrustMemory(settings),
    },
    {
      people,
      trust: {
        ...(policy.trustedDomains !== undefined ? { trustedDomains: policy.trustedDomains } : {}),
        ...(policy.allowInsecureHttp !== undefined ? { allowInsecureHttp: policy.allowInsecureHttp } : {}),
      },
    },
  );
}

/** What the windows talk to and are told by. */
interface WindowBindings {
  readonly service: AppService;
  readonly contactList: ContactListCommands;
  readonly contactCards: ContactCardService;
  readonly windows: WindowManager;
  readonly locale$: Observable<Locale>;
}

/**
 * Everything between the service and the windows, in one place: the IPC handlers, the pushes and
 * the language. Returns the function that unbinds them.
 */
function bindWindows(parts: WindowBindings): () => void {
  const { service, windows } = parts;
  const disposeIpc = registerIpc({
    ipcMain,
    service,
    contactList: parts.contactList,
    isTrustedSender: isTrustedRendererUrl,
    onSignedIn: () => {
      windows.closeSignIn();
      windows.showContacts();
    },
    onSignedOut: () => windows.showSignIn(),
    onShowSignIn: () => windows.showSignIn(),
    contactCards: parts.contactCards,
    openExternal: createExternalOpener(shell, logger),
    copyText: (text) => clipboard.writeText(text),
  });
  const pushes = bindPushes(service.push$, () => windows.webContents());
  // A language switch re-renders open windows at once (they re-word themselves; nothing reloads).
  const locales = parts.locale$.pipe(skip(1)).subscribe((locale) => {
    for (const target of windows.webContents()) if (!target.isDestroyed()) target.send(IPC.localeChanged, locale);
  });
  return () => {
    disposeIpc();
    pushes.unsubscribe();
    locales.unsubscribe();
  };
}

function createTray(onAction: (action: TrayAction) => void): TrayController {
  return createTrayController<Menu>({
    createTray: (icon) => {
      const created = new Tray(nativeImage.createFromPath(icon));
      // Left click opens the menu on Windows/macOS too, so every action is one click away.
      created.on('click', () => created.popUpContextMenu());
      return {
        setImage: (path) => created.setImage(nativeImage.createFromPath(path)),
        setToolTip: (text) => created.setToolTip(text),
        setContextMenu: (menu) => created.setContextMenu(menu),
        destroy: () => created.destroy(),
      };
    },
    buildMenu: (template) => Menu.buildFromTemplate(template),
    iconPath: (name) =>
      trayIconPath(name, { platform: process.platform, packaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }),
    onAction,
  });
}

/** Signs in with the demo or stored credentials; otherwise asks (a hidden start only says so). */
async function signInAtStart(service: AppService, windows: WindowManager, platform: Platform): Promise<void> {
  const demo = demoCredentials();
  const { needsSignIn } = await service.start(demo ? { credentials: demo } : {});
  if (!needsSignIn) return;
  const messages = platform.language.messages();
  if (launch.hidden) platform.notifier.notify(messages.t('notifications.appName'), messages.t('notifications.signInFromTray'));
  else windows.showSignIn();
}

function installTeardown(engine: Engine, service: AppService, tray: TrayController, windows: WindowManager, unbind: () => void): void {
  let stage: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (stage === 'stopped') return;
    event.preventDefault();
    if (stage === 'stopping') return;
    stage = 'stopping';
    // Service first: its timers stop, and the sign-out below must not raise a "signed out" notification.
    service.dispose();
    // Delete the UCWA application so the server shows us offline at once, not after its reaping timeout.
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, TEARDOWN_TIMEOUT_MS));
    void Promise.race([engine.dispose(), timeout])
      .catch((error: unknown) => logger.log('warn', `teardown: ${error instanceof Error ? error.message : 'failed'}`))
      .finally(() => {
        unbind();
        windows.closeAll();
        tray.destroy();
        stage = 'stopped';
        app.quit();
      });
  });
}

function installTestHook(tray: TrayController): void {
  // Only with UCWA_TRAY_TEST_HOOK=1: e2e tests drive the tray through the menu they would see.
  Object.assign(globalThis, {
    __ucwaTray: { click: (id: string) => tray.clickItem(id), ids: () => tray.lastMenuIds() },
  });
}

function createAutostart(): Autostart {
  if (process.platform === 'linux') {
    return createLinuxAutostart({
      env,
      execPath: process.execPath,
      ...(app.isPackaged ? {} : { appPath: app.getAppPath() }),
      productName: 'UCWA Presence Tray',
    });
  }
  if (process.platform === 'darwin' || process.platform === 'win32') return createLoginItemAutostart(app, process.platform);
  return { supported: false, isEnabled: async () => false, setEnabled: async () => undefined };
}

function demoCredentials(): { address: string; password: string; discoveryUrl?: string } | undefined {
  const address = env['UCWA_TRAY_SIGN_IN_ADDRESS'];
  const password = env['UCWA_PASSWORD'];
  // Not inherited by anything we might spawn, and not readable later from process.env.
  delete env['UCWA_PASSWORD'];
  if (!address || !password) return undefined;
  const discoveryUrl = env['UCWA_TRAY_DISCOVERY_URL'];
  return discoveryUrl ? { address, password, discoveryUrl } : { address, password };
}

function parseLogLevel(value: string | undefined): 'debug' | 'info' | 'warn' | 'error' {
  return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}

function fail(error: unknown): void {
  logger.log('error', `start-up failed: ${error instanceof Error ? error.message : 'unknown error'}`);
  app.exit(1);
}
