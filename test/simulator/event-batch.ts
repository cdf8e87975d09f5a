/**
 * Pure helpers for the event channel (ucwa-protocol.md §5.2): queued events, aggregation of
 * superseded events, release deadlines and the response body.
 */
export type EventPriority = 'high' | 'medium' | 'low';

export interface HalLink {
  readonly rel: string;
  readonly href: string;
}

export interface QueuedEvent {
  readonly sender: HalLink;
  readonly link: HalLink;
  readonly in?: HalLink;
  readonly type: 'added' | 'updated' | 'deleted' | 'started' | 'completed';
  readonly embedded?: Readonly<Record<string, unknown>>;
  readonly priority: EventPriority;
  /** Simulated ms when it was raised. */
  readonly queuedAt: number;
}

export interface Windows {
  readonly mediumMs: number;
  readonly lowMs: number;
}

/** When an event must go out at the latest; high priority goes out at once. */
export function releaseDeadline(event: QueuedEvent, windows: Windows): number {
  switch (event.priority) {
    case 'high':
      return event.queuedAt;
    case 'medium':
      return event.queuedAt + windows.mediumMs;
    case 'low':
      return event.queuedAt + windows.lowMs;
  }
}

/** The earliest deadline among queued events, or undefined when none is queued. */
export function earliestDeadline(events: readonly QueuedEvent[], windows: Windows): number | undefined {
  let best: number | undefined;
  for (const e of events) {
    const d = releaseDeadline(e, windows);
    if (best === undefined || d < best) best = d;
  }
  return best;
}

/**
 * Aggregation: an `updated` event for a resource supersedes an earlier `updated` for the same
 * resource still in the queue (only the newest state matters), keeping the later position.
 */
export function mergeSuperseded(events: readonly QueuedEvent[]): QueuedEvent[] {
  // One pass from the end: the last `updated` of each resource is kept, earlier ones are dropped
  // (linear, so a subscription to thousands of contacts does not cost the server seconds).
  const seen = new Set<string>();
  const kept: QueuedEvent[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'updated') {
      const key = `${e.link.rel} ${e.link.href}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    kept.push(e);
  }
  return kept.reverse();
}

/** Serialises events as sender blocks, one block per run of the same sender (global order kept). */
export function senderBlocks(events: readonly QueuedEvent[]): Record<string, unknown>[] {
  const blocks: { rel: string; href: string; events: Record<string, unknown>[] }[] = [];
  for (const e of events) {
    let block = blocks[blocks.length - 1];
    if (!block || block.rel !== e.sender.rel || block.href !== e.sender.href) {
      block = { rel: e.sender.rel, href: e.sender.href, events: [] };
      blocks.push(block);
    }
    const out: Record<string, unknown> = { link: { rel: e.link.rel, href: e.link.href } };
    if (e.in) out['in'] = { rel: e.in.rel, href: e.in.href };
    if (e.embedded) out['_embedded'] = e.embedded;
    out['type'] = e.type;
    block.events.push(out);
  }
  return blocks;
}

export interface EventsBodyLinks {
  readonly self: string;
  readonly next?: string;
  readonly resume?: string;
  readonly resync?: string;
}

/** The body of a P-GET response. `emptySender` decides how an empty response spells `sender`. */
export function eventsBody(links: EventsBodyLinks, events: readonly QueuedEvent[], emptySender: 'array' | 'omit'): Record<string, unknown> {
  const l: Record<string, { href: string }> = { self: { href: links.self } };
  if (links.next) l['next'] = { href: links.next };
  if (links.resume) l['resume'] = { href: links.resume };
  if (links.resync) l['resync'] = { href: links.resync };
  const body: Record<string, unknown> = { _links: l };
  if (events.length > 0 || emptySender === 'array') body['sender'] = senderBlocks(events);
  return body;
}

/** Clamps a client-supplied P-GET parameter into [min, max]; NaN/absent → fallback. */
export function clampParam(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}
