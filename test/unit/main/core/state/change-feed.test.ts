import { firstValueFrom, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { changeFeed } from '../../../../../main/core/state/change-feed';
import type { ContactList } from '../../../../../shared/models';

const one: ContactList = { groups: [{ id: 'a', name: 'A', kind: 'personal', contactUris: [] }], contacts: {} };
const two: ContactList = { groups: [...one.groups, { id: 'b', name: 'B', kind: 'personal', contactUris: [] }], contacts: {} };

describe('changeFeed', () => {
  it('treats the first list as a snapshot and stamps later differences with now()', async () => {
    let clock = 100;
    const changes = await firstValueFrom(of(one, one, two).pipe(changeFeed(() => (clock += 1)), toArray()));
    expect(changes).toEqual([{ kind: 'groupAdded', at: 101, group: 'B' }]);
  });
});
