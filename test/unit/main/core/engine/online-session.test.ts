import { NEVER, type Observable, of, Subject, type Subscription, VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCommandQueue } from '../../../../../main/core/engine/command-queue';
import { engineSettings } from '../../../../../main/core/engine/engine-settings';
import { onlineSession$ } from '../../../../../main/core/engine/online-session';
import { createPresencePublisher } from '../../../../../main/core/engine/presence-publisher';
import { createSessionSignals } from '../../../../../main/core/engine/session-signals';
import { createSessionStore } from '../../../../../main/core/engine/session-store';
import type { SystemEvents } from '../../../../../main/core/ports';
import type { ApplicationLinks } from '../../../../../main/core/ucwa/application';
import type { ResourceRequest, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';
import type { SessionState } from '../../../../../shared/models';
import { APP, recordingLogger, ScriptedClient, SELF } from './fake-client';

const path = (href: string): string => new URL(href).pathname;
const EVENTS = path(APP.events);
const PRESENCE = path(APP.me['presence']!);
const ACTIVITY = `${SELF}/me/reportMyActivity`;

/** A scripted client whose P-GETs stay parked until the test answers them, in order. */
class ChannelClient extends ScriptedClient {
  readonly parked: { href: string; answer: Subject<ResourceResponse> }[] = [];
  override request(request: ResourceRequest): Observable<ResourceResponse> {
    if (request.method !== 'GET' || new URL(request.href).pathname !== EVENTS) return super.request(request);
    this.calls.push(`PGET ${request.href}`);
    this.bodies.push(undefined);
    const answer = new Subject<ResourceResponse>();
    this.parked.push({ href: request.href, answer });
    return answer;
  }
  answer(body: unknown): void {
    const { href, answer } = this.parked.at(-1)!;
    answer.next({ url: href, status: 200, headers: {}, text: '', body });
    answer.complete();
  }
}

const page = (next: string, sender: unknown[] = [], rel = 'next') => ({ _links: { [rel]: { href: next } }, sender });
const presenceEvent = [{ rel: 'me', href: `${SELF}/me`, events: [{ type: 'updated', link: { rel: 'presence', href: APP.me['presence'] } }] }];

const running: Subscription[] = [];
afterEach(() => {
  for (const s of running.splice(0)) s.unsubscribe();
});

function session(app: ApplicationLinks = APP, system?: SystemEvents) {
  const scheduler = new VirtualTimeScheduler(VirtualAction, 150_000);
  const { logger, lines } = recordingLogger();
  const client = new ChannelClient().on(`GET ${PRESENCE}`, { availability: 'Online' }).on(`GET ${path(APP.me['note']!)}`, { message: '' });
  const store = createSessionStore(scheduler, logger);
  const states: SessionState[] = [];
  store.dispatch({ type: 'connect' });
  store.dispatch({ type: 'online' });
  store.state$.subscribe((s) => states.push(s));
  const signals = createSessionSignals(scheduler, logger, 0);
  const presence = createPresencePublisher(client, logger);
  const commands = createCommandQueue(() => true);
  const settings = engineSettings({ backoff: { baseMs: 1_000, maxMs: 1_000 }, random: () => 1, pgetMinIntervalMs: 0, reportActivityPeriodMs: 60_000 });
  let error: unknown;
  running.push(
    onlineSession$({ client, logger, idle: { idleSeconds: () => 0 }, system, settings, scheduler, session: store, signals, presence, commands }, app).subscribe({
      error: (e: unknown) => (error = e),
    }),
  );
  return { client, scheduler, signals, presence, commands, states, lines, error: () => error };
}

const count = (calls: readonly string[], key: string): number => calls.filter((c) => c === key).length;

describe('online session', () => {
  it('starts with one P-GET at the application events link and a republish check', () => {
    const { client } = session();
    expect(client.calls.filter((c) => c.startsWith('PGET'))).toEqual([`PGET ${APP.events}`]);
    expect(count(client.calls, `GET ${PRESENCE}`)).toBe(1);
    expect(client.calls.some((c) => c.startsWith('POST'))).toBe(false);
  });

  it('follows the next link and re-reads my presence when an event says it changed', () => {
    const { client } = session();
    client.answer(page(`${APP.events}2`));
    expect(client.parked.at(-1)?.href).toBe(`${APP.events}2`);
    expect(count(client.calls, `GET ${PRESENCE}`)).toBe(1);
    client.answer(page(`${APP.events}3`, presenceEvent));
    expect(count(client.calls, `GET ${PRESENCE}`)).toBe(2);
  });

  it('a reset probes the application and republishes', () => {
    const { client, signals } = session();
    const events: string[] = [];
    signals.resets$.subscribe((r) => events.push(r));
    client.answer(page(`${APP.events}9`, [], 'resync'));
    expect(events).toEqual(['resync']);
    expect(count(client.calls, `GET ${path(SELF)}`)).toBe(1);
    expect(count(client.calls, `GET ${PRESENCE}`)).toBe(2);
  });

  it('a reconcile request probes and republishes the drifted choice', () => {
    const { client, signals, presence } = session();
    presence.choose({ availability: 'Busy' });
    signals.reconcile();
    expect(client.calls.slice(-6)).toEqual([`GET ${path(SELF)}`, `GET ${PRESENCE}`, `GET ${path(APP.me['note']!)}`, `POST ${PRESENCE}`, `GET ${PRESENCE}`, `GET ${path(APP.me['note']!)}`]);
    expect(count(client.calls, `POST ${PRESENCE}`)).toBe(1);
    expect(client.bodies[client.calls.indexOf(`POST ${PRESENCE}`)]).toEqual({ availability: 'Busy' });
  });

  it('after wake parks a new P-GET at the last next link and reconciles', () => {
    const wake = new Subject<'resume' | 'unlock' | 'network'>();
    const { client } = session(APP, { wake$: wake, sleep$: NEVER });
    client.answer(page(`${APP.events}5`));
    wake.next('resume');
    expect(client.parked.map((p) => p.href)).toEqual([APP.events, `${APP.events}5`, `${APP.events}5`]);
    expect(client.parked[1]!.answer.observed).toBe(false);
    expect(count(client.calls, `GET ${path(SELF)}`)).toBe(1);
  });

  it('reports activity only where the application links it', () => {
    const plain = session();
    plain.scheduler.flush();
    expect(plain.client.calls.some((c) => c.includes('reportMyActivity'))).toBe(false);
    const linked = session({ ...APP, me: { ...APP.me, reportMyActivity: ACTIVITY } });
    linked.scheduler.flush();
    expect(linked.client.calls).toContain(`POST ${path(ACTIVITY)}`);
  });

  it('runs the user commands through the application', async () => {
    const { client, commands } = session();
    await commands.submit((app) => of(app.self).pipe(() => client.request({ method: 'POST', href: app.me['note']!, json: { message: 'x' } })));
    expect(client.calls).toContain(`POST ${path(APP.me['note']!)}`);
  });

  it('an outage of the event channel shows reconnecting; its recovery shows online and republishes', () => {
    const { client, scheduler, states } = session();
    client.parked.at(-1)!.answer.error(new UcwaError('network', 'down'));
    expect(states.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, lastError: 'down' });
    const probesBefore = count(client.calls, `GET ${path(SELF)}`);
    const readsBefore = count(client.calls, `GET ${PRESENCE}`);
    scheduler.flush();
    expect(client.parked).toHaveLength(2);
    client.answer(page(`${APP.events}2`));
    scheduler.flush();
    expect(states.at(-1)?.state).toBe('online');
    expect(count(client.calls, `GET ${path(SELF)}`)).toBeGreaterThan(probesBefore);
    expect(count(client.calls, `GET ${PRESENCE}`)).toBeGreaterThan(readsBefore);
  });
});
