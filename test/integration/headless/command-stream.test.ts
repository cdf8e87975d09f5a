import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import { cliRunner, PASSWORD, type Run } from './cli-process';

/**
 * The --json command stream end to end: the CLI spawned as a user runs it, a script of NDJSON lines
 * on its stdin (bad ones included), each answer checked on stdout and each change checked in the
 * simulator's own truth, against a server with contact-list management and a read-only one.
 */
let configHome: string;
const { run, killAll } = cliRunner(() => configHome);
/** English answers whatever the machine running the tests is set to. */
const ENGLISH = { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' };

interface SimUser {
  availability: string;
  note: string;
  applications: unknown[];
  groups: { id: string; name: string; kind: string; contacts: { uri: string }[] }[];
}

/** The simulator's control API for Dana. */
function truth(sim: SimulatorHandle) {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${sim.origin}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
    });
    const text = await response.text();
    return text ? JSON.parse(text) : {};
  };
  return {
    call,
    dana: async () => (await call('GET', '/_sim/users/dana@contoso.com')) as SimUser,
  };
}

/** Writes one line and resolves with every stdout line up to and including its `result` answer. */
async function send(cli: Run, line: string): Promise<Record<string, unknown>[]> {
  const from = cli.stdout.length;
  cli.child.stdin!.write(`${line}\n`);
  await cli.waitFor((l) => l['type'] === 'result', from);
  const lines = cli.stdout.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>);
  return lines.slice(0, lines.findIndex((l) => l['type'] === 'result') + 1).filter((l) => l['type'] !== 'change' && l['type'] !== 'presence');
}

const result = (answers: Record<string, unknown>[]): Record<string, unknown> => answers[answers.length - 1]!;

