import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant of main/core: the engine's unit and property tests
 * (virtual time, no sockets, milliseconds each). The engine integration tests against the simulator
 * run in real time (~100 s in all) and cover nearly every engine file, so with per-test coverage
 * they would rerun for most mutants; STRYKER_ENGINE_TESTS=1 adds them for a slow, thorough run.
 *
 * `isolate: false` keeps one worker's loaded modules from one test file to the next: setting up a
 * fresh worker per file cost five times the tests' own time in the initial run (45 s of 51 s).
 * None of these tests mocks modules or globals, so nothing leaks from one file into another; the
 * mutant switch is read when the code runs, not when it is imported.
 */
export default defineConfig({
  test: {
    include: [
      'test/unit/main/core/**/*.test.ts',
      'test/unit/shared/**/*.test.ts',
      'test/property/**/*.test.ts',
      ...(process.env['STRYKER_ENGINE_TESTS'] === '1' ? ['test/integration/engine/**/*.test.ts'] : []),
    ],
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
