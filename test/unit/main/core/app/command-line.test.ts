import { describe, expect, it } from 'vitest';
import { parseCommandLine, remoteCommandsFrom } from '../../../../../main/core/app/command-line';

const exe = ['/opt/app/ucwa-presence-tray', '.'];

describe('parseCommandLine', () => {
  it('parses every command, in order', () => {
    expect(parseCommandLine([...exe, '--availability', 'Busy', '--note', 'In a meeting', '--show']).commands).toEqual([
      { type: 'setAvailability', availability: 'Busy' },
      { type: 'setNote', note: 'In a meeting' },
      { type: 'show' },
    ]);
    expect(parseCommandLine(['--reset', '--quit']).commands).toEqual([{ type: 'reset' }, { type: 'quit' }]);
  });

  it('accepts --flag=value, any case and common words for availabilities', () => {
    expect(parseCommandLine(['--availability=donotdisturb']).commands).toEqual([{ type: 'setAvailability', availability: 'DoNotDisturb' }]);
    expect(parseCommandLine(['--availability', 'available']).commands).toEqual([{ type: 'setAvailability', availability: 'Online' }]);
    expect(parseCommandLine(['--availability', 'be-right-back']).commands).toEqual([{ type: 'setAvailability', availability: 'BeRightBack' }]);
  });

  it('clears the note with an empty value, keeps notes that look like words', () => {
    expect(parseCommandLine(['--note', '']).commands).toEqual([{ type: 'setNote', note: '' }]);
    expect(parseCommandLine(['--note=']).commands).toEqual([{ type: 'setNote', note: '' }]);
  });

  it('reports bad or missing values and keeps going', () => {
    const parsed = parseCommandLine(['--availability', 'Idle', '--note', '--show']);
    expect(parsed.commands).toEqual([{ type: 'show' }]);
    expect(parsed.errors).toHaveLength(2);
    expect(parsed.errors[0]).toContain('got "Idle"');
    expect(parseCommandLine(['--availability']).errors).toHaveLength(1);
  });

  it('sees --hidden and ignores flags Chromium adds', () => {
    const parsed = parseCommandLine([...exe, '--hidden', '--original-process-start-time=123', '--no-sandbox']);
    expect(parsed).toEqual({ commands: [], hidden: true, errors: [] });
  });
});

describe('remoteCommandsFrom', () => {
  it('accepts our additionalData and rejects anything else', () => {
    expect(remoteCommandsFrom({ commands: [{ type: 'reset' }, { type: 'setAvailability', availability: 'Away' }] })).toEqual([
      { type: 'reset' },
      { type: 'setAvailability', availability: 'Away' },
    ]);
    expect(remoteCommandsFrom({ commands: [{ type: 'setAvailability', availability: 'IdleOnline' }] })).toBeNull();
    expect(remoteCommandsFrom({ commands: [{ type: 'exec', cmd: 'rm' }] })).toBeNull();
    expect(remoteCommandsFrom(null)).toBeNull();
    expect(remoteCommandsFrom({})).toBeNull();
  });
});
