import { describe, expect, it } from 'vitest';
import { engineSettings } from '../../../../../main/core/engine/engine-settings';
import { DEFAULT_BACKOFF } from '../../../../../main/core/session/backoff';
import { DEFAULT_BODY_LIMITS } from '../../../../../main/core/ucwa/http-client';
import { DEFAULT_TRUST_POLICY } from '../../../../../main/core/ucwa/trust';

describe('engine settings', () => {
  it('defaults to the documented timings', () => {
    const settings = engineSettings({});
    expect(settings).toMatchObject({
      backoff: DEFAULT_BACKOFF,
      pgetTimeoutSeconds: 180,
      httpMarginMs: 30_000,
      pgetGraceMs: 2_000,
      requestTimeoutMs: 30_000,
      pgetMinIntervalMs: 1_000,
      resetMinIntervalMs: 10_000,
      reportActivityPeriodMs: 180_000,
      initialConnectAttempts: 3,
      trust: DEFAULT_TRUST_POLICY,
      limits: DEFAULT_BODY_LIMITS,
    });
    expect(settings.random).toBe(Math.random);
  });

  it('keeps what the caller sets and widens trust and limits field by field', () => {
    const random = () => 0.5;
    const settings = engineSettings({ random, pgetTimeoutSeconds: 2, trust: { allowInsecureHttp: true }, limits: { maxJsonDepth: 8 } });
    expect(settings.random).toBe(random);
    expect(settings.pgetTimeoutSeconds).toBe(2);
    expect(settings.trust).toEqual({ ...DEFAULT_TRUST_POLICY, allowInsecureHttp: true });
    expect(settings.limits).toEqual({ ...DEFAULT_BODY_LIMITS, maxJsonDepth: 8 });
  });
});
