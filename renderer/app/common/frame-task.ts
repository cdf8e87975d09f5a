/** Asks for a callback before the next paint; `requestAnimationFrame` in the page, a fake in tests. */
export type RequestFrame = (callback: () => void) => unknown;

/** A piece of work that runs at most once per animation frame, however often it is asked for. */
export interface FrameTask {
  /** Runs the work before the next paint, unless that is already arranged. */
  schedule(): void;
}

/**
 * Coalesces requests for `run` into one call per frame: a burst of pushes between two paints costs
 * one run, not one per push.
 */
export function frameTask(run: () => void, requestFrame: RequestFrame = (callback) => requestAnimationFrame(callback)): FrameTask {
  let scheduled = false;
  return {
    schedule() {
      if (scheduled) return;
      scheduled = true;
      requestFrame(() => {
        scheduled = false;
        run();
      });
    },
  };
}
