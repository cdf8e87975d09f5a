import { describe, expect, it } from 'vitest';
import { syncStep } from '../../../../../renderer/app/contacts/contact-sync';

const batch = (seq: number) => ({ seq, patches: [] });

describe('syncStep', () => {
  it('applies the next batch', () => {
    expect(syncStep(0, batch(1))).toBe('apply');
    expect(syncStep(41, batch(42))).toBe('apply');
  });

  it('skips a batch the snapshot already includes', () => {
    expect(syncStep(5, batch(5))).toBe('skip');
    expect(syncStep(5, batch(2))).toBe('skip');
  });

  it('asks for a snapshot after a gap', () => {
    expect(syncStep(5, batch(7))).toBe('resync');
    expect(syncStep(0, batch(3))).toBe('resync');
  });
});
