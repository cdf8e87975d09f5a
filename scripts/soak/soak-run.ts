import type { Subscription } from 'rxjs';
import type { Change } from '../../shared/models';
import { BenchSession, DANA, type LoggedRequest } from '../bench/bench-session';
import { countKinds, type RequestKind, requestShape, shapeCounts } from '../bench/request-kinds';
import { EventLog } from './event-log';
import { faultDefinition, type FaultContext, type FaultKind } from './fault-matrix';
import { changesMatchLedger, describeChange } from './invariants/change-feed';
import { contactListMatches } from './invariants/contact-list';
import { ownPresenceMatches } from './invariants/own-presence';
import { outageRequestRate } from './invariants/request-rate';
import { resourcesBounded, type ResourceSample } from './invariants/resources';
import { singleApplication } from './invariants/single-application';
import type { Violation } from './invariants/violation';
import { describeEntry, type LedgerEntry } from './ledger';
import { prng, type Prng } from './prng';
import { sampleResources } from './resource-sample';
import { readTruth, type Truth } from './truth';
import { type DuringFaults, World } from './world';

export interface SoakOptions {
  /** Wall-clock minutes to run (fractions allowed). */
  readonly minutes: number;
  readonly seed: number;
  /** The fault kinds the schedule draws from. */
  readonly faults: readonly FaultKind[];
  /** Changes that also happen while faults are on (default none; see default-faults.ts). */
  readonly duringFaults?: Partial<DuringFaults>;
  /** Keep going after a round broke an invariant (default: stop there). */
  readonly keepGoing?: boolean;
  /** One line per round, as it ends. */
  readonly progress?: (line: string) => void;
}

/** A broken invariant, where and when. */
export interface SoakViolation extends Violation {
  readonly round: number;
  readonly fault: string;
  /** The last events before it was seen. */
  readonly lastEvents: readonly string[];
}

export interface SoakReport {
  readonly seed: number;
  readonly rounds: number;
  readonly realSeconds: number;
  readonly simulatedHours: number;
  readonly faultsInjected: Partial<Record<FaultKind, number>>;
  readonly recoveries: number;
  /** Simulated ms from each fault's end until every invariant held again. */
  readonly recoveryMs: readonly number[];
  readonly requestsPerKind: Record<RequestKind, number>;
  readonly topRequests: readonly [string, number][];
  readonly feedChanges: number;
  readonly serverChanges: number;
  readonly maxHeapMb: number;
  readonly maxOpenSockets: number;
  readonly violations: readonly SoakViolation[];
}

/** How long the soak waits (simulated) for a quiet period before calling the engine stuck. */
const RECOVERY_LIMIT_MS = 15 * 60_000;
/**
 * The longest a recovery may take (simulated, from the fault's end): the backoff cap (30 s) and a
 * Retry-After of 60 s fit well within it; waiting for the server to reap a leaked application does not.
 */
export const RECOVERY_BOUND_MS = 3 * 60_000;

/** The simulated step after `elapsed` ms of waiting for recovery: fine at first, coarser later. */
const recoveryStep = (elapsed: number): number => (elapsed < 10_000 ? 1_000 : elapsed < 60_000 ? 5_000 : 30_000);

