import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant of main/core: the engine's unit and property tests
 * (virtual time, no sockets, milliseconds each). The engine integration tests against the simulator
 * run in real time (~100 s in all) and cover nearly every engine file, so with per-test coverage
 * they would rerun for most mutants; STRYKER_ENGINE_TESTS=1 adds them for a slow, thorough run.
 */
export default defineConfig({
  test: {
    include: [
      'test/unit/main/core/**/*.test.ts',
      'test/unit/shared/**/*.test.ts',
      'test/property/**/*.test.ts',
      ...(process.env['STRYKER_ENGINE_TESTS'] === '1' ? ['test/integration/engine/**/*.test.ts'] : []),
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
