import type { SimControl } from '../../test/support/sim-control';
import type { Prng } from './prng';

/** Every fault the soak can inject. */
export const FAULT_KINDS = [
  'none',
  'drop',
  'dropParked',
  'status5xx',
  'badGateway502',
  'retryAfter503',
  'tokenLoss401',
  'unauthorized401',
  'forbidden403',
  'appGone404',
  'appGone410',
  'pgetReplaced',
  'resync',
  'resume',
  'malformedJson',
  'hungRequest',
  'hungPget',
  'instantAnswers',
  'instantResync',
  'instantResume',
  'subscriptionExpiry',
  'clockJump',
  'simRestart',
  'drift',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** What the runner needs to inject a fault. */
export interface FaultContext {
  readonly control: SimControl;
  /** Tells the engine the network came back (it re-parks its P-GET at once, meeting the fault). */
  wakeNetwork(): void;
  /** Server changes made with the simulator silent: no event tells of them, only a re-read does. */
  changeSilently(): Promise<void>;
  /** The user unlocks the machine (the engine re-checks and republishes). */
  wakeUnlock(): void;
  /** The user's current choice of availability (what a drift moves away from). */
  chosenAvailability(): string | null;
  /** The machine sleeps `ms` and wakes: both clocks jump, the engine's timers fire late, then a resume. */
  sleepFor(ms: number): Promise<void>;
}

/** How long a fault lasts and how it ends. */
export interface FaultWindow {
  /** One line for the event log. */
  readonly label: string;
  /** Simulated ms the fault stays in place (the runner moves both clocks). */
  readonly ms: number;
  /** Let this window pass in real time instead (faults whose harm is a request loop). */
  readonly realTime?: boolean;
  /**
   * The server fails or stalls for the whole window, so the outage request-rate bound applies. A
   * single failed request (an application gone, a reset) is followed by a legitimate burst of re-reads.
   */
  readonly outage?: boolean;
  /** Ends the fault (clears rules, restores config). */
  stop(): Promise<void>;
}

interface FaultDefinition {
  readonly kind: FaultKind;
  start(ctx: FaultContext, rng: Prng): Promise<FaultWindow>;
}

const FOREVER = 1_000_000;

async function rule(control: SimControl, match: { method?: string; path: string }, fault: Record<string, unknown>, times = 1): Promise<void> {
  await control('POST', '/_sim/faults', { match, times, fault });
}

const clearFaults = (control: SimControl) => async (): Promise<void> => {
  await control('DELETE', '/_sim/faults');
};

const nothing = async (): Promise<void> => {};

/** A fault on every UCWA, discovery and token request for a while. */
function outage(kind: FaultKind, fault: (rng: Prng) => Record<string, unknown>, minMs: number, maxMs: number): FaultDefinition {
  return {
    kind,
    start: async (ctx, rng) => {
      const spec = fault(rng);
      await rule(ctx.control, { path: '/' }, spec, FOREVER);
      ctx.wakeNetwork();
      const ms = rng.int(minMs, maxMs);
      return { label: `${kind} ${JSON.stringify(spec)} for ${ms / 1000} s`, ms, outage: true, stop: clearFaults(ctx.control) };
    },
  };
}

/** A fault on the next `times` requests matching one of `paths`, then a while for the engine to meet it. */
function counted(
  kind: FaultKind,
  paths: readonly { method?: string; path: string }[],
  fault: (rng: Prng) => Record<string, unknown>,
  ms: number,
  times = 1,
  outage = false,
): FaultDefinition {
  return {
    kind,
    start: async (ctx, rng) => {
      const match = rng.pick(paths);
      const spec = fault(rng);
      await rule(ctx.control, match, spec, times);
      ctx.wakeNetwork();
      return { label: `${kind} ${JSON.stringify(spec)} ×${times} on ${match.method ?? ''} ${match.path}`, ms, outage, stop: clearFaults(ctx.control) };
    },
  };
}

/**
 * The next P-GET answers with a resync or resume after server changes whose events were lost: only
 * the engine's re-read on the reset brings them in.
 */
function reset(kind: 'resync' | 'resume'): FaultDefinition {
  return {
    kind,
    start: async (ctx) => {
      await ctx.changeSilently();
      await rule(ctx.control, EVENTS, { type: kind }, 1);
      ctx.wakeNetwork();
      return { label: `${kind}: changes with their events lost, then ${kind} on the next P-GET`, ms: 5_000, stop: clearFaults(ctx.control) };
    },
  };
}

/** A simulator config change for a while (real time: the harm is how fast the engine loops). */
function configFor(kind: FaultKind, patch: Record<string, unknown>, restore: Record<string, unknown>, ms: number): FaultDefinition {
  return {
    kind,
    start: async (ctx) => {
      await ctx.control('PATCH', '/_sim/config', patch);
      ctx.wakeNetwork();
      return {
        label: `${kind} ${JSON.stringify(patch)} for ${ms / 1000} s (real time)`,
        ms,
        realTime: true,
        outage: true,
        stop: async () => {
          await ctx.control('PATCH', '/_sim/config', restore);
        },
      };
    },
  };
}

const EVENTS = { method: 'GET', path: '/events' } as const;
/** P-GET hold (180 s) plus the engine's margin, so a fault on the next P-GET is met. */
const PGET_CYCLE_MS = 215_000;

const DEFINITIONS: readonly FaultDefinition[] = [
  {
    kind: 'none',
    start: () => Promise.resolve({ label: 'none: a quiet round (server changes only)', ms: 10_000, stop: nothing }),
  },
  outage('drop', () => ({ type: 'drop' }), 20_000, 90_000),
  counted('dropParked', [EVENTS], () => ({ type: 'drop', afterMs: 100 }), 5_000),
  outage('status5xx', (rng) => ({ type: 'status', status: rng.pick([500, 503, 504]) }), 10_000, 90_000),
  outage('badGateway502', () => ({ type: 'status', status: 502 }), 10_000, 90_000),
  outage('retryAfter503', () => ({ type: 'status', status: 503, retryAfter: 60 }), 60_000, 120_000),
  counted('tokenLoss401', [{ path: '/ucwa/' }], () => ({ type: 'invalidateToken' }), 5_000),
  counted('unauthorized401', [{ path: '/ucwa/' }, EVENTS], () => ({ type: 'status', status: 401, challenge: true }), 10_000, 3),
  counted(
    'forbidden403',
    // Only the P-GET: a 403 on a people read is one the user must fix, so the engine ends in error by design.
    [EVENTS],
    (rng) => (rng.chance(0.5) ? { type: 'status', status: 403, subcode: 'InvalidToken', challenge: true } : { type: 'status', status: 403 }),
    10_000,
  ),
  {
    kind: 'appGone404',
    start: async (ctx) => {
      await ctx.control('POST', '/_sim/users/dana@contoso.com/applications/expire');
      return { label: 'appGone404: every application reaped (404 ApplicationNotFound)', ms: 2_000, stop: nothing };
    },
  },
  {
    kind: 'appGone410',
    start: async (ctx) => {
      await ctx.control('PATCH', '/_sim/config', { reapedStatus: 410 });
      await ctx.control('POST', '/_sim/users/dana@contoso.com/applications/expire');
      return {
        label: 'appGone410: every application reaped (410 InactiveApplicationExpired)',
        ms: 2_000,
        stop: async () => {
          await ctx.control('PATCH', '/_sim/config', { reapedStatus: 404 });
        },
      };
    },
  },
  counted('pgetReplaced', [EVENTS], () => ({ type: 'status', status: 409, code: 'Conflict', subcode: 'PGetReplaced' }), 5_000),
  reset('resync'),
  reset('resume'),
  counted('malformedJson', [EVENTS, { path: '/people/' }, { path: '/me' }, { method: 'POST', path: '/batch' }], () => ({ type: 'malformedJson' }), 10_000, 2),
  counted('hungRequest', [{ path: '/people/' }, { method: 'POST', path: '/batch' }, { path: '/reportMyActivity' }], () => ({ type: 'hang' }), 45_000, 1, true),
  counted('hungPget', [EVENTS], () => ({ type: 'hang' }), PGET_CYCLE_MS + 5_000, 1, true),
  configFor('instantAnswers', { pgetTimeoutMin: 0, pgetTimeoutMax: 0 }, { pgetTimeoutMin: 180, pgetTimeoutMax: 1800 }, 3_000),
  {
    kind: 'instantResync',
    start: async (ctx) => {
      await rule(ctx.control, EVENTS, { type: 'resync' }, FOREVER);
      ctx.wakeNetwork();
      return { label: 'instantResync: every P-GET answered with resync at once, 3 s (real time)', ms: 3_000, realTime: true, outage: true, stop: clearFaults(ctx.control) };
    },
  },
  {
    kind: 'instantResume',
    start: async (ctx) => {
      await rule(ctx.control, EVENTS, { type: 'resume' }, FOREVER);
      ctx.wakeNetwork();
      return { label: 'instantResume: every P-GET answered with resume at once, 3 s (real time)', ms: 3_000, realTime: true, outage: true, stop: clearFaults(ctx.control) };
    },
  },
  {
    kind: 'subscriptionExpiry',
    start: async (ctx, rng) => {
      // Refreshes fail, so both subscriptions run out on the server (30 min) before they work again.
      await rule(ctx.control, { method: 'POST', path: 'subscription' }, { type: 'status', status: 503 }, FOREVER);
      const ms = rng.int(31, 40) * 60_000;
      return { label: `subscriptionExpiry: subscription POSTs answer 503 for ${ms / 60_000} min`, ms, outage: true, stop: clearFaults(ctx.control) };
    },
  },
  {
    kind: 'clockJump',
    start: async (ctx, rng) => {
      const ms = rng.int(16, 25) * 60_000;
      await ctx.sleepFor(ms);
      return { label: `clockJump: the machine slept ${ms / 60_000} min`, ms: 2_000, stop: nothing };
    },
  },
  {
    kind: 'simRestart',
    start: async (ctx) => {
      const { forgotten } = (await ctx.control('POST', '/_sim/restart')) as { forgotten: number };
      return { label: `simRestart: the pool restarted and forgot ${forgotten} application(s)`, ms: 2_000, stop: nothing };
    },
  },
  {
    kind: 'drift',
    start: async (ctx, rng) => {
      // Another endpoint of the user (a phone) publishes something else; then the user unlocks the PC.
      const availability = rng.pick(['Online', 'Busy', 'Away', 'DoNotDisturb', 'BeRightBack'].filter((a) => a !== ctx.chosenAvailability()));
      await ctx.control('PUT', '/_sim/users/dana@contoso.com/presence', { availability });
      ctx.wakeUnlock();
      return { label: `drift: another endpoint published ${availability}, then an unlock`, ms: 5_000, stop: nothing };
    },
  },
];

/** The definition of `kind`. */
export function faultDefinition(kind: FaultKind): FaultDefinition {
  const found = DEFINITIONS.find((d) => d.kind === kind);
  if (found === undefined) throw new Error(`no fault ${kind}`);
  return found;
}

/** Parses a comma-separated list of fault kinds (`all` = every one); throws on an unknown name. */
export function parseFaultList(text: string): FaultKind[] {
  if (text.trim() === 'all') return [...FAULT_KINDS];
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const name of names) if (!(FAULT_KINDS as readonly string[]).includes(name)) throw new Error(`unknown fault ${name} (known: ${FAULT_KINDS.join(', ')})`);
  return names as FaultKind[];
}
