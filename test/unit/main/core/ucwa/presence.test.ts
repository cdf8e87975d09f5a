import { describe, expect, it } from 'vitest';
import { makeMeAvailableBody } from '../../../../../main/core/ucwa/me';
import { parseNote } from '../../../../../main/core/ucwa/note';
import { needsRepublish, parsePresence, presenceBody } from '../../../../../main/core/ucwa/presence';

describe('presence', () => {
  it('parses availability, unknown values become Unknown', () => {
    expect(parsePresence({ availability: 'IdleBusy', _links: {} })).toBe('IdleBusy');
    expect(parsePresence({ availability: 'Sleeping' })).toBe('Unknown');
    expect(parsePresence(null)).toBe('Unknown');
  });

  it('posts the value, or an empty body to reset', () => {
    expect(presenceBody('DoNotDisturb')).toEqual({ availability: 'DoNotDisturb' });
    expect(presenceBody(null)).toEqual({});
  });

  it('republishes only on real drift', () => {
    expect(needsRepublish('Busy', 'Online')).toBe(true);
    expect(needsRepublish('Busy', 'Busy')).toBe(false);
    expect(needsRepublish('Busy', 'IdleBusy')).toBe(false);
    expect(needsRepublish('Online', 'IdleOnline')).toBe(false);
    expect(needsRepublish('Away', 'Offline')).toBe(true);
    expect(needsRepublish(null, 'Away')).toBe(false);
  });

  it('signs in as the chosen availability, or without signInAs for automatic', () => {
    expect(makeMeAvailableBody('Busy')).toEqual({ SupportedModalities: ['Messaging'], signInAs: 'Busy' });
    expect(makeMeAvailableBody(null)).toEqual({ SupportedModalities: ['Messaging'] });
  });

  it('reads the note message', () => {
    expect(parseNote({ message: 'Heads down', type: 'Personal' })).toBe('Heads down');
    expect(parseNote({})).toBe('');
  });
});
