import type { Logger } from '../ports';

/**
 * Runs an engine or store command whose failure must not crash the app: the engine reports server
 * trouble via `session$`, so a rejection here is only logged.
 */
export async function safely(logger: Logger | undefined, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    logger?.log('warn', `${what} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
}
