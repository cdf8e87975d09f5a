import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { AUTO_SIGN_IN_RETRY_BASE_MS, AUTO_SIGN_IN_RETRY_MAX_MS, createAutoSignIn, type SignInTarget } from '../../../../../main/core/app/auto-sign-in';
import type { SessionState } from '../../../../../shared/models';
import { clock, memoryLogger, settle } from './virtual-clock';

const target: SignInTarget = { address: 'dana@contoso.com', password: 'Passw0rd!', discoveryUrl: undefined };
const unreachable = { reason: 'serverUnreachable', message: 'The server cannot be reached.' };

/** `failures` rejections (serverUnreachable unless given), then success; attempts are timestamped. */
function setup(failures: number, error: unknown = unreachable) {
  const time = clock();
  const session$ = new BehaviorSubject<SessionState>({ state: 'signedOut' });
  const attempts: number[] = [];
  let left = failures;
  const logger = memoryLogger();
  const auto = createAutoSignIn({
    connect: async (given) => {
      expect(given).toBe(target);
      attempts.push(time.scheduler.now());
      if (left-- > 0) throw error;
      session$.next({ state: 'online' });
    },
    session: () => session$.value,
    scheduler: time.scheduler,
    logger,
  });
  const start = time.scheduler.now();
  return { time, session$, attempts, logger, auto, at: () => attempts.map((when) => when - start) };
}

async function run(time: ReturnType<typeof clock>, ms: number): Promise<void> {
  for (let step = 0; step < ms; step += 5_000) {
    time.advance(5_000);
    await settle();
  }
}

describe('createAutoSignIn', () => {
  it('signs in at once when it can', async () => {
    const { auto, at } = setup(0);
    expect(await auto.run(target)).toEqual({ needsSignIn: false });
    expect(at()).toEqual([0]);
  });

  it('retries a network failure with doubling delays up to the cap, and logs each failure', async () => {
    const { auto, time, at, logger } = setup(7);
    expect(await auto.run(target)).toEqual({ needsSignIn: false });
    await run(time, 20 * 60_000);
    const base = AUTO_SIGN_IN_RETRY_BASE_MS;
    const gaps = at().slice(1).map((when, index) => when - at()[index]!);
    expect(gaps).toEqual([base, 2 * base, 4 * base, 8 * base, 16 * base, AUTO_SIGN_IN_RETRY_MAX_MS, AUTO_SIGN_IN_RETRY_MAX_MS]);
    expect(logger.lines[0]).toBe('warn automatic sign-in failed: The server cannot be reached.');
    expect(logger.lines).toHaveLength(7);
  });

  it('hands a failure the user must fix to the sign-in window, without retrying', async () => {
    const { auto, time, at } = setup(1, { reason: 'wrongPassword', message: 'Wrong password.' });
    expect(await auto.run(target)).toEqual({ needsSignIn: true });
    await run(time, AUTO_SIGN_IN_RETRY_MAX_MS);
    expect(at()).toEqual([0]);
  });

  it('does not retry while a session runs, but does after an error', async () => {
    const running = setup(1);
    await running.auto.run(target);
    running.session$.next({ state: 'reconnecting', attempt: 1, nextRetryAt: 0, lastError: 'x' });
    await run(running.time, AUTO_SIGN_IN_RETRY_BASE_MS);
    expect(running.at()).toEqual([0]);

    const failed = setup(1);
    await failed.auto.run(target);
    failed.session$.next({ state: 'error', error: { reason: 'serverUnreachable', message: 'x' } });
    await run(failed.time, AUTO_SIGN_IN_RETRY_BASE_MS);
    expect(failed.at()).toEqual([0, AUTO_SIGN_IN_RETRY_BASE_MS]);
  });

  it('cancel and dispose drop a pending retry', async () => {
    for (const stop of ['cancel', 'dispose'] as const) {
      const { auto, time, at } = setup(1);
      await auto.run(target);
      auto[stop]();
      await run(time, AUTO_SIGN_IN_RETRY_MAX_MS);
      expect(at()).toEqual([0]);
    }
  });
});