/**
 * The chaos soak: the real engine on a warped clock against the in-process simulator, a seeded
 * schedule of faults from `options.faults` while the server's groups, memberships and presence
 * change; after each fault, a quiet period in which every invariant must hold again.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const run = await SoakRun.start(options);
  try {
    return await run.loop();
  } finally {
    await run.close();
  }
}

class SoakRun {
  private readonly rng: Prng;
  private readonly changes: Change[] = [];
  private ledger: LedgerEntry[] = [];
  private readonly subs: Subscription[] = [];
  private readonly violations: SoakViolation[] = [];
  private readonly faultsInjected: Partial<Record<FaultKind, number>> = {};
  private readonly recoveryMs: number[] = [];
  /** Requests since the current round began (the whole run's are only counted, to keep the heap flat). */
  private roundRequests: LoggedRequest[] = [];
  private readonly kindTotals = countKinds([]);
  private readonly shapeTotals = new Map<string, number>();
  private serverChanges = 0;
  private feedChangesChecked = 0;
  private requestSeq = 0;
  private warningsSeen = 0;
  private endpointId = '';
  private baseline: ResourceSample = { heapUsedMb: 0, openSockets: 0 };
  private maxHeapMb = 0;
  private maxOpenSockets = 0;
  private world!: World;
  private events!: EventLog;
  private readonly startedReal = performance.now();
  private startedSim = 0;
  /** What the last failed quiet-period probe found (for a slow recovery's report). */
  private stuckOn: Violation[] = [];

  private constructor(
    private readonly options: SoakOptions,
    private readonly session: BenchSession,
  ) {
    this.rng = prng(options.seed);
  }

  static async start(options: SoakOptions): Promise<SoakRun> {
    const session = await BenchSession.start({ config: { mediumWindowSeconds: 0 } });
    const run = new SoakRun(options, session);
    run.startedSim = session.scheduler.now();
    run.events = new EventLog(() => session.scheduler.now(), run.startedSim);
    run.subs.push(
      session.engine.changes$.subscribe((change) => {
        run.changes.push(change);
        run.events.add(`feed: ${describeChange(change)}`);
      }),
      session.engine.session$.subscribe((s) => run.events.add(`session: ${s.state}${s.state === 'reconnecting' ? ` (${s.lastError})` : s.state === 'error' ? ` (${s.error.reason})` : ''}`)),
    );
    return run;
  }

  private get control() {
    return (method: string, path: string, body?: unknown): Promise<unknown> => this.session.control(method, path, body);
  }

  private truth(): Promise<Truth> {
    return readTruth(this.control, DANA.address);
  }

  private record(entry: LedgerEntry): void {
    this.ledger.push(entry);
    this.serverChanges += 1;
    this.events.add(`server: ${describeEntry(entry)}`);
  }

  async loop(): Promise<SoakReport> {
    const chosen = { availability: 'Busy' as const, note: 'Soaking' };
    await this.session.signIn(chosen);
    this.world = new World(
      this.control,
      DANA.address,
      this.rng,
      async (availability, note) => {
        const engine = this.session.engine;
        await Promise.all([engine.setAvailability(availability), engine.setNote(note)]).catch((e: unknown) => this.events.add(`choice failed: ${String(e)}`));
      },
      (entry) => this.record(entry),
      chosen,
      { choices: this.options.duringFaults?.choices === true, groupRemovals: this.options.duringFaults?.groupRemovals === true },
    );
    let before = await this.converge('sign-in');
    this.endpointId = before?.applications[0]?.endpointId ?? '';
    before ??= await this.truth();
    this.baseline = sampleResources();
    const deadline = this.startedReal + this.options.minutes * 60_000;
    let round = 0;
    while (performance.now() < deadline && this.options.faults.length > 0) {
      round += 1;
      const kind = this.rng.pick(this.options.faults);
      this.faultsInjected[kind] = (this.faultsInjected[kind] ?? 0) + 1;
      const broken = await this.round(round, kind, before);
      before = broken.after;
      this.options.progress?.(
        `round ${round} ${kind}: ${broken.count === 0 ? 'ok' : `${broken.count} broken`}${broken.recoveredMs === undefined ? '' : `, recovered in ${(broken.recoveredMs / 1000).toFixed(1)} s`}`,
      );
      if (broken.count > 0 && this.options.keepGoing !== true) break;
    }
    if (this.violations.length === 0 || this.options.keepGoing === true) await this.finalCheck(round + 1, before);
    return this.report(round);
  }

  private async round(round: number, kind: FaultKind, before: Truth): Promise<{ count: number; after: Truth; recoveredMs: number | undefined }> {
    const found: Violation[] = [];
    await this.world.betweenFaults();
    if ((await this.converge('changes between faults')) === undefined) found.push(notRecovered(this.session.state));
    await this.drainRequests();
    this.roundRequests = [];
    const seqAtStart = this.requestSeq;
    const simAtStart = this.session.scheduler.now();
    const window = await faultDefinition(kind).start(this.faultContext(), this.rng);
    this.events.add(`fault: ${window.label}`);
    await this.world.change(this.rng.int(0, 2));
    await this.pass(window.ms / 2, window.realTime === true);
    found.push(...singleApplication(await this.truth(), this.endpointId));
    await this.world.change(this.rng.int(1, 3));
    await this.pass(window.ms / 2, window.realTime === true);
    await this.drainRequests();
    const during = this.roundRequests.filter((r) => r.seq > seqAtStart);
    const rate = outageRequestRate({ fault: kind, requests: during.length, seconds: (this.session.scheduler.now() - simAtStart) / 1000 });
    const top = shapeCounts(during).slice(0, 4).map(([shape, n]) => `${n}× ${shape}`).join('; ');
    if (window.outage === true) found.push(...rate.map((v) => ({ ...v, detail: `${v.detail}: ${top}` })));
    else if (rate.length > 0) this.events.add(`burst after ${kind} (no outage, not bounded): ${during.length} requests: ${top}`);
    await window.stop();
    this.events.add(`fault ended: ${kind}`);
    const recoverFrom = this.session.scheduler.now();
    const converged = await this.converge(kind);
    const recoveredMs = converged === undefined ? undefined : this.session.scheduler.now() - recoverFrom;
    if (recoveredMs !== undefined) this.recoveryMs.push(recoveredMs);
    if (recoveredMs !== undefined && recoveredMs > RECOVERY_BOUND_MS) {
      const meanwhile = this.stuckOn.map((v) => `${v.invariant}: ${v.detail}`).join('; ');
      found.push({ invariant: 'recovery', detail: `took ${(recoveredMs / 1000).toFixed(1)} s (bound ${RECOVERY_BOUND_MS / 1000} s); until then ${meanwhile}` });
    }
    const after = converged ?? (await this.truth());
    if (converged === undefined) found.push(...this.quietChecks(after), notRecovered(this.session.state));
    found.push(...this.feedCheck(before, after), ...this.resourceCheck());
    for (const v of found) this.violations.push({ ...v, round, fault: window.label, lastEvents: this.events.last() });
    return { count: found.length, after, recoveredMs };
  }

  private async finalCheck(round: number, before: Truth): Promise<void> {
    await this.control('DELETE', '/_sim/faults');
    const converged = await this.converge('end');
    const after = converged ?? (await this.truth());
    const found = [...(converged === undefined ? [...this.quietChecks(after), notRecovered(this.session.state)] : []), ...this.feedCheck(before, after), ...this.resourceCheck()];
    for (const v of found) this.violations.push({ ...v, round, fault: 'none (final check)', lastEvents: this.events.last() });
  }

  private faultContext(): FaultContext {
    return {
      control: this.control,
      wakeNetwork: () => this.session.wake.next('network'),
      wakeUnlock: () => this.session.wake.next('unlock'),
      changeSilently: async () => {
        await this.control('POST', '/_sim/silence', { on: true });
        this.events.add('server: silent (no events) from here');
        try {
          await this.world.change(this.rng.int(1, 2));
        } finally {
          await this.control('POST', '/_sim/silence', { on: false });
          this.events.add('server: events again');
        }
      },
      chosenAvailability: () => this.world.chosen.availability,
      sleepFor: async (ms) => {
        await this.control('POST', '/_sim/clock/advance', { seconds: ms / 1000 });
        this.session.scheduler.advanceTo(this.session.scheduler.now() + ms);
        this.session.wake.next('resume');
        await this.session.settle();
      },
    };
  }

  /** Lets `ms` pass: simulated (both clocks moved together) or, for request-loop faults, real. */
  private async pass(ms: number, realTime: boolean): Promise<void> {
    if (realTime) await new Promise((resolve) => setTimeout(resolve, ms));
    else await this.session.advance(ms, 5_000);
    this.drainWarnings();
  }

  /** The invariants that must hold in a quiet period. */
  private quietChecks(truth: Truth): Violation[] {
    return [...contactListMatches(this.session.contacts, truth), ...ownPresenceMatches(this.world.chosen, truth), ...singleApplication(truth, this.endpointId)];
  }

  /** Moves time on until the engine is online and every quiet-period invariant holds; the truth then, or undefined. */
  private async converge(what: string): Promise<Truth | undefined> {
    const start = this.session.scheduler.now();
    this.stuckOn = [];
    for (;;) {
      await this.session.settle();
      this.drainWarnings();
      const truth = await this.truth();
      const failing = this.session.state !== 'online' ? [notRecovered(this.session.state)] : this.endpointId === '' ? [] : this.quietChecks(truth);
      if (failing.length === 0) {
        this.events.add(`recovered after ${what}`);
        return truth;
      }
      this.stuckOn = failing;
      const elapsed = this.session.scheduler.now() - start;
      if (elapsed > RECOVERY_LIMIT_MS) return undefined;
      await this.session.advance(recoveryStep(elapsed), recoveryStep(elapsed));
    }
  }

  private feedCheck(before: Truth, after: Truth): Violation[] {
    const changes = this.changes.slice(this.feedChangesChecked);
    this.feedChangesChecked = this.changes.length;
    const ledger = this.ledger;
    this.ledger = [];
    return changesMatchLedger({ before, after, ledger, changes });
  }

  private resourceCheck(): Violation[] {
    const sample = sampleResources();
    this.maxHeapMb = Math.max(this.maxHeapMb, sample.heapUsedMb);
    this.maxOpenSockets = Math.max(this.maxOpenSockets, sample.openSockets);
    return resourcesBounded(this.baseline, sample);
  }

  /** Moves the simulator's request log into ours (the simulator keeps only the last 10,000). */
  private async drainRequests(): Promise<void> {
    const fresh = await this.session.requests(this.requestSeq);
    this.roundRequests.push(...fresh);
    for (const [kind, n] of Object.entries(countKinds(fresh)) as [RequestKind, number][]) this.kindTotals[kind] += n;
    for (const r of fresh) this.shapeTotals.set(requestShape(r), (this.shapeTotals.get(requestShape(r)) ?? 0) + 1);
    this.requestSeq = fresh.at(-1)?.seq ?? this.requestSeq;
    await this.control('DELETE', '/_sim/requests');
  }

  private drainWarnings(): void {
    for (const line of this.session.warnings.slice(this.warningsSeen)) this.events.add(`engine ${line}`);
    this.warningsSeen = this.session.warnings.length;
  }

  private report(rounds: number): SoakReport {
    return {
      seed: this.options.seed,
      rounds,
      realSeconds: (performance.now() - this.startedReal) / 1000,
      simulatedHours: (this.session.scheduler.now() - this.startedSim) / 3_600_000,
      faultsInjected: this.faultsInjected,
      recoveries: this.recoveryMs.length,
      recoveryMs: this.recoveryMs,
      requestsPerKind: this.kindTotals,
      topRequests: [...this.shapeTotals].sort((a, b) => b[1] - a[1]).slice(0, 12),
      feedChanges: this.changes.length,
      serverChanges: this.serverChanges,
      maxHeapMb: this.maxHeapMb,
      maxOpenSockets: this.maxOpenSockets,
      violations: this.violations,
    };
  }

  async close(): Promise<void> {
    for (const sub of this.subs) sub.unsubscribe();
    await this.session.close();
  }
}

function notRecovered(state: string): Violation {
  return { invariant: 'recovery', detail: `not recovered within ${RECOVERY_LIMIT_MS / 60_000} simulated minutes (session ${state})` };
}
