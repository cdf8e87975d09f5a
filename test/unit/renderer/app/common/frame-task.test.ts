import { describe, expect, it } from 'vitest';
import { frameTask } from '../../../../../renderer/app/common/frame-task';

/** Frames advance only when the test says so. */
function fakeFrames() {
  let queued: (() => void)[] = [];
  return {
    request: (callback: () => void) => queued.push(callback),
    requested: () => queued.length,
    paint() {
      const due = queued;
      queued = [];
      for (const callback of due) callback();
    },
  };
}

describe('frameTask', () => {
  it('runs once per frame however often it is scheduled', () => {
    const frames = fakeFrames();
    let runs = 0;
    const task = frameTask(() => (runs += 1), frames.request);
    for (let i = 0; i < 100; i += 1) task.schedule();
    expect(frames.requested()).toBe(1);
    expect(runs).toBe(0);
    frames.paint();
    expect(runs).toBe(1);
  });

  it('can be scheduled again once it has run, and not before', () => {
    const frames = fakeFrames();
    let runs = 0;
    const task = frameTask(() => (runs += 1), frames.request);
    task.schedule();
    frames.paint();
    frames.paint();
    expect(runs).toBe(1);
    task.schedule();
    task.schedule();
    frames.paint();
    expect(runs).toBe(2);
  });

  it('a schedule made while running is kept for the next frame', () => {
    const frames = fakeFrames();
    let runs = 0;
    const task = frameTask(() => {
      runs += 1;
      if (runs === 1) task.schedule();
    }, frames.request);
    task.schedule();
    frames.paint();
    expect(frames.requested()).toBe(1);
    frames.paint();
    expect(runs).toBe(2);
  });
});
