import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCommandProblem } from '../../../../main/headless/command-messages';
import { COMMAND_NAMES, MAX_COMMAND_LINE, MAX_FIELD_LENGTH, parseCommandLine, toSipUri, type CommandParse } from '../../../../main/headless/command-parser';
import { translator } from '../../../../shared/i18n';

const ok = (line: string): unknown => {
  const parsed = parseCommandLine(line);
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.problem)}`);
  return parsed.command;
};
const problem = (line: string): CommandParse => parseCommandLine(line);

describe('parseCommandLine', () => {
  it('reads every command, normalising values', () => {
    expect(ok('{"command":"setAvailability","availability":"busy"}')).toEqual({ command: 'setAvailability', availability: 'Busy' });
    expect(ok('{"command":"setAvailability","availability":" DoNotDisturb "}')).toEqual({ command: 'setAvailability', availability: 'DoNotDisturb' });
    expect(ok('{"command":"setNote","note":""}')).toEqual({ command: 'setNote', note: '' });
    expect(ok('{"command":"setNote","note":"  as typed  "}')).toEqual({ command: 'setNote', note: '  as typed  ' });
    expect(ok('{"command":"reset"}')).toEqual({ command: 'reset' });
    expect(ok('{"command":"search","query":" sara ","limit":5}')).toEqual({ command: 'search', query: 'sara', limit: 5 });
    expect(ok('{"command":"search","query":"sara"}')).toEqual({ command: 'search', query: 'sara', limit: 10 });
    expect(ok('{"command":"addContact","uri":"sarad@contoso.com","group":" Lunch crew "}')).toEqual({ command: 'addContact', uri: 'sip:sarad@contoso.com', group: 'Lunch crew' });
    expect(ok('{"command":"addContact","uri":"SIP:sarad@contoso.com"}')).toEqual({ command: 'addContact', uri: 'sip:sarad@contoso.com' });
    expect(ok('{"command":"removeContact","uri":"sip:a@b.com"}')).toEqual({ command: 'removeContact', uri: 'sip:a@b.com' });
    expect(ok('{"command":"removeContact","uri":"sip:a@b.com","group":"3"}')).toEqual({ command: 'removeContact', uri: 'sip:a@b.com', group: '3' });
    expect(ok('{"command":"createGroup","name":" Falcon "}')).toEqual({ command: 'createGroup', name: 'Falcon' });
    expect(ok('{"command":"renameGroup","group":"Falcon","name":"Hawk"}')).toEqual({ command: 'renameGroup', group: 'Falcon', name: 'Hawk' });
    expect(ok('{"command":"deleteGroup","group":"Hawk"}')).toEqual({ command: 'deleteGroup', group: 'Hawk' });
    expect(ok('{"command":"contactCard","uri":"sip:sarad@contoso.com"}')).toEqual({ command: 'contactCard', uri: 'sip:sarad@contoso.com' });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['not JSON', '{"command":', { command: null, problem: { code: 'notJson' } }],
    ['an array', '[{"command":"reset"}]', { command: null, problem: { code: 'notAnObject' } }],
    ['a string', '"reset"', { command: null, problem: { code: 'notAnObject' } }],
    ['null', 'null', { command: null, problem: { code: 'notAnObject' } }],
    ['no command', '{"availability":"Busy"}', { command: null, problem: { code: 'noCommand' } }],
    ['a numeric command', '{"command":3}', { command: null, problem: { code: 'noCommand' } }],
    ['an unknown command', '{"command":"launch"}', { command: null, problem: { code: 'unknownCommand', command: 'launch' } }],
    ['an inherited name', '{"command":"toString"}', { command: null, problem: { code: 'unknownCommand', command: 'toString' } }],
    ['a typo in a field', '{"command":"addContact","uri":"sip:a@b.com","groupName":"x"}', { command: 'addContact', problem: { code: 'unknownField', command: 'addContact', field: 'groupName' } }],
    ['a missing field', '{"command":"renameGroup","group":"x"}', { command: 'renameGroup', problem: { code: 'missingField', command: 'renameGroup', field: 'name' } }],
    ['a number for a string', '{"command":"setNote","note":5}', { command: 'setNote', problem: { code: 'notAString', field: 'note' } }],
    ['null for a string', '{"command":"deleteGroup","group":null}', { command: 'deleteGroup', problem: { code: 'notAString', field: 'group' } }],
    ['an empty name', '{"command":"createGroup","name":"  "}', { command: 'createGroup', problem: { code: 'emptyField', field: 'name' } }],
    ['an unknown availability', '{"command":"setAvailability","availability":"Offline"}', { command: 'setAvailability', problem: { code: 'unknownAvailability', value: 'Offline' } }],
    ['a fractional limit', '{"command":"search","query":"a","limit":2.5}', { command: 'search', problem: { code: 'limitRange', min: 1, max: 100 } }],
    ['a limit out of range', '{"command":"search","query":"a","limit":101}', { command: 'search', problem: { code: 'limitRange', min: 1, max: 100 } }],
    ['a string limit', '{"command":"search","query":"a","limit":"5"}', { command: 'search', problem: { code: 'limitRange', min: 1, max: 100 } }],
    ['not an address', '{"command":"contactCard","uri":"sara"}', { command: 'contactCard', problem: { code: 'notAnAddress', uri: 'sara' } }],
    ['a tel: uri', '{"command":"addContact","uri":"tel:+1425555"}', { command: 'addContact', problem: { code: 'notAnAddress', uri: 'tel:+1425555' } }],
  ])('refuses %s with a typed problem', (_name, line, expected) => {
    expect(problem(line)).toEqual({ ok: false, ...expected });
  });

  it('refuses lines and fields over their caps', () => {
    expect(problem(`{"command":"setNote","note":"${'x'.repeat(MAX_COMMAND_LINE)}"}`)).toEqual({ ok: false, command: null, problem: { code: 'tooLong', max: MAX_COMMAND_LINE } });
    expect(problem(`{"command":"setNote","note":"${'x'.repeat(MAX_FIELD_LENGTH + 1)}"}`)).toMatchObject({ ok: false, problem: { code: 'fieldTooLong', field: 'note' } });
    expect(ok(`{"command":"setNote","note":"${'x'.repeat(MAX_FIELD_LENGTH)}"}`)).toMatchObject({ command: 'setNote' });
  });

  it('echoes at most 100 characters of what it refuses', () => {
    const long = 'y'.repeat(1000);
    expect(problem(`{"command":"${long}"}`)).toMatchObject({ problem: { command: 'y'.repeat(100) } });
    expect(problem(`{"command":"reset","${long}":1}`)).toMatchObject({ problem: { field: 'y'.repeat(100) } });
  });

  it('toSipUri accepts sip: and bare addresses only', () => {
    expect(toSipUri(' Sip:dana@contoso.com ')).toBe('sip:dana@contoso.com');
    expect(toSipUri('dana@contoso.com')).toBe('sip:dana@contoso.com');
    for (const bad of ['', 'dana', 'dana@', '@contoso.com', 'dana@contoso', 'a b@contoso.com', 'mailto:dana@contoso.com', 'sip:a@b@c.com']) expect(toSipUri(bad)).toBeUndefined();
  });

  const typed = (parsed: CommandParse): boolean =>
    parsed.ok ? COMMAND_NAMES.includes(parsed.command.command) : (parsed.command === null || COMMAND_NAMES.includes(parsed.command)) && typeof parsed.problem.code === 'string';

  it('property: any line gives a typed command or a typed problem, with a sentence for the problem', () => {
    const english = translator('en');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (line) => {
        const parsed = parseCommandLine(line);
        expect(typed(parsed)).toBe(true);
        if (!parsed.ok) expect(describeCommandProblem(parsed.problem, english)).toMatch(/\S/);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: any JSON value, and any object with a known command and arbitrary fields, is typed', () => {
    const fields = fc.dictionary(fc.constantFrom('availability', 'note', 'query', 'limit', 'uri', 'group', 'name', 'extra'), fc.jsonValue(), { maxKeys: 4 });
    const objects = fc.tuple(fc.constantFrom(...COMMAND_NAMES), fields).map(([command, rest]) => JSON.stringify({ ...rest, command }));
    fc.assert(
      fc.property(fc.oneof(fc.json(), objects), (line) => {
        const parsed = parseCommandLine(line);
        expect(typed(parsed)).toBe(true);
        // An accepted command holds only values of the right type.
        if (parsed.ok) for (const value of Object.values(parsed.command)) expect(['string', 'number']).toContain(typeof value);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a well-formed command survives a JSON round trip unchanged', () => {
    const commands = fc.oneof(
      fc.record({ command: fc.constant('setNote'), note: fc.string({ maxLength: 200 }) }),
      fc.record({ command: fc.constant('createGroup'), name: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() === s && s !== '') }),
      fc.record({ command: fc.constant('search'), query: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() === s && s !== ''), limit: fc.integer({ min: 1, max: 100 }) }),
    );
    fc.assert(
      fc.property(commands, (command) => {
        expect(parseCommandLine(JSON.stringify(command))).toEqual({ ok: true, command });
      }),
    );
  });
});