async function online(sim: SimulatorHandle, env: Record<string, string> = {}): Promise<Run> {
  const cli = run(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--json'], { ...ENGLISH, ...env });
  await cli.waitFor((l) => l['type'] === 'session' && l['state'] === 'online');
  return cli;
}

beforeAll(() => {
  configHome = mkdtempSync(join(tmpdir(), 'e2-headless-commands-'));
});
afterEach(() => killAll());
afterAll(() => rmSync(configHome, { recursive: true, force: true }));

describe('headless --json command stream, server with contact-list management', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.stop());

  it('answers bad lines with ok:false and goes on', async () => {
    const cli = await online(sim);
    expect(result(await send(cli, 'not json'))).toEqual({
      type: 'result',
      command: null,
      ok: false,
      reason: 'notJson',
      error: 'The line is not JSON: send one JSON object per line, e.g. {"command":"reset"}.',
    });
    expect(result(await send(cli, '{"command":"launchRockets"}'))).toMatchObject({ command: null, ok: false, reason: 'unknownCommand', error: expect.stringContaining('"launchRockets"') });
    expect(result(await send(cli, '{"command":"setAvailability","availability":7}'))).toMatchObject({ command: 'setAvailability', ok: false, reason: 'notAString' });
    expect(result(await send(cli, '{"command":"addContact","uri":"sip:sarahj@contoso.com","groupName":"Lunch crew"}'))).toMatchObject({
      command: 'addContact',
      ok: false,
      reason: 'unknownField',
    });
    // A huge line is refused whole (never parsed, never held in memory) and the next line still works.
    expect(result(await send(cli, `{"command":"setNote","note":"${'x'.repeat(100_000)}"}`))).toMatchObject({ command: null, ok: false, reason: 'tooLong' });
    expect(result(await send(cli, '{"command":"setAvailability","availability":"BeRightBack"}'))).toEqual({ type: 'result', command: 'setAvailability', ok: true });
    expect((await truth(sim).dana()).availability).toBe('BeRightBack');
    // Nothing but JSON objects with a type on stdout, and no secret anywhere.
    for (const line of cli.stdout) expect(JSON.parse(line)).toHaveProperty('type');
    expect([...cli.stdout, ...cli.stderr].join('\n')).not.toContain(PASSWORD);
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
  });

  it('sets presence and note, searches, manages a group end to end, shows a card; the session outlives stdin', async () => {
    const sim$ = truth(sim);
    const cli = await online(sim);

    expect(result(await send(cli, '{"command":"setAvailability","availability":"busy"}'))).toMatchObject({ ok: true });
    expect(result(await send(cli, '{"command":"setNote","note":"scripted note"}'))).toMatchObject({ ok: true });
    expect(await sim$.dana()).toMatchObject({ availability: 'Busy', note: 'scripted note' });
    expect(result(await send(cli, '{"command":"reset"}'))).toMatchObject({ command: 'reset', ok: true });
    expect((await sim$.dana()).availability).not.toBe('Busy');

    const [found, searched] = await send(cli, '{"command":"search","query":"sara","limit":10}');
    expect(searched).toEqual({ type: 'result', command: 'search', ok: true });
    expect(found).toMatchObject({ type: 'searchResults', query: 'sara' });
    const results = found!['results'] as Record<string, unknown>[];
    expect(results.map((r) => r['uri'])).toEqual(['sip:sarad@contoso.com', 'sip:sarahj@contoso.com']);
    // Sara is on Dana's list (live presence); Sarah is in the directory only (presence read with the search).
    expect(results[0]).toEqual({ uri: 'sip:sarad@contoso.com', name: 'Sara Davis', title: 'Software Engineer', department: 'Engineering', availability: 'Online' });
    expect(results[1]).toMatchObject({ name: 'Sarah Jones', availability: 'Online' });

    const group = async (name: string) => (await sim$.dana()).groups.find((g) => g.name === name);
    expect(result(await send(cli, '{"command":"createGroup","name":"Scripted"}'))).toMatchObject({ command: 'createGroup', ok: true });
    expect(await group('Scripted')).toMatchObject({ kind: 'personal', contacts: [] });
    // By name, in another case: the group just made is already on the list the CLI resolves against.
    expect(result(await send(cli, '{"command":"addContact","uri":"sarahj@contoso.com","group":"scripted"}'))).toMatchObject({ ok: true });
    expect((await group('Scripted'))!.contacts.map((c) => c.uri)).toEqual(['sip:sarahj@contoso.com']);
    expect(result(await send(cli, '{"command":"renameGroup","group":"Scripted","name":"Scripted too"}'))).toMatchObject({ ok: true });
    expect(await group('Scripted')).toBeUndefined();
    const renamed = await group('Scripted too');
    expect(renamed!.contacts).toHaveLength(1);
    // By id this time.
    expect(result(await send(cli, `{"command":"removeContact","uri":"sip:sarahj@contoso.com","group":"${renamed!.id}"}`))).toMatchObject({ ok: true });
    expect((await group('Scripted too'))!.contacts).toEqual([]);

    // No group: from every group.
    await send(cli, '{"command":"addContact","uri":"sip:sarahj@contoso.com","group":"Scripted too"}');
    await send(cli, '{"command":"addContact","uri":"sip:sarahj@contoso.com","group":"Lunch crew"}');
    expect((await sim$.dana()).groups.filter((g) => g.contacts.some((c) => c.uri === 'sip:sarahj@contoso.com'))).toHaveLength(2);
    expect(result(await send(cli, '{"command":"removeContact","uri":"sip:sarahj@contoso.com"}'))).toMatchObject({ command: 'removeContact', ok: true });
    expect((await sim$.dana()).groups.some((g) => g.contacts.some((c) => c.uri === 'sip:sarahj@contoso.com'))).toBe(false);

    expect(result(await send(cli, '{"command":"deleteGroup","group":"Scripted too"}'))).toMatchObject({ command: 'deleteGroup', ok: true });
    expect(await group('Scripted too')).toBeUndefined();

    const [card, shown] = await send(cli, '{"command":"contactCard","uri":"sip:sarad@contoso.com"}');
    expect(shown).toEqual({ type: 'result', command: 'contactCard', ok: true });
    expect(card).toMatchObject({
      type: 'contactCard',
      uri: 'sip:sarad@contoso.com',
      name: 'Sara Davis',
      title: 'Software Engineer',
      company: 'Contoso',
      note: { message: 'Shipping Falcon this week', type: 'personal' },
      hasPhoto: true,
      availability: 'Online',
    });

    // stdin ends: command reading stops, the session does not (a change still arrives), SIGINT signs out.
    cli.child.stdin!.end();
    const before = cli.stdout.length;
    await sim$.call('POST', '/_sim/users/dana@contoso.com/groups', { name: 'After stdin' });
    await cli.waitFor((l) => l['type'] === 'change' && l['kind'] === 'groupAdded' && l['group'] === 'After stdin', before);
    expect((await sim$.dana()).applications).toHaveLength(1);
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
    expect((await sim$.dana()).applications).toHaveLength(0);
  }, 90_000);

  it('says which group to pick when a reference is ambiguous or unknown, and the server\'s refusals', async () => {
    const sim$ = truth(sim);
    const falcon = (await sim$.dana()).groups.find((g) => g.name === 'Project Falcon')!;
    // A group named like another group's id.
    await sim$.call('POST', '/_sim/users/dana@contoso.com/groups', { name: falcon.id });
    const cli = await online(sim);
    const ambiguous = result(await send(cli, `{"command":"deleteGroup","group":"${falcon.id}"}`));
    expect(ambiguous).toMatchObject({ command: 'deleteGroup', ok: false, reason: 'groupAmbiguous' });
    expect(ambiguous['error']).toContain(`Project Falcon (${falcon.id})`);
    expect((await sim$.dana()).groups.filter((g) => g.id === falcon.id || g.name === falcon.id)).toHaveLength(2);

    expect(result(await send(cli, '{"command":"addContact","uri":"sip:sarahj@contoso.com","group":"Nowhere"}'))).toEqual({
      type: 'result',
      command: 'addContact',
      ok: false,
      reason: 'groupNotFound',
      error: 'No group "Nowhere" on the contact list: use a group name or id from the contacts line.',
    });
    expect(result(await send(cli, '{"command":"createGroup","name":"Lunch crew"}'))).toMatchObject({ ok: false, reason: 'alreadyExists' });
    expect(result(await send(cli, '{"command":"deleteGroup","group":"Pinned Contacts"}'))).toMatchObject({ ok: false, reason: 'notSupported', error: 'This group cannot be changed.' });
    expect(result(await send(cli, '{"command":"contactCard","uri":"sip:nobody@contoso.com"}'))).toMatchObject({ command: 'contactCard', ok: false, reason: 'notFound' });
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
  }, 60_000);

  it('never reads the password from the command stream: piped stdin without UCWA_PASSWORD is refused', async () => {
    const cli = run(['--user', 'dana@contoso.com', '--discover', sim.rootUrl, '--json'], { ...ENGLISH, UCWA_PASSWORD: '' });
    cli.child.stdin!.end(`${PASSWORD}\n{"command":"reset"}\n`);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr).toEqual([
      'With --json, stdin carries commands, so the password is not read from it: set UCWA_PASSWORD, or run from a terminal to be asked there.',
    ]);
    expect(cli.stdout).toEqual([]);
  });
});

