import { describe, expect, it } from 'vitest';
import { ownPresenceMatches } from '../../../scripts/soak/invariants/own-presence';
import { truth } from './fixtures';

describe('ownPresenceMatches', () => {
  it('holds when the server shows the chosen availability and note, or the idle variant of it', () => {
    expect(ownPresenceMatches({ availability: 'Busy', note: 'Heads down' }, truth())).toEqual([]);
    expect(ownPresenceMatches({ availability: 'Busy', note: 'Heads down' }, truth({ me: { availability: 'IdleBusy', note: 'Heads down' } }))).toEqual([]);
    expect(ownPresenceMatches({ availability: null, note: 'Heads down' }, truth({ me: { availability: 'Away', note: 'Heads down' } }))).toEqual([]);
  });

  it('breaks when another endpoint’s availability or an old note is what the server shows', () => {
    const drifted = truth({ me: { availability: 'DoNotDisturb', note: 'Heads down' } });
    expect(ownPresenceMatches({ availability: 'Busy', note: 'Heads down' }, drifted)).toEqual([
      { invariant: 'ownPresence', detail: 'server shows DoNotDisturb, user chose Busy' },
    ]);
    expect(ownPresenceMatches({ availability: 'Busy', note: 'On call' }, truth())).toEqual([
      { invariant: 'ownPresence', detail: 'server note "Heads down", user chose "On call"' },
    ]);
    expect(ownPresenceMatches({ availability: 'Away', note: 'Heads down' }, truth({ me: { availability: 'IdleBusy', note: 'Heads down' } }))).toHaveLength(1);
  });
});
