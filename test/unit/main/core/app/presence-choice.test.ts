import { describe, expect, it } from 'vitest';
import { memorySettings, NOTE_MAX_LENGTH } from '../../../../../main/core/app/app-settings';
import { createPresenceChoice } from '../../../../../main/core/app/presence-choice';
import { FakeEngine } from './fake-engine';
import { memoryLogger } from './virtual-clock';

function setup() {
  const engine = new FakeEngine();
  const settings = memorySettings({ lastAvailability: 'Busy', note: 'At lunch' });
  const logger = memoryLogger();
  return { engine, settings, logger, choice: createPresenceChoice({ engine, settings, logger }) };
}

describe('createPresenceChoice', () => {
  it('gives the saved choice for sign-in', () => {
    expect(setup().choice.saved()).toEqual({ availability: 'Busy', note: 'At lunch' });
  });

  it('saves and publishes an availability, or automatic', async () => {
    const { engine, settings, choice } = setup();
    await choice.choose('Away');
    expect(settings.get('lastAvailability')).toBe('Away');
    await choice.choose(null);
    expect(settings.get('lastAvailability')).toBeNull();
    expect(engine.calls).toEqual(['setAvailability Away', 'resetAvailability']);
  });

  it('saves without publishing, and appears away without saving', async () => {
    const { engine, settings, choice } = setup();
    choice.save('DoNotDisturb');
    expect(engine.calls).toEqual([]);
    await choice.appearAway();
    expect(engine.calls).toEqual(['setAvailability Away']);
    expect(settings.get('lastAvailability')).toBe('DoNotDisturb');
  });

  it('cuts, saves and publishes a note', async () => {
    const { engine, settings, choice } = setup();
    await choice.setNote('x'.repeat(NOTE_MAX_LENGTH + 5));
    expect(settings.get('note')).toBe('x'.repeat(NOTE_MAX_LENGTH));
    expect(engine.calls).toEqual([`setNote ${'x'.repeat(NOTE_MAX_LENGTH)}`]);
  });

  it('logs what failed instead of rejecting', async () => {
    const { engine, logger, choice } = setup();
    const boom = () => Promise.reject(new Error('HTTP 503'));
    Object.assign(engine, { setAvailability: boom, resetAvailability: boom, setNote: boom });
    await choice.choose('Away');
    await choice.choose(null);
    await choice.appearAway();
    await choice.setNote('n');
    expect(logger.lines).toEqual([
      'warn set availability failed: HTTP 503',
      'warn reset availability failed: HTTP 503',
      'warn away on lock failed: HTTP 503',
      'warn set note failed: HTTP 503',
    ]);
  });
});
