import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPassword } from '../../../../main/headless/password';

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
});
