import { openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { englishTranslator } from '../../shared/i18n';

/** Where the password comes from; see `passwordSource`. */
export type PasswordSource = 'environment' | 'stdinPrompt' | 'stdinFirstLine' | 'terminalPrompt' | 'none';

/**
 * Where to read the password. `UCWA_PASSWORD` first; else a hidden prompt on stdin when it is a
 * terminal (typed lines after the prompt are the user's, so commands may follow it). When stdin is
 * a pipe it is the first line of stdin, unless stdin carries commands (`--json`): then a line of the
 * command stream is never taken for a password, and the prompt goes to the controlling terminal
 * (`/dev/tty`, as ssh and sudo do) when there is one, else there is no password.
 */
export function passwordSource(env: NodeJS.ProcessEnv, stdinIsTerminal: boolean, commandsOnStdin: boolean, hasTerminal: boolean): PasswordSource {
  const fromEnv = env['UCWA_PASSWORD'];
  if (fromEnv !== undefined && fromEnv !== '') return 'environment';
  if (stdinIsTerminal) return 'stdinPrompt';
  if (!commandsOnStdin) return 'stdinFirstLine';
  return hasTerminal ? 'terminalPrompt' : 'none';
}

/** The controlling terminal, opened apart from stdin; `close` releases it. */
export interface Terminal {
  readonly input: NodeJS.ReadStream;
  readonly output: NodeJS.WriteStream;
  close(): void;
}

/** Opens `/dev/tty`; undefined without a controlling terminal (a service, a CI job, Windows). */
export function openTerminal(): Terminal | undefined {
  try {
    const input = new ReadStream(openSync('/dev/tty', 'r'));
    const output = new WriteStream(openSync('/dev/tty', 'w'));
    return {
      input,
      output,
      close: () => {
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    return undefined;
  }
}

/** The password could not be read without taking it from the command stream. */
export class NoPasswordSource extends Error {
  override readonly name = 'NoPasswordSource';
}

/**
 * Reads the password from `passwordSource`'s choice. Never from argv. `label` is the prompt's text,
 * in the user's language. `commandsOnStdin` keeps stdin for the command stream; `terminal` opens
 * the controlling terminal (tests pass their own). Rejects with `NoPasswordSource` when there is none.
 */
export async function readPassword(
  env: NodeJS.ProcessEnv,
  input: NodeJS.ReadStream,
  prompt: NodeJS.WriteStream,
  label = englishTranslator().t('cli.passwordPrompt'),
  { commandsOnStdin = false, terminal = openTerminal }: { readonly commandsOnStdin?: boolean; readonly terminal?: () => Terminal | undefined } = {},
): Promise<string> {
  const isTerminal = input.isTTY === true;
  // Opened only when it would be used: a terminal of its own is the last resort.
  const opened = passwordSource(env, isTerminal, commandsOnStdin, true) === 'terminalPrompt' ? terminal() : undefined;
  switch (passwordSource(env, isTerminal, commandsOnStdin, opened !== undefined)) {
    case 'environment':
      return env['UCWA_PASSWORD'] as string;
    case 'stdinPrompt':
      return promptHidden(input, prompt, label);
    case 'stdinFirstLine':
      return firstLine(input);
    case 'terminalPrompt': {
      const tty = opened as Terminal;
      return promptHidden(tty.input, tty.output, label).finally(() => tty.close());
    }
    case 'none':
      opened?.close();
      throw new NoPasswordSource('stdin carries commands');
  }
}

function promptHidden(input: NodeJS.ReadStream, prompt: NodeJS.WriteStream, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    prompt.write(label);
    let typed = '';
    const done = (error?: Error): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      prompt.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

function firstLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve) => {
    let buffered = '';
    const finish = (): void => {
      input.off('data', onData);
      input.off('end', finish);
      input.pause();
      resolve(buffered.split(/\r?\n/)[0] ?? '');
    };
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      if (buffered.includes('\n')) finish();
    };
    input.on('data', onData);
    input.on('end', finish);
    input.resume();
  });
}
