import { describe, expect, it } from 'vitest';
import { DisposableStore } from '../../../../../main/core/lifetime/disposable-store';

function recorder(log: string[], name: string) {
  return { dispose: () => log.push(name) };
}

describe('DisposableStore', () => {
  it('disposes what it owns once, the last added first', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    const first = recorder(log, 'first');
    expect(store.add(first)).toBe(first);
    store.add(recorder(log, 'second'));
    expect(log).toEqual([]);
    store.dispose();
    expect(log).toEqual(['second', 'first']);
    store.dispose();
    expect(log).toEqual(['second', 'first']);
  });

  it('disposes at once what is added after it was disposed', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.dispose();
    store.add(recorder(log, 'late'));
    expect(log).toEqual(['late']);
    store.dispose();
    expect(log).toEqual(['late']);
  });
});
