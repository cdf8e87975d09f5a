import { describe, expect, it } from 'vitest';
import { BUG_FAILURE, decideRetry, FIRST_TRY, ONLINE, type RetryPolicy } from '../../../../../main/core/engine/retry-policy';
import { classifyError } from '../../../../../main/core/ucwa/error-classification';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const POLICY: RetryPolicy = { backoff: { baseMs: 1_000, maxMs: 30_000 }, random: () => 0.5, initialConnectAttempts: 3 };
const decide = (error: unknown, count = ONLINE) => decideRetry(error, classifyError(error), count, POLICY);

const down = new UcwaError('network', 'down');
const busy = new UcwaError('http', 'busy', { status: 503 });
const gone = new UcwaError('http', 'gone', { status: 404, subcode: 'ApplicationNotFound' });
const unauthorized = new UcwaError('http', 'no', { status: 401 });

describe('retry policy', () => {
  it('stops on a programming error with the failure the user sees, and on a fatal one with the error', () => {
    expect(decide(new TypeError('x')).decision).toEqual({ action: 'stop', error: BUG_FAILURE });
    const tooMany = new UcwaError('http', 'too many', { status: 410, subcode: 'TooManyApplications' });
    expect(classifyError(tooMany)).toBe('fatal');
    expect(decide(tooMany).decision).toEqual({ action: 'stop', error: tooMany });
  });

  it('backs off exponentially with the counted attempt', () => {
    const first = decide(busy);
    expect(first.decision).toMatchObject({ action: 'retry', attempt: 1, delayMs: 750 });
    const second = decide(busy, first.count);
    expect(second.decision).toMatchObject({ action: 'retry', attempt: 2, delayMs: 1_500 });
  });

  it('recreates a vanished application at once, then backs off', () => {
    const first = decide(gone);
    expect(first.decision).toMatchObject({ action: 'retry', attempt: 1, delayMs: 0 });
    expect(decide(gone, first.count).decision).toMatchObject({ attempt: 2, delayMs: 1_500 });
  });

  it('honours Retry-After as a floor', () => {
    const limited = new UcwaError('http', 'later', { status: 503, retryAfter: 20 });
    expect(decide(limited).decision).toMatchObject({ delayMs: 20_000 });
  });

  it('gives up before the first online after the configured number of tries', () => {
    const first = decide(busy, FIRST_TRY);
    const second = decide(busy, first.count);
    expect(second.decision).toMatchObject({ action: 'retry', attempt: 2 });
    expect(decide(busy, second.count).decision).toEqual({ action: 'stop', error: busy });
    let count = ONLINE;
    for (let i = 0; i < 10; i += 1) count = decide(busy, count).count;
    expect(decide(busy, count).decision).toMatchObject({ action: 'retry', attempt: 11 });
  });

  it('rediscovers after the third connection failure in a row, or when the error says so', () => {
    const first = decide(down);
    const second = decide(down, first.count);
    const third = decide(down, second.count);
    expect([first, second, third].map((r) => r.decision)).toMatchObject([{ rediscover: false }, { rediscover: false }, { rediscover: true }]);
    expect(decide(busy, third.count).decision).toMatchObject({ rediscover: false });
    const badGateway = new UcwaError('http', 'bad gateway', { status: 502 });
    expect(decide(badGateway).decision).toMatchObject({ action: 'retry', rediscover: true });
  });

  it('asks to authenticate again only for a rejected token', () => {
    expect(classifyError(unauthorized)).toBe('reauth');
    expect(decide(unauthorized).decision).toMatchObject({ action: 'retry', reauth: true });
    expect(decide(busy).decision).toMatchObject({ reauth: false });
  });
});
