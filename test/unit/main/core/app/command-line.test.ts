import { describe, expect, it } from 'vitest';
import { isRemoteCommand, parseCommandLine, remoteCommandsFrom } from '../../../../../main/core/app/command-line';

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

describe('parseCommandLine, in detail', () => {
  const LIST = 'Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork';

  it('says which values are allowed, and what it got', () => {
    expect(parseCommandLine(['--availability', 'Idle']).errors).toEqual([`--availability needs one of ${LIST} (got "Idle")`]);
    expect(parseCommandLine(['--availability']).errors).toEqual([`--availability needs one of ${LIST}`]);
    expect(parseCommandLine(['--note']).errors).toEqual(['--note needs a text (use --note "" to clear it)']);
  });

  it('a flag after a flag that needs a value is a flag, not the value', () => {
    expect(parseCommandLine(['--availability', '--reset'])).toEqual({
      commands: [{ type: 'reset' }],
      hidden: false,
      errors: [`--availability needs one of ${LIST}`],
    });
    expect(parseCommandLine(['--note', '--quit']).commands).toEqual([{ type: 'quit' }]);
  });

  it('a value is consumed once: the word after it is read as an argument again', () => {
    expect(parseCommandLine(['--availability', 'away', '--show']).commands).toEqual([{ type: 'setAvailability', availability: 'Away' }, { type: 'show' }]);
    expect(parseCommandLine(['--note', '--x=1', '--show']).commands).toEqual([{ type: 'show' }]);
    expect(parseCommandLine(['--note', 'hi', '--note=there']).commands).toEqual([
      { type: 'setNote', note: 'hi' },
      { type: 'setNote', note: 'there' },
    ]);
  });

  it('reads the typed words for availabilities, ignoring spaces, dashes and underscores', () => {
    const read = (word: string) => parseCommandLine(['--availability', word]).commands;
    expect(read('dnd')).toEqual([{ type: 'setAvailability', availability: 'DoNotDisturb' }]);
    expect(read('BRB')).toEqual([{ type: 'setAvailability', availability: 'BeRightBack' }]);
    expect(read('do not_disturb')).toEqual([{ type: 'setAvailability', availability: 'DoNotDisturb' }]);
    expect(read('off-work')).toEqual([{ type: 'setAvailability', availability: 'Offwork' }]);
    expect(parseCommandLine(['--availability=Busy=x']).errors).toHaveLength(1);
  });

  it('an equals sign splits only a double-dash flag', () => {
    expect(parseCommandLine(['--note=a=b']).commands).toEqual([{ type: 'setNote', note: 'a=b' }]);
    expect(parseCommandLine(['-note=x', 'reset=1', '--reset=1']).commands).toEqual([{ type: 'reset' }]);
    expect(parseCommandLine(['--note', 'x=y']).commands).toEqual([{ type: 'setNote', note: 'x=y' }]);
  });

  it('an inline note is the whole note even when it looks like a flag, and the next argument is read as one', () => {
    expect(parseCommandLine(['--note=--back at 3--']).commands).toEqual([{ type: 'setNote', note: '--back at 3--' }]);
    expect(parseCommandLine(['--note=hi', '--show'])).toEqual({ commands: [{ type: 'setNote', note: 'hi' }, { type: 'show' }], hidden: false, errors: [] });
  });

  it('refuses a note longer than 500 characters, and skips it as a value', () => {
    const long = 'n'.repeat(501);
    expect(parseCommandLine(['--note', long, '--show'])).toEqual({ commands: [{ type: 'show' }], hidden: false, errors: ['--note is too long'] });
    expect(parseCommandLine([`--note=${long}`, '--show'])).toEqual({ commands: [{ type: 'show' }], hidden: false, errors: ['--note is too long'] });
    expect(parseCommandLine(['--note', 'n'.repeat(500)]).commands).toEqual([{ type: 'setNote', note: 'n'.repeat(500) }]);
  });
});

describe('isRemoteCommand', () => {
  it('accepts each command of ours with valid data only', () => {
    for (const type of ['reset', 'show', 'quit']) expect(isRemoteCommand({ type })).toBe(true);
    expect(isRemoteCommand({ type: 'setNote', note: 'hi' })).toBe(true);
    expect(isRemoteCommand({ type: 'setNote', note: 'n'.repeat(501) })).toBe(false);
    expect(isRemoteCommand({ type: 'setNote' })).toBe(false);
    expect(isRemoteCommand({ type: 'setAvailability', availability: 'Busy' })).toBe(true);
    expect(isRemoteCommand({ type: 'setAvailability' })).toBe(false);
    expect(isRemoteCommand('reset')).toBe(false);
    expect(isRemoteCommand(null)).toBe(false);
    expect(isRemoteCommand({})).toBe(false);
  });

  it('remoteCommandsFrom wants an object with an array of commands', () => {
    expect(remoteCommandsFrom('commands')).toBeNull();
    expect(remoteCommandsFrom({ commands: 'reset' })).toBeNull();
    expect(remoteCommandsFrom({ commands: { type: 'reset' } })).toBeNull();
    expect(remoteCommandsFrom({ commands: [{ type: 'reset' }, 'show'] })).toBeNull();
    expect(remoteCommandsFrom({ commands: [] })).toEqual([]);
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
