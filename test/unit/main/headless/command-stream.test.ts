import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandAnswer, CommandTarget } from '../../../../main/headless/command-dispatcher';
import { MAX_QUEUED_LINES, readCommands } from '../../../../main/headless/command-stream';
import { translator } from '../../../../shared/i18n';
import { EMPTY_CONTACT_LIST } from '../../../../shared/models';

/** An engine whose setNote calls finish only when the test says so. */
function slowTarget() {
  const pending: { note: string; done: () => void }[] = [];
  const target = {
    engine: {
      setNote: (note: string) => new Promise<void>((done) => pending.push({ note, done })),
      setAvailability: async () => undefined,
      resetAvailability: async () => undefined,
      directory: {},
    },
    contactList: async () => EMPTY_CONTACT_LIST,
    reflected: async () => undefined,
  } as unknown as CommandTarget;
  return { target, pending };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('readCommands', () => {
  it('answers one line at a time, in order, and drains when the input ends', async () => {
    const input = new PassThrough();
    const { target, pending } = slowTarget();
    const answers: CommandAnswer[] = [];
    const stream = readCommands(input, target, translator('en'), (a) => answers.push(a));
    input.write('{"command":"setNote","note":"a"}\nnope\n{"command":"setNote","note":"b"}\n');
    input.end();
    await tick();
    // The second note waits for the first: a command starts when the previous one is answered.
    expect(pending.map((p) => p.note)).toEqual(['a']);
    pending[0]!.done();
    await tick();
    expect(pending.map((p) => p.note)).toEqual(['a', 'b']);
    pending[1]!.done();
    await stream.drained;
    expect(answers.map((a) => [a.type === 'result' ? a.command : a.type, a.type === 'result' && a.ok])).toEqual([
      ['setNote', true],
      [null, false],
      ['setNote', true],
    ]);
  });

  it('stops reading ahead when too many lines wait, and resumes as they are answered', async () => {
    const input = new PassThrough();
    const { target, pending } = slowTarget();
    readCommands(input, target, translator('en'), () => undefined);
    input.write(`${'{"command":"setNote","note":"n"}\n'.repeat(MAX_QUEUED_LINES)}`);
    await tick();
    expect(input.isPaused()).toBe(true);
    for (let i = 0; i < MAX_QUEUED_LINES; i += 1) {
      pending[i]!.done();
      await tick();
    }
    expect(input.isPaused()).toBe(false);
  });

  it('stop detaches from the input: later lines are not read', async () => {
    const input = new PassThrough();
    const { target, pending } = slowTarget();
    const stream = readCommands(input, target, translator('en'), () => undefined);
    stream.stop();
    input.write('{"command":"setNote","note":"late"}\n');
    await tick();
    expect(pending).toEqual([]);
  });
});
