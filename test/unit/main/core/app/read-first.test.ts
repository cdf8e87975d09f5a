import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createReadFirstOrder, readFirst } from '../../../../../main/core/app/read-first';

describe('readFirst', () => {
  it('puts the visible rows first in screen order, then the watched ones, each once', () => {
    expect(readFirst(['sip:b', 'sip:a'], ['sip:c', 'sip:a', 'sip:d'])).toEqual(['sip:b', 'sip:a', 'sip:c', 'sip:d']);
    expect(readFirst([], [])).toEqual([]);
  });
});

describe('createReadFirstOrder', () => {
  it('tells the engine again when the rows or the watch list change, and stops once disposed', () => {
    const told: (readonly string[])[] = [];
    const watched$ = new BehaviorSubject<readonly string[]>(['sip:w']);
    const order = createReadFirstOrder({ setVisibleContacts: (uris) => void told.push(uris) }, watched$);
    expect(told).toEqual([['sip:w']]);
    order.show(['sip:a', 'sip:w']);
    watched$.next(['sip:w', 'sip:x']);
    expect(told).toEqual([['sip:w'], ['sip:a', 'sip:w'], ['sip:a', 'sip:w', 'sip:x']]);
    order.dispose();
    order.show(['sip:b']);
    watched$.next([]);
    expect(told).toHaveLength(3);
  });
});
