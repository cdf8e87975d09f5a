import { filter, firstValueFrom, type Subscription, Subject } from 'rxjs';
import { createEngine } from '../../main/core/engine';
import type { Engine } from '../../main/core/engine-api';
import type { FetchLike, Logger, SystemEvents } from '../../main/core/ports';
import { people } from '../../main/core/ucwa/people/people';
import { type ContactList, EMPTY_CONTACT_LIST, type SessionState } from '../../shared/models';
import { type DirectoryFile, type SimConfig, startSimulator, type SimulatorHandle } from '../../test/simulator/index';
import type { LoggedRequest } from '../../test/simulator/request-log';
import { simControl } from '../../test/support/sim-control';
import { WarpScheduler } from './warp-scheduler';

export const DANA = { address: 'dana@contoso.com', password: 'Passw0rd!' } as const;

/** One entry of `GET /_sim/requests` (the simulator's own type). */
export type { LoggedRequest };

export interface SimUser {
  readonly availability: string;
  readonly note: string;
  readonly applications: readonly { readonly id: string }[];
}

const isEventsUrl = (url: string): boolean => /\/events(\?|$)/i.test(url);

function urlOf(input: Request | string | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
}

/**
 * The simulator and the real engine in one process, with the engine on a {@link WarpScheduler} and
 * Node's fetch wrapped to know what is in flight — what `settle` and `advance` need to move both
 * clocks together.
 */
export class BenchSession {
  readonly scheduler = new WarpScheduler();
  readonly wake = new Subject<'resume' | 'unlock' | 'network'>();
  readonly warnings: string[] = [];
  /** Every non-debug engine log line (the engine logs no secrets), for diagnosing a figure. */
  readonly logLines: string[] = [];
  readonly states: SessionState[] = [];
  engine!: Engine;
  sim!: SimulatorHandle;
  contacts: ContactList = EMPTY_CONTACT_LIST;
  private inflight = 0;
  /** Simulated time at which the last P-GET sent will be answered empty (its hold time). */
  private pgetDue: number | undefined;
  private started = 0;
  private readonly subs: Subscription[] = [];

