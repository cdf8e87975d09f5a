import { describe, expect, it } from 'vitest';
import { singleApplication } from '../../../scripts/soak/invariants/single-application';
import { truth } from './fixtures';

describe('singleApplication', () => {
  it('holds for none or one application of our endpoint, whatever other endpoints have', () => {
    expect(singleApplication(truth(), 'ep-1')).toEqual([]);
    expect(singleApplication(truth({ applications: [] }), 'ep-1')).toEqual([]);
    const others = truth({ applications: [{ id: '1', endpointId: 'ep-1', available: true }, { id: '2', endpointId: 'phone', available: true }] });
    expect(singleApplication(others, 'ep-1')).toEqual([]);
  });

  it('breaks when an old application was left alive beside a new one', () => {
    const leaked = truth({ applications: [{ id: '1', endpointId: 'ep-1', available: true }, { id: '2', endpointId: 'ep-1', available: false }] });
    expect(singleApplication(leaked, 'ep-1')).toEqual([
      { invariant: 'singleApplication', detail: '2 live applications for endpoint ep-1: 1 (available), 2' },
    ]);
  });
});
