import type { SimClock, TimerId } from './clock';
import type { SimConfig } from './config';
import { UcwaError } from './errors';
import { clampParam, earliestDeadline, eventsBody, mergeSuperseded, type QueuedEvent, type Windows } from './event-batch';
import { json, type SimResponse } from './http-types';

/** A fault-injected instruction for the next P-GET. */
export type ChannelDirective = 'resync' | 'resume';

interface Parked {
  readonly ack: number;
  readonly priority: number;
  readonly resolve: (res: SimResponse) => void;
  timeoutTimer: TimerId | undefined;
}

export interface EventChannelDeps {
  readonly clock: SimClock;
  readonly config: () => SimConfig;
  /** Path of the events resource, e.g. `/ucwa/oauth/v1/applications/123/events`. */
  readonly path: string;
  /** A P-GET ended (answered or abandoned): the reaping countdown starts. */
  readonly onEnded: () => void;
  /** A P-GET arrived: stop the reaping countdown. */
  readonly onRequest: () => void;
  /** The server reset transient state (resume): drop subscriptions. */
  readonly onResume: () => void;
}

/**
 * One application's event channel, following ucwa-protocol.md §5.3: a single parked P-GET,
 * `next` links with increasing ack, remembered timeout/low/medium params, 409 PGetReplaced,
 * redelivery of a repeated ack, resync for an out-of-range ack, resume after long inactivity.
 */
export class EventChannel {
  private nextAck = 1;
  /** Highest valid ack the client has sent (responses below it are acknowledged). */
  private highestRequested = 1;
  private readonly responses = new Map<number, string>();
  private pending: QueuedEvent[] = [];
  private parked: Parked | undefined;
  private releaseTimer: TimerId | undefined;
  private releaseTimerDue: number | undefined;
  private timeoutSeconds: number | undefined;
  private mediumSeconds: number | undefined;
  private lowSeconds: number | undefined;
  private lastEndedAt: number;
  private closed = false;

  constructor(private readonly deps: EventChannelDeps) {
    this.lastEndedAt = deps.clock.now();
  }

  /** The first events href of the application. */
  get firstHref(): string {
    return this.href(1);
  }

  get isParked(): boolean {
    return this.parked !== undefined;
  }

  /** Queues events; releases the parked P-GET when one is due now, or arms a timer for it. */
  enqueue(events: readonly QueuedEvent[]): void {
    if (this.closed || events.length === 0) return;
    this.pending.push(...events);
    this.releaseIfDue();
  }

  /** Handles `GET events?ack=N…`. */
  handle(url: URL, closed: AbortSignal, directive?: ChannelDirective): Promise<SimResponse> {
    const cfg = this.deps.config();
    const q = url.searchParams;
    if (q.has('timeout')) this.timeoutSeconds = clampParam(q.get('timeout'), cfg.pgetTimeoutSeconds, cfg.pgetTimeoutMin, cfg.pgetTimeoutMax);
    if (q.has('medium')) this.mediumSeconds = clampParam(q.get('medium'), cfg.mediumWindowSeconds, Math.min(5, cfg.mediumWindowSeconds), 1800);
    if (q.has('low')) this.lowSeconds = clampParam(q.get('low'), cfg.lowWindowSeconds, Math.min(5, cfg.lowWindowSeconds), 1800);
    const priority = clampParam(q.get('priority'), 0, 0, Number.MAX_SAFE_INTEGER);
    const ackText = q.get('ack') ?? '';
    const ack = /^\d+$/.test(ackText) ? Number(ackText) : Number.NaN;
    this.deps.onRequest();
    const now = this.deps.clock.now();

    if (this.parked && priority < this.parked.priority) {
      // A lower-priority duplicate loses to the parked one.
      return Promise.resolve(this.replaced());
    }

    if (ack < this.nextAck && this.responses.has(ack)) {
      // The response for this ack was produced but (we assume) lost: send it again.
      this.replaceParked();
      this.highestRequested = Math.max(this.highestRequested, ack);
      this.ended();
      return Promise.resolve(this.bodyResponse(this.responses.get(ack)!));
    }
    if (ack !== this.nextAck || directive === 'resync') {
      this.replaceParked();
      this.ended();
      return Promise.resolve(json(200, { _links: { resync: { href: this.href(this.firstUnacknowledged()) } } }));
    }

    this.highestRequested = ack;
    const inactiveFor = now - this.lastEndedAt;
    if (directive === 'resume' || (ack > 1 && !this.parked && inactiveFor > cfg.resumeAfterSeconds * 1000)) {
      this.replaceParked();
      this.deps.onResume();
      // Resuming resets remembered parameters along with the rest of the transient state.
      this.timeoutSeconds = this.mediumSeconds = this.lowSeconds = undefined;
      return Promise.resolve(this.produce(ack, 'resume'));
    }

    this.replaceParked();
    return new Promise<SimResponse>((resolve) => {
      const entry: Parked = { ack, priority, resolve, timeoutTimer: undefined };
      this.parked = entry;
      const timeout = (this.timeoutSeconds ?? cfg.pgetTimeoutSeconds) * 1000;
      entry.timeoutTimer = this.deps.clock.after(timeout, () => {
        if (this.parked === entry) this.release();
      });
      closed.addEventListener('abort', () => {
        if (this.parked !== entry) return;
        this.deps.clock.cancel(entry.timeoutTimer);
        this.parked = undefined;
        this.ended();
      });
      this.releaseIfDue();
    });
  }

