import { asyncScheduler, filter, firstValueFrom, Subject, type Observable } from 'rxjs';
import { createEngine, type EngineOptions } from '../../../../main/core/engine';
import type { Engine } from '../../../../main/core/engine-api';
import type { EngineDeps, Logger, LogLevel, SystemEvents } from '../../../../main/core/ports';
import type { ContactList, SessionState } from '../../../../shared/models';
import type { LoggedRequest } from '../../../simulator/request-log';
import { type DirectoryFile, startSimulator, type SimConfig, type SimulatorHandle } from '../../../simulator/index';
import { simControl } from '../../../support/sim-control';

export const DANA = { address: 'dana@contoso.com', password: 'Passw0rd!' } as const;

/** The EndpointId the harness's engine sends when it creates an application. */
export const ENDPOINT_ID = '5f1c7a52-8a0e-4a44-9c1b-1d4c2f1e7a10';

/** Every log line the engine wrote, to check that no secret ever shows up. */
export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields?: Readonly<Record<string, string | number | boolean>>;
}

export interface Harness {
  readonly sim: SimulatorHandle;
  readonly engine: Engine;
  readonly logs: LogLine[];
  readonly wake: Subject<'resume' | 'unlock' | 'network'>;
  /** Control API call; returns parsed JSON (or null). */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  simUser(user?: string): Promise<SimUserView>;
  injectFault(match: { method?: string; path: string }, fault: Record<string, unknown>, times?: number): Promise<void>;
  /** The simulator's request log after `since` (a `seq`), oldest first. */
  requests(since?: number): Promise<LoggedRequest[]>;
  /** The `seq` of the last logged request (0 when none). */
  lastSeq(): Promise<number>;
  /** Faults injected and not used up yet. */
  faultsPending(): Promise<number>;
  close(): Promise<void>;
}

export interface SimUserView {
  readonly availability: string;
  readonly note: string;
  readonly applications: readonly {
    readonly id: string;
    readonly available: boolean;
    readonly availability?: string;
    readonly endpointId?: string;
  }[];
  readonly groups: readonly { readonly id: string; readonly name: string; readonly kind: string; readonly contacts: readonly { readonly uri: string; readonly name: string }[] }[];
}

/** Small timings so recovery tests are quick; the P-GET hold is 2 s (simulator minimum lowered). */
export const FAST_ENGINE: EngineOptions = {
  backoff: { baseMs: 20, maxMs: 300 },
  random: () => 0.5,
  pgetTimeoutSeconds: 2,
  httpMarginMs: 1_500,
  requestTimeoutMs: 2_000,
};

export async function startHarness(
  options: { config?: Partial<SimConfig>; engine?: EngineOptions; deps?: Partial<EngineDeps>; users?: DirectoryFile } = {},
): Promise<Harness> {
  const sim = await startSimulator({ config: { pgetTimeoutMin: 1, ...options.config }, ...(options.users ? { users: options.users } : {}) });
  const logs: LogLine[] = [];
  const logger: Logger = {
    log: (level, message, fields) => logs.push({ level, message, ...(fields !== undefined ? { fields } : {}) }),
  };
  const wake = new Subject<'resume' | 'unlock' | 'network'>();
  const system: SystemEvents = { wake$: wake, sleep$: new Subject() };
  const engine = createEngine(
    {
      fetch: (input, init) => fetch(input, init),
      scheduler: asyncScheduler,
      logger,
      idle: { idleSeconds: () => 0 },
      system,
      endpointId: ENDPOINT_ID,
      userAgent: 'ucwa-presence-tray-tests/0.1.0',
      culture: 'en-US',
      ...options.deps,
    },
    { ...FAST_ENGINE, ...options.engine },
  );
  const control = simControl(sim.origin);
  return {
    sim,
    engine,
    logs,
    wake,
    control,
    simUser: async (user = DANA.address) => (await control('GET', `/_sim/users/${user}`)) as SimUserView,
    injectFault: async (match, fault, times = 1) => {
      await control('POST', '/_sim/faults', { match, times, fault });
    },
    requests: async (since = 0) => ((await control('GET', `/_sim/requests?since=${since}`)) as { requests: LoggedRequest[] }).requests,
    lastSeq: async () =>
      ((await control('GET', '/_sim/requests')) as { requests: LoggedRequest[] }).requests.reduce((max, r) => Math.max(max, r.seq), 0),
    faultsPending: async () => ((await control('GET', '/_sim/faults')) as { faults: unknown[] }).faults.length,
    close: async () => {
      await engine.dispose();
      await sim.stop();
    },
  };
}

/** The first value of `source$` that satisfies `predicate` (the test's own timeout bounds the wait). */
export function first<T>(source$: Observable<T>, predicate: (value: T) => boolean): Promise<T> {
  return firstValueFrom(source$.pipe(filter(predicate)));
}

export const isOnline = (s: SessionState): boolean => s.state === 'online';

/** Polls `probe` until it returns true (eventual consistency with the server; no timing asserted). */
export async function eventually(probe: () => Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return;
    if (Date.now() - started > limitMs) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A harness signed in as Dana (Busy, "Heads down"), with every session state and the latest list kept. */
export interface BusyRun {
  readonly h: Harness;
  readonly states: SessionState[];
  latestContacts(): ContactList | undefined;
}

/**
 * Starts a harness, hands it to `own` (so the caller's cleanup closes it even if sign-in fails), signs
 * in Busy with a note and waits until the simulator shows Busy.
 */
export async function signInBusy(own: (h: Harness) => void, options: Parameters<typeof startHarness>[0] = {}): Promise<BusyRun> {
  const harness = await startHarness(options);
  own(harness);
  const states: SessionState[] = [];
  harness.engine.session$.subscribe((s) => states.push(s));
  let contacts: ContactList | undefined;
  harness.engine.contacts$.subscribe((c) => {
    contacts = c;
  });
  await harness.engine.signIn({ ...DANA, discoveryUrl: harness.sim.rootUrl }, { availability: 'Busy', note: 'Heads down' });
  await eventually(async () => (await harness.simUser()).availability === 'Busy', 'Dana is Busy after sign-in');
  return { h: harness, states, latestContacts: () => contacts };
}
