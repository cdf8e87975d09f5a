import { describe, expect, it } from 'vitest';
import { NO_OUTAGE, type Outage, type OutageEvent, outageEnded, outageStep } from '../../../../../main/core/session/outage';

const fold = (events: readonly OutageEvent[], from: Outage = NO_OUTAGE): Outage[] => {
  const out: Outage[] = [];
  let outage = from;
  for (const event of events) {
    outage = outageStep(outage, event);
    out.push(outage);
  }
  return out;
};

describe('outageStep', () => {
  it('counts attempts across retries of one stream and ends when it works', () => {
    const steps = fold([
      { type: 'failed', first: true },
      { type: 'failed', first: false },
      { type: 'failed', first: false },
      { type: 'healthy', wasFailing: true },
    ]);
    expect(steps).toEqual([
      { attempt: 1, failing: 1 },
      { attempt: 2, failing: 1 },
      { attempt: 3, failing: 1 },
      NO_OUTAGE,
    ]);
    expect(outageEnded(steps[2]!, steps[3]!)).toBe(true);
  });

  it('a healthy stream next to a failing one neither ends the outage nor resets the backoff', () => {
    const failing: Outage = { attempt: 2, failing: 1 };
    expect(outageStep(failing, { type: 'healthy', wasFailing: false })).toBe(failing);
    const two = outageStep(failing, { type: 'failed', first: true });
    expect(two).toEqual({ attempt: 3, failing: 2 });
    const one = outageStep(two, { type: 'healthy', wasFailing: true });
    expect(one).toEqual({ attempt: 3, failing: 1 });
    expect(outageEnded(two, one)).toBe(false);
  });

  it('a torn-down stream keeps the backoff; the next healthy answer of any stream ends the outage', () => {
    const left = outageStep({ attempt: 4, failing: 1 }, { type: 'abandoned' });
    expect(left).toEqual({ attempt: 4, failing: 0 });
    expect(outageStep(left, { type: 'failed', first: true })).toEqual({ attempt: 5, failing: 1 });
    const over = outageStep(left, { type: 'healthy', wasFailing: false });
    expect(over).toEqual(NO_OUTAGE);
    expect(outageEnded(left, over)).toBe(true);
  });

  it('outside an outage a healthy answer changes nothing (same object)', () => {
    expect(outageStep(NO_OUTAGE, { type: 'healthy', wasFailing: false })).toBe(NO_OUTAGE);
    expect(outageStep(NO_OUTAGE, { type: 'abandoned' })).toBe(NO_OUTAGE);
    expect(outageEnded(NO_OUTAGE, NO_OUTAGE)).toBe(false);
  });

  it('a healthy answer with no outage returns the very outage object it was given', () => {
    const idle: Outage = { attempt: 0, failing: 0 };
    expect(outageStep(idle, { type: 'healthy', wasFailing: false })).toBe(idle);
  });
});
