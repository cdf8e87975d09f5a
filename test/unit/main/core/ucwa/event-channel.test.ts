import { defer, finalize, merge, type Observable, of, tap, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import {
  type ChannelMessage,
  eventChannel$,
  parseEventsPage,
  type RetryNotice,
  retryTransient,
} from '../../../../../main/core/ucwa/event-channel';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const APP = 'https://fe.contoso.com/ucwa/oauth/v1/applications/101';
const ev = (ack: number): string => `${APP}/events?ack=${ack}`;

describe('parseEventsPage', () => {
  it('flattens sender blocks in order with absolute hrefs and absolutized embedded links', () => {
    const page = parseEventsPage(
      {
        _links: { self: { href: '/ucwa/oauth/v1/applications/101/events?ack=9' }, next: { href: '/ucwa/oauth/v1/applications/101/events?ack=10' } },
        sender: [
          {
            rel: 'people',
            href: '/ucwa/oauth/v1/applications/101/people',
            events: [
              {
                link: { rel: 'contactPresence', href: '/ucwa/oauth/v1/applications/101/people/sarad@contoso.com/presence' },
                in: { rel: 'contact', href: '/ucwa/oauth/v1/applications/101/people/sarad@contoso.com' },
                type: 'updated',
              },
            ],
          },
          {
            rel: 'me',
            href: '/ucwa/oauth/v1/applications/101/me',
            events: [
              {
                link: { rel: 'presence', href: 'me/presence' },
                type: 'updated',
                _embedded: { presence: { availability: 'Busy', _links: { self: { href: '/p' } } } },
              },
              { link: { rel: 'x', href: '/x' }, type: 'exploded' },
              { type: 'added' },
            ],
          },
        ],
      },
      ev(9),
    );
    expect(page.next).toBe(ev(10));
    expect(page.events).toHaveLength(2);
    expect(page.events[0]).toEqual({
      sender: { rel: 'people', href: `${APP}/people` },
      type: 'updated',
      link: { rel: 'contactPresence', href: `${APP}/people/sarad@contoso.com/presence` },
      in: { rel: 'contact', href: `${APP}/people/sarad@contoso.com` },
    });
    expect(page.events[1]?.link.href).toBe(`${APP}/me/presence`);
    expect(page.events[1]?.embedded).toEqual({ availability: 'Busy', _links: { self: { href: 'https://fe.contoso.com/p' } } });
  });

  it('treats a missing sender as an empty page and reads resync/resume', () => {
    expect(parseEventsPage({ _links: { next: { href: ev(2) } } }, ev(1)).events).toEqual([]);
    expect(parseEventsPage({ _links: { resync: { href: ev(4) } } }, ev(9)).resync).toBe(ev(4));
    expect(parseEventsPage({ _links: { resume: { href: ev(2) } }, sender: [] }, ev(1)).resume).toBe(ev(2));
    expect(() => parseEventsPage('nope', ev(1))).toThrow(UcwaError);
  });
});

/** A client whose answers per URL (without query) are queued observables, consumed in order. */
function scriptedClient(script: Record<string, Observable<unknown>[]>) {
  const requests: ResourceRequest[] = [];
  let outstanding = 0;
  let maxOutstanding = 0;
  const client: ResourceClient = {
    request: (request) =>
      defer(() => {
        requests.push(request);
        outstanding += 1;
        maxOutstanding = Math.max(maxOutstanding, outstanding);
        const next = script[request.href]?.shift();
        if (next === undefined) throw new Error(`unscripted request ${request.href}`);
        let answered = false;
        const settle = (): void => {
          if (!answered) outstanding -= 1;
          answered = true;
        };
        return (next as Observable<ResourceResponse>).pipe(tap({ next: settle, error: settle }), finalize(settle));
      }),
  };
  return { client, requests, maxOutstanding: () => maxOutstanding };
}

const respond = (url: string, body: unknown): ResourceResponse => ({ url, status: 200, headers: {}, body, text: '' });
const nextPage = (ack: number, events: unknown[] = []): ResourceResponse =>
  respond(ev(ack), { _links: { self: { href: ev(ack) }, next: { href: ev(ack + 1) } }, sender: events.length ? [{ rel: 'me', href: `${APP}/me`, events }] : [] });
const meUpdated = { link: { rel: 'me', href: `${APP}/me` }, type: 'updated' };
const http = (status: number, extra: Record<string, unknown> = {}): UcwaError =>
  new UcwaError('http', `answered ${status}`, { status, ...extra });

function channelOptions(scheduler: TestScheduler, notices: RetryNotice[]) {
  return {
    scheduler,
    backoff: { baseMs: 100, maxMs: 400 },
    random: () => 0,
    pgetTimeoutSeconds: 180,
    httpMarginMs: 30_000,
    onRetry: (notice: RetryNotice) => notices.push(notice),
    probe: () => of(true),
  };
}

describe('eventChannel$ (virtual time)', () => {
  it('keeps exactly one P-GET outstanding, follows next and adds its own timeout param', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const { client, requests, maxOutstanding } = scriptedClient({
        [ev(1)]: [cold('10ms (a|)', { a: nextPage(1, [meUpdated]) })],
        [ev(2)]: [cold('10ms (a|)', { a: nextPage(2) })],
        [ev(3)]: [cold('10ms (a|)', { a: nextPage(3, [meUpdated]) })],
        [ev(4)]: [cold('-')],
      });
      const messages$ = eventChannel$(client, ev(1), channelOptions(scheduler, []));
      const events = (): ChannelMessage => ({
        kind: 'events',
        events: [{ sender: { rel: 'me', href: `${APP}/me` }, type: 'updated', link: { rel: 'me', href: `${APP}/me` } }],
      });
      expectObservable(messages$, '^ 100ms !').toBe('10ms a 19ms b', { a: events(), b: events() });
      scheduler.flush();
      expect(requests.map((r) => r.href)).toEqual([ev(1), ev(2), ev(3), ev(4)]);
      expect(requests.every((r) => r.query?.['timeout'] === '180' && r.timeoutMs === 210_000)).toBe(true);
      expect(maxOutstanding()).toBe(1);
    });
  });

  it('retries the SAME url with capped exponential backoff, honouring Retry-After', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const notices: RetryNotice[] = [];
      const { client, requests } = scriptedClient({
        [ev(1)]: [
          cold('5ms #', undefined, http(503)),
          cold('5ms #', undefined, new UcwaError('network', 'reset')),
          cold('5ms #', undefined, http(503, { retryAfter: 1 })),
          cold('5ms (a|)', { a: nextPage(1, [meUpdated]) }),
        ],
        [ev(2)]: [cold('-')],
      });
      const messages$ = eventChannel$(client, ev(1), channelOptions(scheduler, notices));
      // 5 + 50 (attempt 1: half of 100) + 5 + 100 (attempt 2) + 5 + 1000 (Retry-After) + 5 = 1170
      expectObservable(messages$, '^ 2s !').toBe('1170ms a', {
        a: { kind: 'events', events: [expect.objectContaining({ type: 'updated' })] },
      });
      scheduler.flush();
      expect(notices.map((n) => [n.attempt, n.delayMs])).toEqual([[1, 50], [2, 100], [3, 1000]]);
      expect(requests.map((r) => r.href)).toEqual([ev(1), ev(1), ev(1), ev(1), ev(2)]);
    });
  });

  it('hands non-transient errors (application gone) to its owner without retrying', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const gone = http(404, { subcode: 'ApplicationNotFound' });
      const { client } = scriptedClient({ [ev(1)]: [cold('5ms #', undefined, gone)] });
      expectObservable(eventChannel$(client, ev(1), channelOptions(scheduler, []))).toBe('5ms #', undefined, gone);
    });
  });

  it('retries a replaced P-GET and a probe that fails counts as another attempt', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const notices: RetryNotice[] = [];
      const { client } = scriptedClient({
        [ev(1)]: [cold('5ms #', undefined, http(409, { subcode: 'PGetReplaced' })), cold('5ms (a|)', { a: nextPage(1, [meUpdated]) })],
        [ev(2)]: [cold('-')],
      });
      let probes = 0;
      const options = {
        ...channelOptions(scheduler, notices),
        probe: () => (++probes === 1 ? throwError(() => http(503)) : of(true)),
      };
      // 5 + 50 (attempt 1) → probe fails → 100 (attempt 2) → probe ok → 5
      expectObservable(eventChannel$(client, ev(1), options), '^ 1s !').toBe('160ms a', {
        a: { kind: 'events', events: [expect.anything()] },
      });
      scheduler.flush();
      expect(notices.map((n) => n.attempt)).toEqual([1, 2]);
    });
  });

  it('follows resync and resume links and says so', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const { client, requests } = scriptedClient({
        [ev(7)]: [cold('1ms (a|)', { a: respond(ev(7), { _links: { resync: { href: ev(3) } } }) })],
        [ev(3)]: [cold('1ms (a|)', { a: respond(ev(3), { _links: { resume: { href: ev(4) } }, sender: [] }) })],
        [ev(4)]: [cold('-')],
      });
      expectObservable(eventChannel$(client, ev(7), channelOptions(scheduler, [])), '^ 10ms !').toBe('1ms a b', {
        a: { kind: 'resync' },
        b: { kind: 'resume' },
      });
      scheduler.flush();
      expect(requests.map((r) => r.href)).toEqual([ev(7), ev(3), ev(4)]);
    });
  });

  it('unsubscribing tears down the parked request', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const parked = cold('-');
      const { client } = scriptedClient({ [ev(1)]: [parked] });
      expectObservable(eventChannel$(client, ev(1), channelOptions(scheduler, [])), '^ 50ms !').toBe('');
      expectSubscriptions(parked.subscriptions).toBe('^ 50ms !');
    });
  });
});

describe('retryTransient with a shared counter', () => {
  it('backs off the whole session: a second failing stream continues the first one\'s attempts', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const notices: RetryNotice[] = [];
      const counter = { attempt: 0 };
      const options = { ...channelOptions(scheduler, notices), counter };
      const failOnce = (value: string) => {
        let calls = 0;
        return defer(() => (++calls === 1 ? cold('1ms #', undefined, http(503)) : cold('1ms (a|)', { a: value })));
      };
      const merged$ = merge(failOnce('x').pipe(retryTransient(options)), failOnce('y').pipe(retryTransient(options)));
      // Both fail at 1 ms: attempts 1 (50 ms) and 2 (100 ms) — not two attempt-1 retries.
      expectObservable(merged$).toBe('52ms x 49ms (y|)', { x: 'x', y: 'y' });
      scheduler.flush();
      expect(notices.map((n) => [n.attempt, n.delayMs])).toEqual([[1, 50], [2, 100]]);
    });
  });
});
