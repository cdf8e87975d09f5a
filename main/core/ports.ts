import type { Observable, SchedulerLike } from 'rxjs';

/**
 * Everything the engine needs from the outside world. The engine imports neither `electron` nor
 * `node:*`; adapters (Electron) and the headless entry (plain Node) implement these.
 */

/** The WHATWG fetch the engine's ky instance uses: Electron `net.fetch`, Node's fetch, or a fake. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured log sink. Callers must never pass tokens or passwords; `redact` exists for URLs. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Readonly<Record<string, string | number | boolean>>): void;
}

/** How long the user has been idle at the keyboard (Electron: powerMonitor.getSystemIdleTime). */
export interface IdleMonitor {
  idleSeconds(): number;
}

/** OS-level events that should trigger immediate reconciliation with the server. */
export interface SystemEvents {
  /** Emits after resume from sleep, unlock, or a network change. */
  readonly wake$: Observable<'resume' | 'unlock' | 'network'>;
  /** Emits when the machine locks or suspends (for the optional away-on-lock). */
  readonly sleep$: Observable<'lock' | 'suspend'>;
}

/** Persistent, non-secret settings (electron-store in the app). */
export interface SettingsStore<T> {
  get<K extends keyof T>(key: K): T[K];
  set<K extends keyof T>(key: K, value: T[K]): void;
}

/** Secrets (safeStorage in the app). Async because safeStorage's async API is. */
export interface SecretStore {
  /** `basic_text` on Linux means secrets are only obfuscated. */
  readonly backend: () => Promise<'strong' | 'weak' | 'unavailable'>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Autostart {
  readonly supported: boolean;
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

/**
 * Asks the user once whether sign-in may continue on a host outside their domain
 * ("contoso.com sends you to lync.fabrikam.com to sign in — continue?"). Resolves true to continue.
 */
export type TrustPrompt = (fromDomain: string, toHost: string) => Promise<boolean>;

export interface Notifier {
  notify(title: string, body: string): void;
}

/** What the engine is built from. Time comes only from `scheduler` (virtual in tests). */
export interface EngineDeps {
  readonly fetch: FetchLike;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  readonly idle: IdleMonitor;
  readonly system?: SystemEvents;
  /** Persistent per-install GUID sent as UCWA `EndpointId`. */
  readonly endpointId: string;
  /** e.g. `ucwa-presence-tray/0.1.0`. */
  readonly userAgent: string;
  /** e.g. `en-US`. */
  readonly culture: string;
  /** Asks about a host outside the sign-in domain; absent (headless) = refuse such hosts. */
  readonly trustPrompt?: TrustPrompt;
}
