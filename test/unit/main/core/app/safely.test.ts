import { describe, expect, it } from 'vitest';
import { safely } from '../../../../../main/core/app/safely';
import { memoryLogger } from './virtual-clock';

describe('safely', () => {
  it('runs the command and logs nothing when it succeeds', async () => {
    const logger = memoryLogger();
    let ran = false;
    await safely(logger, 'set note', async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    expect(logger.lines).toEqual([]);
  });

  it('turns a rejection into a warning with its message, or "unknown error" for a non-Error', async () => {
    const logger = memoryLogger();
    await expect(safely(logger, 'set note', () => Promise.reject(new Error('HTTP 503')))).resolves.toBeUndefined();
    await safely(logger, 'sign out', () => Promise.reject('nope'));
    expect(logger.lines).toEqual(['warn set note failed: HTTP 503', 'warn sign out failed: unknown error']);
  });

  it('swallows a rejection without a logger too', async () => {
    await expect(safely(undefined, 'x', () => Promise.reject(new Error('boom')))).resolves.toBeUndefined();
  });
});
