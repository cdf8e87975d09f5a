import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../../../main/core/session/backoff';

const policy = { baseMs: 1000, maxMs: 30_000 };

describe('backoffDelayMs', () => {
  it('doubles per attempt between half and the full step', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(500);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(2000);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(4000);
  });

  it('is capped', () => {
    expect(backoffDelayMs(50, policy, () => 1)).toBe(30_000);
    expect(backoffDelayMs(50, policy, () => 0)).toBe(15_000);
  });

  it('treats Retry-After as a floor, within reason', () => {
    expect(backoffDelayMs(1, policy, () => 0, 7)).toBe(7000);
    expect(backoffDelayMs(6, policy, () => 1, 2)).toBe(30_000);
    expect(backoffDelayMs(1, policy, () => 0, 100_000)).toBe(600_000);
  });
});
