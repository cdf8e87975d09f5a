import { describe, expect, it } from 'vitest';
import { OUTAGE_RATE_BOUND, outageRequestRate } from '../../../scripts/soak/invariants/request-rate';
import { resourcesBounded } from '../../../scripts/soak/invariants/resources';

describe('outageRequestRate', () => {
  it('allows the burst plus one request a second', () => {
    expect(OUTAGE_RATE_BOUND).toEqual({ burst: 40, perSecond: 1 });
    expect(outageRequestRate({ fault: 'status5xx', requests: 100, seconds: 60 })).toEqual([]);
    expect(outageRequestRate({ fault: 'status5xx', requests: 40, seconds: 0 })).toEqual([]);
  });

  it('breaks for a P-GET loop against instant answers', () => {
    expect(outageRequestRate({ fault: 'instantAnswers', requests: 3_000, seconds: 3 })).toEqual([
      { invariant: 'outageRequestRate', detail: '3000 requests in 3.0 s of instantAnswers (bound 43)' },
    ]);
  });
});

describe('resourcesBounded', () => {
  const baseline = { heapUsedMb: 50, openSockets: 4 };
  it('holds within the heap growth and socket bounds', () => {
    expect(resourcesBounded(baseline, { heapUsedMb: 140, openSockets: 64 })).toEqual([]);
  });

  it('breaks for a heap that grew past the bound and for leaked sockets', () => {
    expect(resourcesBounded(baseline, { heapUsedMb: 200, openSockets: 65 }).map((v) => v.detail)).toEqual([
      'heap grew 150.0 MB (50.0 → 200.0), bound 96',
      '65 open sockets, bound 64',
    ]);
  });
});
