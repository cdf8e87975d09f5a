/**
 * The simulator's clock: real time plus an offset that tests can move forward.
 *
 * Timers are kept in a queue keyed by simulated due time. Each one is also armed as a real
 * timer, so a live demo sees aggregation windows and P-GET timeouts pass in real time; an
 * `advance` fires everything now due, in due order, with `now()` reading each timer's own due
 * time while it runs (so chained timers — idle, then away — land where they would have).
 */
export type TimerId = number;

interface QueuedTimer {
  readonly id: TimerId;
  readonly due: number;
  readonly fn: () => void;
  real: ReturnType<typeof setTimeout> | undefined;
}

/** The longest delay a Node timer accepts; longer waits re-arm when it fires. */
const MAX_REAL_DELAY_MS = 2_147_483_647;

export class SimClock {
  private offsetMs = 0;
  /** While `advance` walks the queue, the time it has reached (never ahead of the target). */
  private pinnedMs: number | undefined;
  private nextId = 1;
  private readonly timers = new Map<TimerId, QueuedTimer>();
  private stopped = false;

  constructor(private readonly realNow: () => number = () => Date.now()) {}

  /** Simulated epoch milliseconds. */
  now(): number {
    return this.pinnedMs ?? this.realNow() + this.offsetMs;
  }

  /** Runs `fn` once the simulated clock reaches `due` (epoch ms). */
  at(due: number, fn: () => void): TimerId {
    const timer: QueuedTimer = { id: this.nextId++, due, fn, real: undefined };
    this.timers.set(timer.id, timer);
    this.arm(timer);
    return timer.id;
  }

  /** Runs `fn` after `ms` simulated milliseconds. */
  after(ms: number, fn: () => void): TimerId {
    return this.at(this.now() + ms, fn);
  }

  cancel(id: TimerId | undefined): void {
    if (id === undefined) return;
    const timer = this.timers.get(id);
    if (!timer) return;
    if (timer.real !== undefined) clearTimeout(timer.real);
    this.timers.delete(id);
  }

  /** Moves simulated time forward and fires, in order, every timer that became due. */
  advance(seconds: number): void {
    if (!(seconds >= 0)) throw new RangeError('seconds must be a non-negative number');
    const target = this.now() + seconds * 1000;
    for (;;) {
      const next = this.earliestDue(target);
      if (!next) break;
      this.pinnedMs = Math.max(next.due, this.pinnedMs ?? this.now());
      this.fire(next);
    }
    this.pinnedMs = undefined;
    this.offsetMs = target - this.realNow();
    for (const timer of this.timers.values()) this.arm(timer);
  }

  /** Number of queued timers (for tests and diagnostics). */
  pending(): number {
    return this.timers.size;
  }

  /** Cancels everything; later `at` calls are ignored. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) if (timer.real !== undefined) clearTimeout(timer.real);
    this.timers.clear();
  }

  private earliestDue(limit: number): QueuedTimer | undefined {
    let best: QueuedTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.due <= limit && (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id))) {
        best = timer;
      }
    }
    return best;
  }

  private fire(timer: QueuedTimer): void {
    if (timer.real !== undefined) clearTimeout(timer.real);
    this.timers.delete(timer.id);
    timer.fn();
  }

  private arm(timer: QueuedTimer): void {
    if (this.stopped) {
      this.timers.delete(timer.id);
      return;
    }
    if (timer.real !== undefined) clearTimeout(timer.real);
    // During an advance the walk itself fires due timers; only arm real timers for later ones.
    const delay = Math.min(Math.max(0, timer.due - this.now()), MAX_REAL_DELAY_MS);
    timer.real = setTimeout(() => {
      timer.real = undefined;
      if (!this.timers.has(timer.id)) return;
      if (timer.due <= this.now()) this.fire(timer);
      else this.arm(timer);
    }, delay);
    timer.real.unref?.();
  }
}
