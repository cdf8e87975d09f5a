import { defer, NEVER, type Observable, of, Subject, throwError, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { engineSettings } from '../../../../../main/core/engine/engine-settings';
import { createSessionRunner, type SessionRunnerParts } from '../../../../../main/core/engine/session-runner';
import { createSessionSignals } from '../../../../../main/core/engine/session-signals';
import { createSessionStore } from '../../../../../main/core/engine/session-store';
import type { ApplicationLinks } from '../../../../../main/core/ucwa/application';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';
import type { SessionState } from '../../../../../shared/models';
import { APP, recordingLogger } from './fake-client';

const REQUEST = { address: 'dana@contoso.com' };
const APPS = 'https://pool.contoso.com/ucwa/oauth/v1/applications';

/**
 * A runner over a real session store and signals, on virtual time; applications are created from
 * `created` in turn, and each application's online session is the next of `online`.
 */
function runner(
  created: (() => Observable<ApplicationLinks>)[],
  online: (() => Observable<never>)[] = [],
  becomeAvailable$: (app: ApplicationLinks) => Observable<ApplicationLinks> = (app) => of(app),
) {
  const scheduler = new VirtualTimeScheduler();
  const { logger, lines } = recordingLogger();
  const calls: string[] = [];
  const session = createSessionStore(scheduler, logger);
  const states: SessionState[] = [];
  session.state$.subscribe((s) => states.push(s));
  const signals = createSessionSignals(scheduler, logger, 0);
  const parts = {
    scheduler,
    logger,
    settings: engineSettings({ backoff: { baseMs: 1_000, maxMs: 1_000 }, random: () => 1, initialConnectAttempts: 3 }),
    session,
    signals,
    presence: { becomeAvailable$ },
    identity: { userAgent: 'test/1', endpointId: 'e-1', culture: 'en-US' },
    discovery: { applications$: () => defer(() => (calls.push('discover'), of(APPS))), forget: () => calls.push('forget'), dispose: () => undefined },
    applications: { current: undefined, create$: () => (created.shift() ?? (() => NEVER))(), retire: (gone: boolean) => calls.push(`retire ${gone}`), deleteAll$: () => of(undefined) },
    tokens: { clear: () => calls.push('tokens.clear') },
    people: { attach: () => calls.push('people.attach'), detach: () => calls.push('people.detach') },
    online$: () => (online.shift() ?? (() => NEVER))(),
  } as unknown as SessionRunnerParts;
  const ended: unknown[] = [];
  const run = createSessionRunner(parts);
  const start = (): void => run.start(REQUEST, (error) => ended.push(error));
  return { run, start, scheduler, calls, states, ended, lines, signals };
}

const down = new UcwaError('network', 'down');

describe('session runner', () => {
  it('goes online with the created application and gives it to people', () => {
    const { run, start, calls, states } = runner([() => of(APP)]);
    start();
    expect(run.current).toBe(APP);
    expect(states.map((s) => s.state)).toEqual(['signedOut', 'connecting', 'online']);
    expect(calls).toEqual(['discover', 'people.attach']);
  });

  it('gives people the new application before makeMeAvailable answers, so the contact list is read meanwhile', () => {
    const available = new Subject<ApplicationLinks>();
    const { start, calls, states } = runner([() => of(APP)], [], () => available);
    start();
    expect(calls).toEqual(['discover', 'people.attach']);
    expect(states.at(-1)?.state).toBe('connecting');
    available.next(APP);
    expect(states.at(-1)?.state).toBe('online');
    expect(calls).toEqual(['discover', 'people.attach']); // once: not again when online
  });

  it('starts over after an interrupted session: retires the application, backs off, reconnects', () => {
    const { run, start, scheduler, calls, states } = runner([() => of(APP), () => of({ ...APP, self: `${APP.self}2` })], [() => throwError(() => down)]);
    start();
    expect(run.current).toBeUndefined();
    expect(states.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, nextRetryAt: 1_000, lastError: 'down' });
    scheduler.flush();
    expect(run.current?.self).toBe(`${APP.self}2`);
    expect(states.at(-1)?.state).toBe('online');
    expect(calls).toEqual(['discover', 'people.attach', 'people.detach', 'retire false', 'discover', 'people.attach']);
  });

  it('retries at once when asked to reconcile while waiting', () => {
    const { run, start, signals } = runner([() => throwError(() => down), () => of(APP)]);
    start();
    expect(run.current).toBeUndefined();
    signals.reconcile();
    expect(run.current).toBe(APP);
  });

  it('rediscovers, authenticates again, and recreates at once as the failure asks', () => {
    const gone = new UcwaError('http', 'gone', { status: 404, subcode: 'ApplicationNotFound' });
    const { start, calls, scheduler, states } = runner(
      [() => of(APP), () => throwError(() => new UcwaError('http', 'no', { status: 401 })), () => throwError(() => new UcwaError('http', 'bad', { status: 502 }))],
      [() => throwError(() => gone)],
    );
    start();
    expect(states.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, nextRetryAt: 0 });
    scheduler.flush();
    expect(calls).toEqual([
      'discover', 'people.attach',
      'people.detach', 'retire true', 'discover',
      'people.detach', 'retire false', 'tokens.clear', 'discover',
      'people.detach', 'retire false', 'forget', 'discover',
    ]);
  });

  it('gives up before the first online after the configured tries, and ends a programming error at once', () => {
    const failing = runner([() => throwError(() => down), () => throwError(() => down), () => throwError(() => down)]);
    failing.start();
    failing.scheduler.flush();
    expect(failing.ended).toEqual([down]);
    const buggy = runner([() => of(APP)], [() => throwError(() => new TypeError('oops'))]);
    buggy.start();
    expect(buggy.ended).toMatchObject([{ error: { reason: 'unknown' } }]);
    expect(buggy.lines.find((l) => l.level === 'error')?.message).toBe('programming error: the session stops');
  });

  it('stop() ends the run, forgets the application and leaves people without one', () => {
    const online = new Subject<never>();
    const { run, start, calls } = runner([() => of(APP)], [() => online]);
    start();
    run.stop();
    expect(online.observed).toBe(false);
    expect(run.current).toBeUndefined();
    expect(calls.at(-1)).toBe('people.detach');
  });
  it('logs an interruption with its class and text, and a programming error with its name and stack', () => {
    const { start, lines, scheduler } = runner([() => of(APP), () => of(APP)], [() => throwError(() => down)]);
    start();
    scheduler.flush();
    expect(lines).toContainEqual({ level: 'warn', message: 'session interrupted', fields: { class: 'transient', error: 'down' } });
    expect(lines.some((l) => l.level === 'error')).toBe(false);

    const bug = new TypeError('oops');
    const buggy = runner([() => of(APP)], [() => throwError(() => bug)]);
    buggy.start();
    const logged = buggy.lines.filter((l) => l.level === 'error');
    expect(logged).toEqual([{ level: 'error', message: 'programming error: the session stops', fields: { error: 'TypeError', stack: bug.stack } }]);
    expect(buggy.lines.some((l) => l.message === 'session interrupted')).toBe(false);

    const thrown = runner([() => of(APP)], [() => throwError(() => 'text')]);
    thrown.start();
    expect(thrown.lines.filter((l) => l.level === 'error')).toEqual([{ level: 'error', message: 'programming error: the session stops', fields: { error: 'string' } }]);
  });

  it('an error it does not retry ends the run: nothing of it is left running', () => {
    const online = new Subject<never>();
    const { run, start, ended } = runner([() => of(APP)], [() => online]);
    start();
    online.error(new TypeError('oops'));
    expect(ended).toHaveLength(1);
    expect(run.current).toBeUndefined();
  });

  it('dispose() ends the run and forgets the application', () => {
    const online = new Subject<never>();
    const { run, start } = runner([() => of(APP)], [() => online]);
    start();
    expect(run.current).toBe(APP);
    run.dispose();
    expect(online.observed).toBe(false);
    expect(run.current).toBeUndefined();
  });

  it('a reconcile before the failure does not cut the next wait short', () => {
    const { run, start, signals, scheduler } = runner([() => of(APP), () => of(APP)], [() => throwError(() => down)]);
    signals.reconcile();
    start();
    expect(run.current).toBeUndefined();
    scheduler.flush();
    expect(run.current).toBe(APP);
  });
  it('logs a stack only from an Error that has one', () => {
    const fields = (thrown: unknown) => {
      const r = runner([() => of(APP)], [() => throwError(() => thrown)]);
      r.start();
      return r.lines.find((l) => l.level === 'error')?.fields;
    };
    expect(fields({ stack: 'not an Error' })).toStrictEqual({ error: 'object' });
    const bare = new RangeError('no stack');
    bare.stack = undefined;
    expect(fields(bare)).toStrictEqual({ error: 'RangeError' });
  });
});
