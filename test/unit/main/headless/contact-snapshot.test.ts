import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { firstSnapshot, presenceKnown } from '../../../../main/headless/contact-snapshot';
import type { Availability } from '../../../../shared/availability';
import { EMPTY_CONTACT_LIST, type ContactList } from '../../../../shared/models';

const list = (availability: Availability): ContactList => ({
  groups: [{ id: '1', name: 'Team', kind: 'personal', contactUris: ['sip:ann@contoso.com'] }],
  contacts: { 'sip:ann@contoso.com': { uri: 'sip:ann@contoso.com', name: 'Ann', availability } },
});

const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('firstSnapshot', () => {
  it('waits for presence: the structure alone (every status Unknown) is not the snapshot', () => {
    const unread = list('Unknown');
    const read = list('Busy');
    const testScheduler = scheduler();
    testScheduler.run(({ cold, expectObservable }) => {
      const contacts$ = cold('e u 5ms r', { e: EMPTY_CONTACT_LIST, u: unread, r: read });
      expectObservable(firstSnapshot(contacts$, testScheduler, 100)).toBe('-- 5ms (r|)', { r: read });
    });
    expect(presenceKnown(unread)).toBe(false);
    expect(presenceKnown(read)).toBe(true);
  });

  it('prints the list once it is quiet when a presence stays Unknown', () => {
    const unread = list('Unknown');
    const testScheduler = scheduler();
    testScheduler.run(({ cold, expectObservable }) => {
      const contacts$ = cold('u', { u: unread });
      expectObservable(firstSnapshot(contacts$, testScheduler, 100)).toBe('100ms (u|)', { u: unread });
    });
  });
});
