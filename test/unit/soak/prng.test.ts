import { describe, expect, it } from 'vitest';
import { prng } from '../../../scripts/soak/prng';

describe('prng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = Array.from({ length: 5 }, prng(42).next);
    const sameSeed = prng(42);
    expect(Array.from({ length: 5 }, () => sameSeed.next())).toEqual(a);
    const other = prng(43);
    expect(Array.from({ length: 5 }, () => other.next())).not.toEqual(a);
  });

  it('keeps int and pick inside their ranges', () => {
    const r = prng(7);
    const ints = Array.from({ length: 500 }, () => r.int(2, 4));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4]));
    expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    expect(() => r.pick([])).toThrow();
  });
});
