import { describeChromium, resolveChromium } from './chromium';

/**
 * Vitest global setup: resolves (and on a fresh machine extracts) the renderer tests' browser once,
 * before workers start, so parallel test files never race on the extraction, and prints which one runs.
 */
export default async function setup(): Promise<void> {
  try {
    console.log(`renderer tests browser: ${await describeChromium(await resolveChromium())}`);
  } catch (error) {
    // Only the renderer tests need it: they fail on launch with this reason; the rest still run.
    console.log(`renderer tests browser: none (${error instanceof Error ? error.message : String(error)})`);
  }
}
