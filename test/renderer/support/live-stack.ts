import { asyncScheduler, type Subscription } from 'rxjs';
import { DEFAULT_ADMIN_POLICY } from '../../../main/core/admin-policy';
import { DEFAULT_APP_SETTINGS, type AppSettings } from '../../../main/core/app/app-settings';
import { createAppService, type AppService } from '../../../main/core/app/app-service';
import { createEngine } from '../../../main/core/engine';
import type { Engine } from '../../../main/core/engine-api';
import type { Notifier, SecretStore, SettingsStore } from '../../../main/core/ports';
import { people } from '../../../main/core/ucwa/people/people';
import type { DirectoryFile } from '../../simulator/directory';
import { startSimulator, type SimConfig, type SimulatorHandle } from '../../simulator/index';
import { createContactListCommands } from '../../../main/core/app/contact-list-commands';
import type { BridgeBackend } from './bridge';
import { simControl } from '../../support/sim-control';

/** The simulator's demo user. */
export const DANA = { address: 'dana@contoso.com', password: 'Passw0rd!' } as const;

/**
 * The real stack behind the window: simulator on 127.0.0.1 ⇄ real engine (with the people feature)
 * ⇄ app service, with in-memory settings and secrets. `backend` is what `installBridge` binds to
 * `window.ucwa`, exactly the mapping the Electron IPC adapter does.
 */
export interface LiveStack {
  readonly sim: SimulatorHandle;
  readonly engine: Engine;
  readonly service: AppService;
  readonly backend: BridgeBackend;
  readonly notifications: { title: string; body: string }[];
  /** Calls the simulator's control API; returns parsed JSON or null. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

function memorySettings(): SettingsStore<AppSettings> {
  const values: AppSettings = { ...DEFAULT_APP_SETTINGS, endpointId: '0b6f7c7e-3f55-4d0a-9a52-6c1c2b7f4a11' };
  return {
    get: (key) => values[key],
    set: (key, value) => {
      values[key] = value;
    },
  };
}

function memorySecrets(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    backend: async () => 'strong',
    get: async (key) => secrets.get(key) ?? null,
    set: async (key, value) => {
      secrets.set(key, value);
    },
    delete: async (key) => {
      secrets.delete(key);
    },
  };
}

/**
 * Starts the stack; `config` adds to the simulator's configuration (e.g. `contactListManagement:
 * false`), `users` replaces its demo directory.
 */
export async function startLiveStack(options: { config?: Partial<SimConfig>; users?: DirectoryFile } = {}): Promise<LiveStack> {
  // Short P-GET holds so the simulator's aggregation windows and our event loop turn quickly.
  const sim = await startSimulator({
    config: { pgetTimeoutMin: 1, mediumWindowSeconds: 0, lowWindowSeconds: 0, ...options.config },
    ...(options.users !== undefined ? { users: options.users } : {}),
  });
  const engine = createEngine(
    {
      fetch: (input, init) => fetch(input, init),
      scheduler: asyncScheduler,
      logger: { log: () => undefined },
      idle: { idleSeconds: () => 0 },
      endpointId: '0b6f7c7e-3f55-4d0a-9a52-6c1c2b7f4a11',
      userAgent: 'ucwa-presence-tray-renderer-tests/0.1.0',
      culture: 'en-US',
    },
    { people, pgetTimeoutSeconds: 5, httpMarginMs: 2_000, requestTimeoutMs: 5_000, random: () => 0.5 },
  );
  const notifications: { title: string; body: string }[] = [];
  const notifier: Notifier = { notify: (title, body) => notifications.push({ title, body }) };
  const service = createAppService({
    engine,
    settings: memorySettings(),
    secrets: memorySecrets(),
    notifier,
    policy: DEFAULT_ADMIN_POLICY,
    scheduler: asyncScheduler,
  });
  const contactList = createContactListCommands(engine.directory);
  let pushes: Subscription | undefined;
  const backend: BridgeBackend = {
    getSnapshot: () => service.snapshot(),
    signIn: (form) => service.signIn(form),
    signOut: () => service.signOut(),
    setAvailability: (availability) => service.setAvailability(availability),
    resetAvailability: () => service.resetAvailability(),
    setNote: (note) => service.setNote(note),
    watchContact: (request) => service.watchContact(request),
    // Electron opens a window here; the page under test only needs the call to succeed.
    showSignIn: () => undefined,
    contactsSnapshot: () => service.contactsSnapshot(),
    contactCapabilities: () => contactList.capabilities(),
    searchDirectory: (request) => contactList.search(request),
    expandDistributionGroup: (uri) => contactList.expandDistributionGroup(uri),
    changeContactList: (change) => contactList.change(change),
    subscribe(push) {
      pushes = service.push$.subscribe((message) => push(message.channel, message.payload));
      return () => pushes?.unsubscribe();
    },
  };
  const control = simControl(sim.origin);
  return {
    sim,
    engine,
    service,
    backend,
    notifications,
    control,
    async close() {
      pushes?.unsubscribe();
      service.dispose();
      await engine.dispose();
      await sim.stop();
    },
  };
}
