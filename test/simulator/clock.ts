/**
 * The simulator's clock: real time plus an offset that tests can move forward.
 *
 * Timers are kept in a queue keyed by simulated due time. ONE real timer is armed for the earliest
 * of them, so a live demo sees aggregation windows and P-GET timeouts pass in real time; an
 * `advance` fires everything now due, in due order, with `now()` reading each timer's own due
 * time while it runs (so chained timers — idle, then away — land where they would have).
 *
 * Why one real timer and not one per queued timer: re-arming thousands of unref'd Node timers on
 * every advance left their internal timer lists alive until the original (hours-away) expiry —
 * about 1 MB of heap per simulated day in the bench's soak.
 */
export type TimerId = number;

interface QueuedTimer {
  readonly id: TimerId;
  readonly due: number;
  readonly fn: () => void;
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
  /** The single real timer, and the simulated time it was armed for. */
  private wake: ReturnType<typeof setTimeout> | undefined;
  private wakeDue = Number.POSITIVE_INFINITY;

  constructor(private readonly realNow: () => number = () => Date.now()) {}

  /** Simulated epoch milliseconds. */
  now(): number {
    return this.pinnedMs ?? this.realNow() + this.offsetMs;
  }

  /** Runs `fn` once the simulated clock reaches `due` (epoch ms). */
  at(due: number, fn: () => void): TimerId {
    const timer: QueuedTimer = { id: this.nextId++, due, fn };
    if (this.stopped) return timer.id;
    this.timers.set(timer.id, timer);
    // Only an earlier timer moves the wake-up; later ones are found when it fires.
    if (due < this.wakeDue) this.armWake();
    return timer.id;
  }

  /** Runs `fn` after `ms` simulated milliseconds. */
  after(ms: number, fn: () => void): TimerId {
    return this.at(this.now() + ms, fn);
  }

  /** Forgets a timer. The wake-up stays armed; when it fires it simply finds less to do. */
  cancel(id: TimerId | undefined): void {
    if (id !== undefined) this.timers.delete(id);
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
    // The offset moved, so the real delay to the earliest timer changed.
    this.armWake();
  }

  /** Number of queued timers (for tests and diagnostics). */
  pending(): number {
    return this.timers.size;
  }

  /** Cancels everything; later `at` calls are ignored. */
  stop(): void {
    this.stopped = true;
    this.timers.clear();
    this.disarmWake();
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
    this.timers.delete(timer.id);
    timer.fn();
  }

  /** Real time reached the wake-up: fire what is due, then arm for the next one. */
  private runDue(): void {
    for (;;) {
      const next = this.earliestDue(this.now());
      if (!next) break;
      this.fire(next);
    }
    this.armWake();
  }

  private disarmWake(): void {
    if (this.wake !== undefined) clearTimeout(this.wake);
    this.wake = undefined;
    this.wakeDue = Number.POSITIVE_INFINITY;
  }

  private armWake(): void {
    this.disarmWake();
    // During an advance the walk itself fires due timers and arms at its end.
    if (this.stopped || this.pinnedMs !== undefined) return;
    const next = this.earliestDue(Number.POSITIVE_INFINITY);
    if (!next) return;
    this.wakeDue = next.due;
    const delay = Math.min(Math.max(0, next.due - this.now()), MAX_REAL_DELAY_MS);
    this.wake = setTimeout(() => {
      this.wake = undefined;
      this.wakeDue = Number.POSITIVE_INFINITY;
      this.runDue();
    }, delay);
    // A forgotten simulator must not keep a test process alive; stop() clears it anyway.
    this.wake.unref?.();
  }
}
