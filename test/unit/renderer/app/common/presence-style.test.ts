import { describe, expect, it } from 'vitest';
import { READABLE_AVAILABILITIES } from '../../../../../shared/availability';
import { presenceTone } from '../../../../../renderer/app/common/presence-style';

describe('presenceTone', () => {
  it('gives every availability a tone, keeping Busy and Do not disturb apart', () => {
    const tones = [...READABLE_AVAILABILITIES, 'Unknown' as const].map((a) => [a, presenceTone(a)]);
    expect(Object.fromEntries(tones)).toEqual({
      Online: 'available',
      Busy: 'busy',
      DoNotDisturb: 'dnd',
      BeRightBack: 'away',
      Away: 'away',
      Offwork: 'offwork',
      IdleOnline: 'away',
      IdleBusy: 'busy',
      Offline: 'offline',
      Unknown: 'unknown',
    });
  });
});
