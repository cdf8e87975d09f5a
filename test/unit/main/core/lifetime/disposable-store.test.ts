import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { DisposableStore } from '../../../../../main/core/lifetime/disposable-store';

describe('DisposableStore', () => {
  it('releases services, subscriptions and functions, newest first', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    const subject = new Subject<number>();
    store.add({ dispose: () => order.push('service') });
    const subscription = store.add(subject.subscribe());
    subscription.add(() => order.push('subscription'));
    store.add(() => order.push('function'));
    store.dispose();
    expect(order).toEqual(['function', 'subscription', 'service']);
    expect(subject.observed).toBe(false);
  });

  it('returns what it was given', () => {
    const store = new DisposableStore();
    const item = { dispose: () => undefined };
    expect(store.add(item)).toBe(item);
  });

  it('clear() ends the current holdings and keeps accepting new ones', () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.add(() => released.push('first'));
    store.clear();
    store.add(() => released.push('second'));
    expect(released).toEqual(['first']);
    store.clear();
    expect(released).toEqual(['first', 'second']);
    store.clear();
    expect(released).toEqual(['first', 'second']);
  });

  it('disposes at once what is added after dispose, and disposes only once', () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.add(() => released.push('held'));
    store.dispose();
    store.dispose();
    store.add(() => released.push('late'));
    expect(released).toEqual(['held', 'late']);
  });

  it('releases everything even when one item throws, then reports the failure', () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.add(() => released.push('older'));
    store.add(() => {
      throw new Error('broken teardown');
    });
    store.add(() => released.push('newer'));
    expect(() => store.dispose()).toThrow('broken teardown');
    expect(released).toEqual(['newer', 'older']);
  });
});
