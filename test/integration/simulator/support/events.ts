/**
 * Event-channel helpers: issue a P-GET and release it by advancing the simulator clock instead of
 * waiting (ucwa-protocol.md §5), then flatten the batch into one row per event.
 */
import { sleep, type Reply } from './http';
import { arr, hasLink, link, obj, str } from './json';
import type { Session } from './ucwa';

/** One event with its sender block flattened in. */
export interface FlatEvent {
  readonly sender: string;
  readonly senderHref: string;
  readonly type: string;
  readonly rel: string;
  readonly href: string;
  readonly inRel?: string;
  readonly inHref?: string;
  readonly embedded?: Record<string, unknown>;
}

/** A P-GET in flight. */
export interface ParkedGet {
  readonly reply: Promise<Reply>;
  isDone(): boolean;
  /** Client-side abort (the server still holds the request until replaced or timed out). */
  abort(): void;
}

/** Issues a P-GET without waiting for it. */
export function startPget(session: Session, url: string): ParkedGet {
  const controller = new AbortController();
  let done = false;
  const reply = session.get(url, { signal: controller.signal });
  reply.then(
    () => (done = true),
    () => (done = true),
  );
  return { reply, isDone: () => done, abort: () => controller.abort() };
}

/**
 * Starts a P-GET and, while it is still parked, advances the clock by each step in turn. Resolves with
 * the reply, or with `undefined` after aborting it when it is still parked after the last step.
 */
export async function pget(session: Session, url: string, steps: number[] = [6, 16, 181]): Promise<Reply | undefined> {
  const parked = startPget(session, url);
  for (const seconds of steps) {
    if (await settle(parked.isDone)) break;
    await session.sim.advance(seconds);
  }
  if (!(await settle(parked.isDone, 40))) {
    parked.abort();
    await parked.reply.catch(() => undefined);
    return undefined;
  }
  return parked.reply;
}

/** Waits a few loopback round trips for `condition`; returns its final value. */
export async function settle(condition: () => boolean, rounds = 8): Promise<boolean> {
  for (let i = 0; i < rounds && !condition(); i += 1) await sleep(15);
  return condition();
}

/** Flattens `sender[].events[]` (absent or empty `sender` → no events). */
export function flatten(batch: unknown, baseUrl: string): FlatEvent[] {
  const body = obj(batch, 'event batch');
  if (body['sender'] === undefined) return [];
  const out: FlatEvent[] = [];
  for (const block of arr(body['sender'], 'sender')) {
    const sender = obj(block, 'sender block');
    for (const entry of arr(sender['events'], 'sender.events')) {
      const event = obj(entry, 'event');
      const eventLink = obj(event['link'], 'event.link');
      const inLink = event['in'] === undefined ? undefined : obj(event['in'], 'event.in');
      out.push({
        sender: str(sender['rel'], 'sender.rel'),
        senderHref: new URL(str(sender['href'], 'sender.href'), baseUrl).toString(),
        type: str(event['type'], 'event.type'),
        rel: str(eventLink['rel'], 'event.link.rel'),
        href: new URL(str(eventLink['href'], 'event.link.href'), baseUrl).toString(),
        ...(inLink === undefined
          ? {}
          : { inRel: str(inLink['rel'], 'in.rel'), inHref: new URL(str(inLink['href'], 'in.href'), baseUrl).toString() }),
        ...(event['_embedded'] === undefined ? {} : { embedded: obj(event['_embedded'], 'event._embedded') }),
      });
    }
  }
  return out;
}

/** The `ack` query value of an events URL. */
export function ackOf(url: string): number {
  return Number(new URL(url).searchParams.get('ack'));
}

/** Follows an application's event channel like a real client: next → resume → resync, in reference order. */
export class EventReader {
  nextUrl: string;
  last: Reply | undefined;

  constructor(
    readonly session: Session,
    firstUrl: string,
  ) {
    this.nextUrl = firstUrl;
  }

  /** One P-GET; advances `nextUrl` when the answer is 200. Throws on other statuses or when still parked. */
  async read(steps?: number[]): Promise<FlatEvent[]> {
    const events = await this.tryRead(steps);
    if (events === undefined) throw new Error(`P-GET ${this.nextUrl} still parked after advancing ${JSON.stringify(steps)}`);
    return events;
  }

  /** Like `read`, but `undefined` (request aborted, `nextUrl` unchanged) when nothing was released. */
  async tryRead(steps?: number[]): Promise<FlatEvent[] | undefined> {
    const reply = await pget(this.session, this.nextUrl, steps);
    if (reply === undefined) return undefined;
    this.last = reply;
    if (reply.status !== 200) throw new Error(`P-GET ${this.nextUrl} → ${reply.status} ${reply.text}`);
    for (const rel of ['resync', 'resume', 'next']) {
      if (hasLink(reply.json, rel)) {
        this.nextUrl = link(reply.json, rel, reply.url);
        break;
      }
    }
    return flatten(reply.json, reply.url);
  }

  /** Reads batches until one contains an event matching `predicate` (at most `maxBatches`). */
  async until(predicate: (e: FlatEvent) => boolean, maxBatches = 4, steps?: number[]): Promise<FlatEvent[]> {
    const seen: FlatEvent[] = [];
    for (let i = 0; i < maxBatches; i += 1) {
      const events = await this.read(steps);
      seen.push(...events);
      if (events.some(predicate)) return seen;
    }
    throw new Error(`no matching event in ${maxBatches} batches: ${JSON.stringify(seen)}`);
  }

  /**
   * Drains what is pending now (advancing past the medium and low windows, never to the P-GET timeout)
   * so later reads start clean.
   */
  async drain(maxBatches = 4): Promise<FlatEvent[]> {
    const seen: FlatEvent[] = [];
    for (let i = 0; i < maxBatches; i += 1) {
      const events = await this.tryRead([16]);
      if (events === undefined) break;
      seen.push(...events);
    }
    return seen;
  }
}
