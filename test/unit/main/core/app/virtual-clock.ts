import { VirtualTimeScheduler } from 'rxjs';

/** 2026-11-23 09:00 UTC: the virtual clock's start. */
export const START = Date.UTC(2026, 10, 23, 9, 0, 0);
export const MIN = 60_000;

/** Virtual clock: `advance` runs every timer due up to the new time. */
export function clock(): { scheduler: VirtualTimeScheduler; advance(ms: number): void } {
  const scheduler = new VirtualTimeScheduler();
  scheduler.frame = START;
  scheduler.maxFrames = Number.POSITIVE_INFINITY;
  return {
    scheduler,
    advance(ms) {
      const target = scheduler.frame + ms;
      scheduler.maxFrames = target;
      scheduler.flush();
      scheduler.frame = target;
    },
  };
}

/** Lets promise chains started by timers settle. */
export const settle = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 0));

/** A logger that keeps `level message` lines. */
export function memoryLogger(): { lines: string[]; log(level: string, message: string): void } {
  const lines: string[] = [];
  return { lines, log: (level, message) => lines.push(`${level} ${message}`) };
}
