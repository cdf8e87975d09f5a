import type { Translator } from '../../shared/i18n';
import { answerLine, type CommandAnswer, type CommandTarget } from './command-dispatcher';
import { MAX_COMMAND_LINE } from './command-parser';
import { createLineSplitter, type StreamLine } from './line-splitter';

/** Lines read ahead of the one being carried out before reading pauses (memory stays bounded). */
export const MAX_QUEUED_LINES = 64;

/** A running command stream; `stop` detaches it from the input. */
export interface CommandStream {
  /** Resolves when the input has ended and every line read has been answered. */
  readonly drained: Promise<void>;
  stop(): void;
}

/**
 * Reads NDJSON commands from `input` and writes each answer with `answer`, one line at a time and in
 * order (a command starts when the previous one has been answered, so answers never interleave and
 * a script can rely on its own order). The end of the input ends the reading, not the session.
 */
export function readCommands(input: NodeJS.ReadableStream, target: CommandTarget, messages: Translator, answer: (line: CommandAnswer) => void): CommandStream {
  const splitter = createLineSplitter(MAX_COMMAND_LINE);
  let queued = 0;
  let stopped = false;
  let chain = Promise.resolve();
  let ended: () => void = () => undefined;
  const drained = new Promise<void>((resolve) => {
    ended = resolve;
  });

  const enqueue = (lines: readonly StreamLine[]): void => {
    for (const line of lines) {
      queued += 1;
      chain = chain
        .then(() => (stopped ? [] : answerLine(line, target, messages)))
        .then((answers) => answers.forEach((a) => !stopped && answer(a)))
        .finally(() => {
          queued -= 1;
          if (queued < MAX_QUEUED_LINES / 2 && !stopped) input.resume();
        });
    }
    if (queued >= MAX_QUEUED_LINES) input.pause();
  };
  const onData = (chunk: Buffer | string): void => enqueue(splitter.push(chunk));
  const onEnd = (): void => {
    enqueue(splitter.end());
    void chain.then(() => ended());
  };
  input.on('data', onData);
  input.on('end', onEnd);
  input.resume();
  return {
    drained,
    stop: () => {
      stopped = true;
      input.off('data', onData);
      input.off('end', onEnd);
      input.pause();
    },
  };
}
