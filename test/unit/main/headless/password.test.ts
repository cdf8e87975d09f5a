import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NoPasswordSource, passwordSource, readPassword, type Terminal } from '../../../../main/headless/password';

/** A stdin stand-in; `tty` adds the raw-mode switch a terminal has. */
function input(tty: boolean): NodeJS.ReadStream & { rawModes: boolean[] } {
  const stream = new PassThrough() as unknown as NodeJS.ReadStream & { rawModes: boolean[] };
  stream.rawModes = [];
  Object.assign(stream, {
    isTTY: tty,
    setRawMode: (mode: boolean) => {
      stream.rawModes.push(mode);
      return stream;
    },
  });
  return stream;
}

function output(): NodeJS.WriteStream & { written: string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { written: string };
  stream.written = '';
  stream.on('data', (chunk: Buffer) => (stream.written += chunk.toString('utf8')));
  return stream;
}

describe('readPassword', () => {
  it('takes UCWA_PASSWORD without touching the terminal', async () => {
    const stdin = input(true);
    const prompt = output();
    expect(await readPassword({ UCWA_PASSWORD: 'Passw0rd!' }, stdin, prompt)).toBe('Passw0rd!');
    expect(stdin.rawModes).toEqual([]);
    expect(prompt.written).toBe('');
  });

  it('prompts on a terminal with echo off: typed characters are never written back, backspace works', async () => {
    const stdin = input(true);
    const prompt = output();
    const password = readPassword({}, stdin, prompt);
    stdin.write('Pass');
    stdin.write('x\u007fw0rd!\r');
    expect(await password).toBe('Passw0rd!');
    await new Promise((resolve) => setImmediate(resolve));
    expect(stdin.rawModes).toEqual([true, false]);
    expect(prompt.written).toBe('Password: \n');
  });

  it('prompts with the label it is given (the user language)', async () => {
    const stdin = input(true);
    const prompt = output();
    const password = readPassword({}, stdin, prompt, 'Senha: ');
    stdin.write('x\r');
    expect(await password).toBe('x');
    expect(prompt.written).toBe('Senha: \n');
  });

  it('rejects when the user presses Ctrl-C at the prompt', async () => {
    const stdin = input(true);
    const password = readPassword({}, stdin, output());
    stdin.write('ab\u0003');
    await expect(password).rejects.toThrow('cancelled');
    expect(stdin.rawModes).toEqual([true, false]);
  });

  it('reads the first line of piped stdin when it is not a terminal', async () => {
    const stdin = input(false);
    const password = readPassword({ UCWA_PASSWORD: '' }, stdin, output());
    stdin.write('from-a-pipe\nrest');
    expect(await password).toBe('from-a-pipe');
  });

  it('never takes a line of the command stream for the password (--json, piped stdin)', async () => {
    const stdin = input(false);
    const opened: string[] = [];
    const password = readPassword({}, stdin, output(), 'Password: ', { commandsOnStdin: true, terminal: () => (opened.push('tty'), undefined) });
    stdin.write('Passw0rd!\n{"command":"reset"}\n');
    await expect(password).rejects.toBeInstanceOf(NoPasswordSource);
    expect(opened).toEqual(['tty']);
    // Nothing was read: the command stream still holds both lines for the command reader.
    expect(String(stdin.read())).toBe('Passw0rd!\n{"command":"reset"}\n');
  });

  it('asks on the controlling terminal instead, and closes it afterwards', async () => {
    const tty = input(true);
    let closed = 0;
    const terminal: Terminal = { input: tty, output: output(), close: () => (closed += 1) };
    const stdin = input(false);
    const password = readPassword({}, stdin, output(), 'Password: ', { commandsOnStdin: true, terminal: () => terminal });
    tty.write('s3cret\r');
    expect(await password).toBe('s3cret');
    expect(closed).toBe(1);
    expect(tty.rawModes).toEqual([true, false]);
  });

  it('opens no terminal when UCWA_PASSWORD is set', async () => {
    const opened: string[] = [];
    expect(await readPassword({ UCWA_PASSWORD: 'p' }, input(false), output(), 'P', { commandsOnStdin: true, terminal: () => (opened.push('tty'), undefined) })).toBe('p');
    expect(opened).toEqual([]);
  });

  it('passwordSource: environment, then a prompt on a terminal stdin, then the first piped line unless stdin carries commands', () => {
    const cases: [NodeJS.ProcessEnv, boolean, boolean, boolean, string][] = [
      [{ UCWA_PASSWORD: 'p' }, false, true, false, 'environment'],
      [{ UCWA_PASSWORD: '' }, true, true, false, 'stdinPrompt'],
      [{}, true, false, false, 'stdinPrompt'],
      [{}, false, false, true, 'stdinFirstLine'],
      [{}, false, true, true, 'terminalPrompt'],
      [{}, false, true, false, 'none'],
    ];
    for (const [env, stdinIsTerminal, commands, terminal, expected] of cases) expect(passwordSource(env, stdinIsTerminal, commands, terminal)).toBe(expected);
  });
});
