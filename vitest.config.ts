import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores in CI: browser and simulator tests share them.
    maxWorkers: 2,
    minWorkers: 1,
    // Resolves the renderer tests' Chromium once and prints which one runs.
    globalSetup: ['./test/renderer/support/chromium-global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
