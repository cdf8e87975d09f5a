import { defer, finalize, merge, type Observable, of, Subject, tap, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import {
  type ChannelMessage,
  eventChannel$,
  healthyAfter,
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

describe('parseEventsPage, field by field', () => {
  const parseOne = (event: unknown, sender: Record<string, unknown> = { rel: 'people', href: '/people' }) =>
    parseEventsPage({ _links: { next: { href: ev(2) } }, sender: [{ ...sender, events: [event] }] }, ev(1));

  it('keeps title, in, status, reason and the embedded resource named by the link, and nothing it was not sent', () => {
    const page = parseOne({
      type: 'completed',
      link: { rel: 'contact', href: '/people/sara', title: 'Sara Davis' },
      in: { rel: 'group', href: '/groups/1' },
      status: 'Success',
      reason: { code: 'Gone', subcode: 'Removed', message: 'left the company', extra: 7 },
      _embedded: { contact: { name: 'Sara', _links: { self: { href: '/people/sara' } } }, group: { name: 'Team' } },
    });
    expect(page).toStrictEqual({
      events: [
        {
          sender: { rel: 'people', href: 'https://fe.contoso.com/people' },
          type: 'completed',
          link: { rel: 'contact', href: 'https://fe.contoso.com/people/sara', title: 'Sara Davis' },
          in: { rel: 'group', href: 'https://fe.contoso.com/groups/1' },
          embedded: { name: 'Sara', _links: { self: { href: 'https://fe.contoso.com/people/sara' } } },
          status: 'Success',
          reason: { code: 'Gone', subcode: 'Removed', message: 'left the company' },
        },
      ],
      next: ev(2),
    });
  });

  it('a bare event has only sender, type and link; a reason keeps only its string fields', () => {
    expect(parseOne({ type: 'added', link: { href: '/people/sara', title: 42 }, in: 'not a link', status: 3, reason: 'x' }, { href: '/p' }))
      .toStrictEqual({
        events: [{ sender: { rel: '', href: 'https://fe.contoso.com/p' }, type: 'added', link: { rel: '', href: 'https://fe.contoso.com/people/sara' } }],
        next: ev(2),
      });
    expect(parseOne({ type: 'deleted', link: { rel: 'c', href: '/c' }, reason: { code: 'Gone', subcode: 5 } }).events[0]?.reason).toStrictEqual({
      code: 'Gone',
    });
    expect(parseOne({ type: 'deleted', link: { rel: 'c', href: '/c' }, reason: { message: 'why' } }).events[0]?.reason).toStrictEqual({
      message: 'why',
    });
    expect(parseOne({ type: 'deleted', link: { rel: 'c', href: '/c' }, reason: { subcode: 'S' } }).events[0]?.reason).toStrictEqual({
      subcode: 'S',
    });
  });

  it('an embedded resource under another name is taken only when it is the only one', () => {
    const single = parseOne({ type: 'updated', link: { rel: 'presence', href: '/p' }, _embedded: { contactPresence: { availability: 'Away' } } });
    expect(single.events[0]?.embedded).toStrictEqual({ availability: 'Away' });
    const several = parseOne({ type: 'updated', link: { rel: 'presence', href: '/p' }, _embedded: { a: { x: 1 }, b: { x: 2 } } });
    expect(several.events[0]).not.toHaveProperty('embedded');
  });

  it('skips sender blocks without an href and events without a known type or a readable link', () => {
    const page = parseEventsPage(
      {
        _links: { next: { href: ev(2) } },
        sender: [
          { rel: 'lost', events: [{ type: 'added', link: { rel: 'a', href: '/a' } }] },
          'not a block',
          {
            rel: 'me',
            href: '/me',
            events: [
              { type: 'renamed', link: { rel: 'a', href: '/a' } },
              { type: 'added', link: { rel: 'nohref' } },
              { type: 'added', link: 'not a link' },
              { type: 7, link: { rel: 'a', href: '/a' } },
              { type: 'started', link: { rel: 'kept', href: '/kept' } },
            ],
          },
        ],
      },
      ev(1),
    );
    expect(page.events.map((e) => [e.sender.rel, e.type, e.link.rel])).toEqual([['me', 'started', 'kept']]);
  });

  it('a page has only the links it was sent, and an answer that is not an object is refused by name', () => {
    expect(parseEventsPage({ _links: { resync: { href: ev(4) } } }, ev(9))).toStrictEqual({ events: [], resync: ev(4) });
    expect(parseEventsPage({ _links: { resume: { href: ev(5) } } }, ev(9))).toStrictEqual({ events: [], resume: ev(5) });
    expect(parseEventsPage({ _links: { next: { href: ev(6) } } }, ev(9))).toStrictEqual({ events: [], next: ev(6) });
    expect(() => parseEventsPage([], ev(1))).toThrow(/event channel answer/);
  });
});

describe('eventChannel$ pacing and its first request', () => {
  it('asks at once on subscribe, then no sooner than minIntervalMs after the previous start when the server answers at once', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold }) => {
      const { client, requests } = scriptedClient({
        [ev(1)]: [cold('(a|)', { a: nextPage(1) })],
        [ev(2)]: [cold('30ms (a|)', { a: nextPage(2) })],
        [ev(3)]: [cold('150ms (a|)', { a: nextPage(3) })],
        [ev(4)]: [cold('-')],
      });
      const started: [string, number][] = [];
      const spied: ResourceClient = {
        request: (request) => defer(() => {
          started.push([request.href, scheduler.now()]);
          return client.request(request);
        }),
      };
      const subscription = eventChannel$(spied, ev(1), { ...channelOptions(scheduler, []), minIntervalMs: 100 }).subscribe();
      // Sent synchronously on subscribe: no scheduler turn before the first P-GET.
      expect(started).toEqual([[ev(1), 0]]);
      scheduler.flush();
      // 0 → answered at once → waits to 100; answered at 130 → 200; answered at 350 (past the spacing) → at once.
      expect(started).toEqual([[ev(1), 0], [ev(2), 100], [ev(3), 200], [ev(4), 350]]);
      expect(requests.every((r) => r.method === 'GET')).toBe(true);
      subscription.unsubscribe();
    });
  });

  it('without minIntervalMs an instant answer is followed at once', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold }) => {
      const { client, requests } = scriptedClient({
        [ev(1)]: [cold('(a|)', { a: nextPage(1) })],
        [ev(2)]: [cold('(a|)', { a: nextPage(2) })],
        [ev(3)]: [cold('-')],
      });
      const at: number[] = [];
      const spied: ResourceClient = { request: (request) => defer(() => (at.push(scheduler.now()), client.request(request))) };
      const subscription = eventChannel$(spied, ev(1), channelOptions(scheduler, [])).subscribe();
      scheduler.flush();
      expect(requests.map((r) => r.href)).toEqual([ev(1), ev(2), ev(3)]);
      expect(at).toEqual([0, 0, 0]);
      subscription.unsubscribe();
    });
  });

  it('an answer without a next link is a malformed failure: retried at the same URL, never followed into nowhere', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const notices: RetryNotice[] = [];
      const { client, requests } = scriptedClient({
        [ev(1)]: [cold('5ms (a|)', { a: respond(ev(1), { _links: {}, sender: [] }) }), cold('5ms (a|)', { a: nextPage(1, [meUpdated]) })],
        [ev(2)]: [cold('-')],
      });
      expectObservable(eventChannel$(client, ev(1), channelOptions(scheduler, notices)), '^ 100ms !').toBe('60ms a', {
        a: { kind: 'events', events: [expect.objectContaining({ type: 'updated' })] },
      });
      scheduler.flush();
      expect(requests.map((r) => r.href)).toEqual([ev(1), ev(1), ev(2)]);
      expect(notices.map((n) => n.error)).toEqual([expect.objectContaining({ kind: 'malformed', message: expect.stringMatching(/next link/) })]);
    });
  });
});

