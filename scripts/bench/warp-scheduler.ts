import { type SchedulerAction, type SchedulerLike, Subscription } from 'rxjs';

/** The longest delay a Node timer accepts; longer waits re-arm when they fire. */
const MAX_REAL_DELAY_MS = 2_147_483_647;

/**
 * An RxJS scheduler on the same kind of clock as the simulator's: real time plus an offset that the
 * bench moves forward. Between jumps it behaves like `asyncScheduler` (every action is armed as a
 * real timer), so sign-in, backoff and latency run in real time; `advanceTo` fires the actions that
 * became due in due order with `now()` reading each one's due time, which lets the bench walk the
 * engine and the simulator through days of simulated time together (the engine's reportMyActivity,
 * subscription refreshes and token renewals fire as they would, not never).
 */
export class WarpScheduler implements SchedulerLike {
  private offsetMs = 0;
  private pinnedMs: number | undefined;
  private seq = 0;
  private readonly queue = new Set<WarpAction<unknown>>();
  private stopped = false;

  now(): number {
    return this.pinnedMs ?? Date.now() + this.offsetMs;
  }

  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    return new WarpAction<T>(this, work).schedule(state, delay);
  }

  /** Due time of the earliest queued action, if any. */
  nextDue(): number | undefined {
    let best: number | undefined;
    for (const action of this.queue) if (best === undefined || action.due < best) best = action.due;
    return best;
  }

  /** Moves the clock to `target` (epoch ms), firing every action due by then, in order. */
  advanceTo(target: number): void {
    for (;;) {
      const next = this.earliest(target);
      if (next === undefined) break;
      this.pinnedMs = Math.max(next.due, this.pinnedMs ?? this.now());
      next.run();
    }
    this.pinnedMs = undefined;
    this.offsetMs = Math.max(target, this.now()) - Date.now();
    for (const action of this.queue) action.arm();
  }

  /** Clears every real timer; later schedules are ignored (end of the bench). */
  stop(): void {
    this.stopped = true;
    for (const action of this.queue) action.disarm();
    this.queue.clear();
  }

  /** @internal */
  enqueue(action: WarpAction<unknown>): number {
    if (!this.stopped) this.queue.add(action);
    return ++this.seq;
  }

  /** @internal */
  dequeue(action: WarpAction<unknown>): void {
    this.queue.delete(action);
  }

  /** @internal */
  isQueued(action: WarpAction<unknown>): boolean {
    return this.queue.has(action);
  }

  private earliest(limit: number): WarpAction<unknown> | undefined {
    let best: WarpAction<unknown> | undefined;
    for (const action of this.queue) {
      if (action.due > limit) continue;
      if (best === undefined || action.due < best.due || (action.due === best.due && action.order < best.order)) best = action;
    }
    return best;
  }
}

class WarpAction<T> extends Subscription implements SchedulerAction<T> {
  due = 0;
  order = 0;
  private state: T | undefined;
  private real: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly scheduler: WarpScheduler,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super(() => {
      this.disarm();
      this.scheduler.dequeue(this as WarpAction<unknown>);
    });
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.state = state;
    this.due = this.scheduler.now() + Math.max(0, delay);
    this.order = this.scheduler.enqueue(this as WarpAction<unknown>);
    this.arm();
    return this;
  }

  run(): void {
    this.disarm();
    this.scheduler.dequeue(this as WarpAction<unknown>);
    try {
      this.work.call(this, this.state);
    } catch (error) {
      this.unsubscribe();
      throw error;
    }
  }

  arm(): void {
    this.disarm();
    if (!this.scheduler.isQueued(this as WarpAction<unknown>)) return;
    const delay = Math.min(Math.max(0, this.due - this.scheduler.now()), MAX_REAL_DELAY_MS);
    this.real = setTimeout(() => {
      this.real = undefined;
      if (!this.scheduler.isQueued(this as WarpAction<unknown>)) return;
      if (this.due <= this.scheduler.now()) this.run();
      else this.arm();
    }, delay);
  }

  disarm(): void {
    if (this.real !== undefined) clearTimeout(this.real);
    this.real = undefined;
  }
}
