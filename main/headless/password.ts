import { englishTranslator } from '../../shared/i18n';

/**
 * Reads the password: `UCWA_PASSWORD`, else a prompt on the terminal with echo off, else (stdin not
 * a terminal, e.g. piped from a secret manager) the first line of stdin. Never from argv.
 * `label` is the prompt's text, in the user's language.
 */
export async function readPassword(
  env: NodeJS.ProcessEnv,
  input: NodeJS.ReadStream,
  prompt: NodeJS.WriteStream,
  label = englishTranslator().t('cli.passwordPrompt'),
): Promise<string> {
  const fromEnv = env['UCWA_PASSWORD'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return input.isTTY ? promptHidden(input, prompt, label) : firstLine(input);
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
