import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createContactFeed } from '../../../../../main/core/app/contact-feed';
import type { ContactPatchBatch, ContactSnapshot } from '../../../../../shared/ipc-contract';
import { EMPTY_CONTACT_LIST, type ContactList } from '../../../../../shared/models';

const ann = { uri: 'sip:ann@contoso.com', name: 'Ann', availability: 'Online' as const };
const team: ContactList = { groups: [{ id: 'g', name: 'Team', kind: 'personal', contactUris: [ann.uri] }], contacts: { [ann.uri]: ann } };

describe('createContactFeed', () => {
  it('starts empty at 0, numbers each differing list, and skips lists equal to the one before', () => {
    const lists$ = new BehaviorSubject<ContactList>(EMPTY_CONTACT_LIST);
    const feed = createContactFeed(lists$);
    const batches: ContactPatchBatch[] = [];
    feed.patches$.subscribe((batch) => batches.push(batch));
    expect(feed.snapshot()).toEqual({ seq: 0, contacts: EMPTY_CONTACT_LIST });
    lists$.next(team);
    lists$.next({ ...team });
    lists$.next({ ...team, contacts: { [ann.uri]: { ...ann, availability: 'Busy' } } });
    expect(batches.map((batch) => batch.seq)).toEqual([1, 2]);
    expect(batches[1]?.patches).toEqual([{ kind: 'presenceChanged', uri: ann.uri, availability: 'Busy' }]);
    expect(feed.snapshot().seq).toBe(2);
    expect(feed.snapshot().contacts.contacts[ann.uri]?.availability).toBe('Busy');
  });

  it('a snapshot taken while a batch is delivered already holds that batch', () => {
    const lists$ = new BehaviorSubject<ContactList>(EMPTY_CONTACT_LIST);
    const feed = createContactFeed(lists$);
    const seen: ContactSnapshot[] = [];
    feed.patches$.subscribe(() => seen.push(feed.snapshot()));
    lists$.next(team);
    expect(seen).toEqual([{ seq: 1, contacts: team }]);
  });

  it('stops once disposed', () => {
    const lists$ = new BehaviorSubject<ContactList>(EMPTY_CONTACT_LIST);
    const feed = createContactFeed(lists$);
    feed.dispose();
    lists$.next(team);
    expect(feed.snapshot()).toEqual({ seq: 0, contacts: EMPTY_CONTACT_LIST });
  });
});
