import type { Violation } from './violation';

/** Heap and open sockets at one checkpoint (the soak, engine and simulator share the process). */
export interface ResourceSample {
  readonly heapUsedMb: number;
  readonly openSockets: number;
}

/** Heap growth over the first sample and open sockets allowed. */
export interface ResourceBound {
  readonly heapGrowthMb: number;
  readonly openSockets: number;
}

export const RESOURCE_BOUND: ResourceBound = { heapGrowthMb: 96, openSockets: 64 };

/** Heap stays within `bound.heapGrowthMb` of the baseline; open sockets stay under their bound. Pure. */
export function resourcesBounded(baseline: ResourceSample, sample: ResourceSample, bound: ResourceBound = RESOURCE_BOUND): Violation[] {
  const out: Violation[] = [];
  const growth = sample.heapUsedMb - baseline.heapUsedMb;
  if (growth > bound.heapGrowthMb) {
    out.push({ invariant: 'resources', detail: `heap grew ${growth.toFixed(1)} MB (${baseline.heapUsedMb.toFixed(1)} → ${sample.heapUsedMb.toFixed(1)}), bound ${bound.heapGrowthMb}` });
  }
  if (sample.openSockets > bound.openSockets) out.push({ invariant: 'resources', detail: `${sample.openSockets} open sockets, bound ${bound.openSockets}` });
  return out;
}
