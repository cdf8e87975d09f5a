import { describe, expect, it } from 'vitest';
import { SOAK_DEFAULT_DURING_FAULTS, SOAK_DEFAULT_FAULTS } from '../../scripts/soak/default-faults';
import { formatReport } from '../../scripts/soak/report';
import { runSoak } from '../../scripts/soak/soak-run';

/** Fixed, so a failure here reproduces with `npm run soak -- --minutes 1 --seed 20261201`. */
const SEED = 20_261_201;

describe('chaos soak', () => {
  it(
    'keeps every invariant through a minute of seeded faults while the server changes (seed 20261201)',
    async () => {
      const report = await runSoak({ minutes: 1, seed: SEED, faults: SOAK_DEFAULT_FAULTS, duringFaults: SOAK_DEFAULT_DURING_FAULTS });
      const text = formatReport(report);
      process.stdout.write(`${text}\n`);
      expect(report.violations.map((v) => `round ${v.round} [${v.fault}] ${v.invariant}: ${v.detail}`)).toEqual([]);
      // The run did what it is for: faults met, recoveries seen, server changes made and reported.
      expect(Object.keys(report.faultsInjected).length).toBeGreaterThanOrEqual(5);
      expect(report.recoveries).toBeGreaterThanOrEqual(report.rounds);
      expect(report.serverChanges).toBeGreaterThan(10);
      expect(report.feedChanges).toBeGreaterThan(0);
    },
    240_000,
  );
});