describe('healthyAfter', () => {
  it('completes with its source and then never calls onHealthy', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      let healthy = 0;
      expectObservable(cold('5ms |').pipe(healthyAfter(50, scheduler, () => (healthy += 1)))).toBe('5ms |');
      scheduler.flush();
      expect(healthy).toBe(0);
    });
  });

  it('unsubscribing before the grace cancels both the grace and the source', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      let healthy = 0;
      const parked = cold('-');
      expectObservable(parked.pipe(healthyAfter(50, scheduler, () => (healthy += 1))), '^ 10ms !').toBe('');
      expectSubscriptions(parked.subscriptions).toBe('^ 10ms !');
      scheduler.flush();
      expect(healthy).toBe(0);
    });
  });

  it('calls onHealthy once when the source neither answers nor fails within the grace', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const at: number[] = [];
      expectObservable(cold('80ms a').pipe(healthyAfter(50, scheduler, () => at.push(scheduler.now()))), '^ 100ms !').toBe('80ms a');
      scheduler.flush();
      expect(at).toEqual([50]);
    });
  });
});

describe('retryTransient without the optional hooks, and its outage bookkeeping', () => {
  const bare = (scheduler: TestScheduler) => ({ scheduler, backoff: { baseMs: 100, maxMs: 400 }, random: () => 0 });
  const failThen = (scheduler: TestScheduler, then: string, values?: Record<string, string>) => {
    let calls = 0;
    return defer(() => (++calls === 1 ? scheduler.createColdObservable('1ms #', undefined, http(503)) : scheduler.createColdObservable(then, values)));
  };

  it('retries with neither onRetry nor probe', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ expectObservable }) => {
      // 1 ms failure, 50 ms backoff (attempt 1, no probe), 1 ms answer.
      expectObservable(failThen(scheduler, '1ms (a|)', { a: 'a' }).pipe(retryTransient(bare(scheduler)))).toBe('52ms (a|)', { a: 'a' });
    });
  });

  it('the outage ends on the first answer even when the stream stays open, and on a completion without one', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ expectObservable }) => {
      const recovered: number[] = [];
      const options = { ...bare(scheduler), onRecovered: () => recovered.push(scheduler.now()) };
      expectObservable(failThen(scheduler, '1ms a').pipe(retryTransient(options)), '^ 200ms !').toBe('52ms a', { a: 'a' });
      expectObservable(failThen(scheduler, '2ms |').pipe(retryTransient(options))).toBe('53ms |');
      scheduler.flush();
      expect(recovered).toEqual([52, 53]);
    });
  });

  it('without healthyAfterMs a retried request that stays parked is not a recovery', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ expectObservable }) => {
      let recovered = 0;
      const options = { ...bare(scheduler), onRecovered: () => (recovered += 1) };
      expectObservable(failThen(scheduler, '-').pipe(retryTransient(options)), '^ 500ms !').toBe('');
      scheduler.flush();
      expect(recovered).toBe(0);
    });
  });

  it('a stream torn down while retrying leaves the outage to the others: it ends when the last one still failing works', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ expectObservable }) => {
      const recovered: number[] = [];
      const counter = { attempt: 0 };
      const options = { ...bare(scheduler), counter, onRecovered: () => recovered.push(scheduler.now()) };
      // A and B fail at 1 ms; A is torn down at 20 ms; B answers after its backoff (attempt 2: 100 ms) at 102 ms.
      expectObservable(failThen(scheduler, '1ms a').pipe(retryTransient(options)), '^ 20ms !').toBe('');
      expectObservable(failThen(scheduler, '1ms b').pipe(retryTransient(options)), '^ 300ms !').toBe('102ms b', { b: 'b' });
      scheduler.flush();
      expect(recovered).toEqual([102]);
      expect(counter).toMatchObject({ attempt: 0, failing: 0 });
    });
  });

  it('a healthy stream ending during an outage neither shortens it nor wakes the streams still waiting', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const recovered: number[] = [];
      const counter = { attempt: 0, nudge: new Subject<void>() };
      const options = { ...bare(scheduler), counter, onRecovered: () => recovered.push(scheduler.now()) };
      // A fails at 1 ms (backoff 50 ms), B at 1 ms (backoff 100 ms); C never failed and answers at 10 ms.
      expectObservable(failThen(scheduler, '1ms (a|)', { a: 'a' }).pipe(retryTransient(options))).toBe('52ms (a|)', { a: 'a' });
      expectObservable(failThen(scheduler, '1ms (b|)', { b: 'b' }).pipe(retryTransient(options))).toBe('53ms (b|)', { b: 'b' });
      expectObservable(cold('10ms (c|)', { c: 'c' }).pipe(retryTransient(options))).toBe('10ms (c|)', { c: 'c' });
      scheduler.flush();
      // A working again at 52 ms wakes B at once (not at 101 ms); the outage ends once, with B.
      expect(recovered).toEqual([53]);
    });
  });
});
