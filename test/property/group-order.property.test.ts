import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUP_KIND_ORDER, sortGroups } from '../../main/core/state/group-order';
import type { Group } from '../../shared/models';
import { RUNS } from './support/arbitraries';

describe('sortGroups on any list', () => {
  it('orders by kind and keeps the server order within a kind', () => {
    const groups = fc.array(fc.constantFrom(...GROUP_KIND_ORDER), { maxLength: 30 }).map((kinds) =>
      kinds.map((kind, i): Group => ({ id: `g${i}`, name: `G${i}`, kind, contactUris: [] })),
    );
    fc.assert(
      fc.property(groups, (input) => {
        const sorted = sortGroups(input);
        expect(sorted.map((g) => g.id)).toEqual(GROUP_KIND_ORDER.flatMap((kind) => input.filter((g) => g.kind === kind).map((g) => g.id)));
      }),
      RUNS,
    );
  });
});
