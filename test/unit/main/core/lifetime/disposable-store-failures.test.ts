import { describe, expect, it } from 'vitest';
import { DisposableStore } from '../../../../../main/core/lifetime/disposable-store';

describe('DisposableStore, failing teardowns', () => {
  it('reports the first failure in release order (the newest item) when several throw', () => {
    const store = new DisposableStore();
    store.add(() => {
      throw new Error('older failed');
    });
    store.add(() => {
      throw new Error('newer failed');
    });
    expect(() => store.clear()).toThrow('newer failed');
    // Both were released: nothing is held any more.
    expect(() => store.clear()).not.toThrow();
  });

  it('returns an item added after dispose, already released', () => {
    const store = new DisposableStore();
    store.dispose();
    let released = 0;
    const item = { dispose: () => void released++ };
    expect(store.add(item)).toBe(item);
    expect(released).toBe(1);
    store.dispose();
    expect(released).toBe(1);
  });

  it('clear() does not close the store: later items wait for the next clear', () => {
    const store = new DisposableStore();
    store.clear();
    let released = 0;
    store.add({ unsubscribe: () => void released++ });
    expect(released).toBe(0);
    store.dispose();
    expect(released).toBe(1);
  });
});
