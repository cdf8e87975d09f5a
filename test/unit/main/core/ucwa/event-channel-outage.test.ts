import { defer, merge, type Observable, of, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../../../shared/models';
import { sessionTransition } from '../../../../../main/core/session/session-machine';
import { eventChannel$, type RetryNotice, retryTransient } from '../../../../../main/core/ucwa/event-channel';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

/**
 * One outage of the event channel as the engine sees it: `onRetry` → reconnecting, `onRecovered`
 * → online + one reapply (re-read presence and note). The probe (GET application) answering is
 * NOT the end of the outage: only a P-GET that returns, or stays parked past the grace, is.
 */

const APP = 'https://fe.contoso.com/ucwa/oauth/v1/applications/101';
const ev = (ack: number): string => `${APP}/events?ack=${ack}`;
const http503 = (): UcwaError => new UcwaError('http', 'answered 503', { status: 503 });
const page = (ack: number): ResourceResponse => ({
  url: ev(ack),
  status: 200,
  headers: {},
  body: { _links: { self: { href: ev(ack) }, next: { href: ev(ack + 1) } }, sender: [] },
  text: '',
});

function scripted(script: Record<string, Observable<ResourceResponse>[]>) {
  const requests: ResourceRequest[] = [];
  const client: ResourceClient = {
    request: (request) =>
      defer(() => {
        requests.push(request);
        const next = script[request.href]?.shift();
        if (next === undefined) throw new Error(`unscripted request ${request.href}`);
        return next;
      }),
  };
  return { client, requests };
}

/** Session states and reapply count, folded the way createEngine folds them. */
function sessionRecorder(scheduler: TestScheduler) {
  let state: SessionState = { state: 'online' };
  const states: string[] = [];
  let reapplies = 0;
  let probes = 0;
  const record = (next: SessionState): void => {
    if (next !== state) states.push(next.state === 'reconnecting' ? `reconnecting#${next.attempt}` : next.state);
    state = next;
  };
  return {
    states,
    reapplies: () => reapplies,
    probes: () => probes,
    options: {
      scheduler,
      backoff: { baseMs: 100, maxMs: 400 },
      random: () => 0,
      pgetTimeoutSeconds: 180,
      httpMarginMs: 30_000,
      healthyAfterMs: 50,
      probe: () => {
        probes += 1;
        return of(true);
      },
      onRetry: (n: RetryNotice) =>
        record(sessionTransition(state, { type: 'retry', attempt: n.attempt, nextRetryAt: scheduler.now() + n.delayMs, lastError: 'x' })),
      onRecovered: () => {
        record(sessionTransition(state, { type: 'online' }));
        reapplies += 1;
      },
    },
  };
}

describe('event channel outage (virtual time)', () => {
  it('stays reconnecting through 5 failing P-GETs and recovers ONCE when a P-GET stays parked', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const fail = () => cold<ResourceResponse>('5ms #', undefined, http503());
      const { client, requests } = scripted({ [ev(1)]: [fail(), fail(), fail(), fail(), fail(), cold('-')] });
      const rec = sessionRecorder(scheduler);
      // Failures at 5, 5+50+5=60, 60+100+5=165, 165+200+5=370, 370+400+5=775; parked at 1175; +50 grace.
      expectObservable(eventChannel$(client, ev(1), rec.options), '^ 10s !').toBe('');
      scheduler.flush();
      expect(rec.states).toEqual(['reconnecting#1', 'reconnecting#2', 'reconnecting#3', 'reconnecting#4', 'reconnecting#5', 'online']);
      expect(rec.reapplies()).toBe(1);
      expect(rec.probes()).toBe(5);
      expect(requests).toHaveLength(6);
    });
  });

  it('a P-GET that answers before the grace ends the outage too (once)', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const { client } = scripted({
        [ev(1)]: [cold('5ms #', undefined, http503()), cold('5ms #', undefined, http503()), cold('10ms (a|)', { a: page(1) })],
        [ev(2)]: [cold('-')],
      });
      const rec = sessionRecorder(scheduler);
      expectObservable(eventChannel$(client, ev(1), rec.options), '^ 10s !').toBe('');
      scheduler.flush();
      expect(rec.states).toEqual(['reconnecting#1', 'reconnecting#2', 'online']);
      expect(rec.reapplies()).toBe(1);
    });
  });

  it('the backoff keeps growing while the probe is healthy but the P-GET still fails', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const fail = () => cold<ResourceResponse>('5ms #', undefined, http503());
      const { client } = scripted({ [ev(1)]: [fail(), fail(), fail(), cold('-')] });
      const notices: RetryNotice[] = [];
      const rec = sessionRecorder(scheduler);
      const options = { ...rec.options, onRetry: (n: RetryNotice) => { notices.push(n); rec.options.onRetry(n); } };
      expectObservable(eventChannel$(client, ev(1), options), '^ 10s !').toBe('');
      scheduler.flush();
      expect(notices.map((n) => [n.attempt, n.delayMs])).toEqual([[1, 50], [2, 100], [3, 200]]);
    });
  });

  it('a P-GET that fails within the grace does not flicker online', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      // Each retry is parked 40 ms (under the 50 ms grace) before it fails again.
      const slowFail = () => cold<ResourceResponse>('40ms #', undefined, http503());
      const { client } = scripted({ [ev(1)]: [slowFail(), slowFail(), slowFail(), cold('-')] });
      const rec = sessionRecorder(scheduler);
      expectObservable(eventChannel$(client, ev(1), rec.options), '^ 10s !').toBe('');
      scheduler.flush();
      expect(rec.states).toEqual(['reconnecting#1', 'reconnecting#2', 'reconnecting#3', 'online']);
      expect(rec.reapplies()).toBe(1);
    });
  });

  it('when one stream works again the others retry at once, and the outage ends once', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ cold, expectObservable }) => {
      const rec = sessionRecorder(scheduler);
      const recoveredAt: number[] = [];
      const options = {
        ...rec.options,
        counter: { attempt: 0, nudge: new Subject<void>() },
        onRecovered: () => {
          recoveredAt.push(scheduler.now());
          rec.options.onRecovered();
        },
      };
      const { client } = scripted({
        [ev(1)]: [cold('5ms #', undefined, http503()), cold('-')],
      });
      // A presence read that fails at 1 ms and answers on its second try.
      let reads = 0;
      const read$ = defer(() => (++reads === 1 ? cold('1ms #', undefined, http503()) : cold('1ms (p|)', { p: 'presence' })));
      // Read fails at 1 (attempt 1, 50 ms); P-GET fails at 5 (attempt 2, 100 ms, until 105).
      // Read retries at 51, answers at 52: the P-GET is nudged at once, parks at 52, grace ends at 102.
      expectObservable(merge(eventChannel$(client, ev(1), options), read$.pipe(retryTransient(options))), '^ 1s !').toBe(
        '52ms p',
        { p: 'presence' },
      );
      scheduler.flush();
      expect(rec.states).toEqual(['reconnecting#1', 'reconnecting#2', 'online']);
      expect(rec.reapplies()).toBe(1);
      expect(rec.probes()).toBe(2);
      expect(recoveredAt).toEqual([102]);
    });
  });
});