  /** Ends the channel: the parked P-GET (if any) gets `error`; nothing is queued any more. */
  close(error: UcwaError): void {
    this.closed = true;
    this.deps.clock.cancel(this.releaseTimer);
    const parked = this.parked;
    this.parked = undefined;
    if (parked) {
      this.deps.clock.cancel(parked.timeoutTimer);
      parked.resolve(json(error.status, error.body()));
    }
    this.pending = [];
  }

  /** Answers the parked P-GET with a connection drop (simulator shutdown). */
  dropParked(): void {
    const parked = this.parked;
    this.parked = undefined;
    if (parked) {
      this.deps.clock.cancel(parked.timeoutTimer);
      parked.resolve({ status: 0, drop: true });
    }
  }

  private windows(): Windows {
    const cfg = this.deps.config();
    return { mediumMs: (this.mediumSeconds ?? cfg.mediumWindowSeconds) * 1000, lowMs: (this.lowSeconds ?? cfg.lowWindowSeconds) * 1000 };
  }

  private releaseIfDue(): void {
    const deadline = earliestDeadline(this.pending, this.windows());
    if (deadline === undefined) return;
    if (deadline <= this.deps.clock.now()) {
      // Due now: answer the parked P-GET, or the next one as soon as it arrives.
      if (this.parked) this.release();
      return;
    }
    if (this.releaseTimerDue !== undefined && this.releaseTimerDue <= deadline) return;
    this.deps.clock.cancel(this.releaseTimer);
    this.releaseTimerDue = deadline;
    this.releaseTimer = this.deps.clock.at(deadline, () => {
      this.releaseTimer = this.releaseTimerDue = undefined;
      this.releaseIfDue();
    });
  }

  private release(): void {
    const parked = this.parked;
    if (!parked) return;
    this.parked = undefined;
    this.deps.clock.cancel(parked.timeoutTimer);
    parked.resolve(this.produce(parked.ack, 'next'));
  }

  /** Builds, stores and returns the response for `ack`, consuming all queued events. */
  private produce(ack: number, continuation: 'next' | 'resume'): SimResponse {
    const events = mergeSuperseded(this.pending);
    this.pending = [];
    this.deps.clock.cancel(this.releaseTimer);
    this.releaseTimer = this.releaseTimerDue = undefined;
    const links = { self: this.href(ack), [continuation]: this.href(ack + 1) };
    const body = JSON.stringify(eventsBody(links, events, this.deps.config().emptySender));
    this.responses.set(ack, body);
    this.nextAck = ack + 1;
    const keep = Math.max(1, this.deps.config().retainedEventBatches);
    for (const n of this.responses.keys()) if (n <= this.nextAck - 1 - keep) this.responses.delete(n);
    this.ended();
    return this.bodyResponse(body);
  }

  private firstUnacknowledged(): number {
    if (this.highestRequested < this.nextAck && this.responses.has(this.highestRequested)) return this.highestRequested;
    return this.nextAck;
  }

  private replaceParked(): void {
    const parked = this.parked;
    if (!parked) return;
    this.parked = undefined;
    this.deps.clock.cancel(parked.timeoutTimer);
    parked.resolve(this.replaced());
  }

  private replaced(): SimResponse {
    return json(409, new UcwaError(409, 'PGetReplaced', 'The pending event channel request was replaced by a newer request.').body());
  }

  private ended(): void {
    this.lastEndedAt = this.deps.clock.now();
    if (!this.parked) this.deps.onEnded();
  }

  private bodyResponse(body: string): SimResponse {
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' }, body };
  }

  private href(ack: number): string {
    return `${this.deps.path}?ack=${ack}`;
  }
}