describe('headless --json command stream, read-only contact list', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ config: { contactListManagement: false } });
  });
  afterAll(() => sim.stop());

  it('refuses every change with the reason, still searches, shows cards and sets presence', async () => {
    const sim$ = truth(sim);
    const before = await sim$.dana();
    const cli = await online(sim);
    const unavailable = { ok: false, reason: 'unavailable', error: 'Your server does not allow changing the contact list.' };
    expect(result(await send(cli, '{"command":"createGroup","name":"Scripted"}'))).toMatchObject({ command: 'createGroup', ...unavailable });
    expect(result(await send(cli, '{"command":"addContact","uri":"sip:sarahj@contoso.com","group":"Lunch crew"}'))).toMatchObject({ command: 'addContact', ...unavailable });
    expect(result(await send(cli, '{"command":"removeContact","uri":"sip:sarad@contoso.com"}'))).toMatchObject({ command: 'removeContact', ...unavailable });
    expect(result(await send(cli, '{"command":"renameGroup","group":"Lunch crew","name":"Dinner crew"}'))).toMatchObject({ command: 'renameGroup', ...unavailable });
    expect(result(await send(cli, '{"command":"deleteGroup","group":"Lunch crew"}'))).toMatchObject({ command: 'deleteGroup', ...unavailable });
    expect((await sim$.dana()).groups).toEqual(before.groups);

    const [found] = await send(cli, '{"command":"search","query":"sarah"}');
    expect((found!['results'] as { uri: string }[]).map((r) => r.uri)).toEqual(['sip:sarahj@contoso.com']);
    expect((await send(cli, '{"command":"contactCard","uri":"sip:manishc@contoso.com"}'))[0]).toMatchObject({ type: 'contactCard', name: 'Manish Chopra' });
    expect(result(await send(cli, '{"command":"setAvailability","availability":"Away"}'))).toMatchObject({ ok: true });
    expect((await sim$.dana()).availability).toBe('Away');
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
  }, 60_000);
});