  static async start(options: { config?: Partial<SimConfig>; users?: DirectoryFile } = {}): Promise<BenchSession> {
    const session = new BenchSession();
    session.sim = await startSimulator({ config: { ...options.config }, ...(options.users ? { users: options.users } : {}) });
    const fetchLike: FetchLike = async (input, init) => {
      const url = urlOf(input);
      const events = isEventsUrl(url);
      session.started += 1;
      if (events) {
        // When the simulator will answer this P-GET if nothing happens: a point `advance` must stop at.
        const hold = Number(new URL(url).searchParams.get('timeout') ?? '180');
        session.pgetDue = session.scheduler.now() + Math.max(hold, 1) * 1000;
      } else session.inflight += 1;
      try {
        return await fetch(input, init);
      } finally {
        if (!events) session.inflight -= 1;
      }
    };
    const logger: Logger = {
      log: (level, message, fields) => {
        if (level === 'warn' || level === 'error') session.warnings.push(`${level}: ${message}`);
        if (level !== 'debug') session.logLines.push(`${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
      },
    };
    const system: SystemEvents = { wake$: session.wake, sleep$: new Subject() };
    session.engine = createEngine(
      {
        fetch: fetchLike,
        scheduler: session.scheduler,
        logger,
        // The user is at the keyboard but leaves the app alone: reportMyActivity keeps going.
        idle: { idleSeconds: () => 0 },
        system,
        endpointId: '0b7f3c8e-2d55-4c1e-9a51-6f0c9e1d2a77',
        userAgent: 'ucwa-presence-tray-bench/0.1.0',
        culture: 'en-US',
      },
      // Jitter pinned to its middle so runs compare.
      { people, random: () => 0.5 },
    );
    session.subs.push(session.engine.session$.subscribe((s) => session.states.push(s)));
    session.subs.push(
      session.engine.contacts$.subscribe((c) => {
        session.contacts = c;
      }),
    );
    return session;
  }

  get state(): SessionState['state'] {
    return this.states.at(-1)?.state ?? 'signedOut';
  }

  /** Control API call; parsed JSON or null. */
  control(method: string, path: string, body?: unknown): Promise<unknown> {
    return simControl(this.sim.origin)(method, path, body);
  }

  async simUser(user = DANA.address): Promise<SimUser> {
    return (await this.control('GET', `/_sim/users/${user}`)) as SimUser;
  }

  /** Request log entries after `since` (the log keeps the last 10,000: read it often in long runs). */
  async requests(since = 0): Promise<LoggedRequest[]> {
    const body = (await this.control('GET', `/_sim/requests?since=${since}`)) as { requests: LoggedRequest[] };
    return body.requests;
  }

  async lastSeq(): Promise<number> {
    const all = await this.requests(0);
    return all.at(-1)?.seq ?? 0;
  }

  async faultsPending(): Promise<number> {
    const body = (await this.control('GET', '/_sim/faults')) as { faults: unknown[] };
    return body.faults.length;
  }

  signIn(initial?: { availability?: 'Online' | 'Busy'; note?: string }): Promise<void> {
    return this.engine.signIn({ ...DANA, discoveryUrl: this.sim.rootUrl }, initial);
  }

  /** First contact list after sign-in (a non-empty-placeholder emission). */
  contactListReady(): Promise<ContactList> {
    return firstValueFrom(this.engine.contacts$.pipe(filter((c) => c !== EMPTY_CONTACT_LIST)));
  }

  /**
   * Waits until the engine has nothing but (at most) its parked P-GET in flight and no new request
   * started for a few event-loop turns; gives up after `limitMs` real ms (returns false).
   */
  async settle(limitMs = 3_000): Promise<boolean> {
    const until = Date.now() + limitMs;
    let quiet = 0;
    let seen = this.started;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, quiet === 0 ? 1 : 2));
      if (this.inflight === 0 && this.started === seen) quiet += 1;
      else quiet = 0;
      seen = this.started;
      if (quiet >= 3) return true;
    }
    return false;
  }

  /**
   * Moves engine and simulator clocks forward together by `ms`, stopping at every engine timer and at
   * the simulator's answer to the parked P-GET (and at least every `maxStepMs`), so neither side runs
   * far ahead of the other. The engine goes first in each step: a P-GET it re-parks after the
   * simulator's step then gets its HTTP deadline from a clock that is not behind the simulator's.
   */
  async advance(ms: number, maxStepMs = 60_000): Promise<void> {
    const target = this.scheduler.now() + ms;
    for (;;) {
      const now = this.scheduler.now();
      if (now >= target) break;
      const due = this.scheduler.nextDue();
      if (due !== undefined && due <= now) {
        this.scheduler.advanceTo(now);
        await this.settle();
        continue;
      }
      // A second past the P-GET's hold, so the simulator's answer falls in this step even if its clock
      // lags ours by a few ms (time spent firing its timers is lost from it).
      const pgetEnd = this.pgetDue === undefined ? undefined : this.pgetDue + 1_000;
      const pget = pgetEnd !== undefined && pgetEnd > now ? pgetEnd : Number.POSITIVE_INFINITY;
      const step = Math.min(target, now + maxStepMs, due ?? Number.POSITIVE_INFINITY, pget) - now;
      this.scheduler.advanceTo(now + step);
      await this.settle();
      await this.control('POST', '/_sim/clock/advance', { seconds: step / 1000 });
      await this.settle();
    }
  }

  /**
   * Runs simulated time forward in small steps until `done()` holds (or `limitMs` simulated ms pass);
   * returns the simulated ms it took. Real time passing counts too.
   */
  async until(done: () => Promise<boolean> | boolean, limitMs: number, stepMs = 1_000): Promise<number | undefined> {
    const start = this.scheduler.now();
    for (;;) {
      await this.settle();
      if (await done()) return this.scheduler.now() - start;
      if (this.scheduler.now() - start > limitMs) return undefined;
      await this.advance(stepMs, stepMs);
    }
  }

  /** Simulator clock minus engine clock (ms): should stay near 0 however far both were moved. */
  async clockSkewMs(): Promise<number> {
    const body = (await this.control('GET', '/_sim/clock')) as { now: string };
    return Date.parse(body.now) - this.scheduler.now();
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.engine.dispose(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    } finally {
      for (const sub of this.subs) sub.unsubscribe();
      this.scheduler.stop();
      await this.sim.stop();
    }
  }
}
