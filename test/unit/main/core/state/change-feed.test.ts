import { firstValueFrom, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { changeFeed } from '../../../../../main/core/state/change-feed';
import type { ContactList } from '../../../../../shared/models';

const one: ContactList = { groups: [{ id: 'a', name: 'A', kind: 'personal', contactUris: [] }], contacts: {} };
const two: ContactList = { groups: [...one.groups, { id: 'b', name: 'B', kind: 'personal', contactUris: [] }], contacts: {} };

describe('changeFeed', () => {
  it('treats the first list as a snapshot and stamps later differences with the newer list time', async () => {
    const lists = of({ list: one, at: 1 }, { list: one, at: 2 }, { list: two, at: 3 }, { list: one, at: 4 });
    const changes = await firstValueFrom(lists.pipe(changeFeed(), toArray()));
    expect(changes).toEqual([
      { kind: 'groupAdded', at: 3, group: 'B' },
      { kind: 'groupRemoved', at: 4, group: 'B' },
    ]);
  });
});
