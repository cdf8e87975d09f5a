import { SETTABLE_AVAILABILITIES, type SettableAvailability } from '../../shared/availability';

/**
 * The commands `--json` reads on stdin, one JSON object a line. Pure: a line is turned into a typed
 * command or a typed problem, never anything in between, so the dispatcher only sees valid input.
 */
export type HeadlessCommand =
  | { readonly command: 'setAvailability'; readonly availability: SettableAvailability }
  | { readonly command: 'setNote'; readonly note: string }
  | { readonly command: 'reset' }
  | { readonly command: 'search'; readonly query: string; readonly limit: number }
  | { readonly command: 'addContact'; readonly uri: string; readonly group?: string }
  | { readonly command: 'removeContact'; readonly uri: string; readonly group?: string }
  | { readonly command: 'createGroup'; readonly name: string }
  | { readonly command: 'renameGroup'; readonly group: string; readonly name: string }
  | { readonly command: 'deleteGroup'; readonly group: string }
  | { readonly command: 'contactCard'; readonly uri: string };

export type CommandName = HeadlessCommand['command'];

/** Why a line is not a command: a code and the values its sentence names. */
export type CommandProblem =
  | { readonly code: 'tooLong'; readonly max: number }
  | { readonly code: 'notJson' }
  | { readonly code: 'notAnObject' }
  | { readonly code: 'noCommand' }
  | { readonly code: 'unknownCommand'; readonly command: string }
  | { readonly code: 'unknownField'; readonly command: CommandName; readonly field: string }
  | { readonly code: 'missingField'; readonly command: CommandName; readonly field: string }
  | { readonly code: 'notAString'; readonly field: string }
  | { readonly code: 'emptyField'; readonly field: string }
  | { readonly code: 'fieldTooLong'; readonly field: string; readonly max: number }
  | { readonly code: 'unknownAvailability'; readonly value: string }
  | { readonly code: 'limitRange'; readonly min: number; readonly max: number }
  | { readonly code: 'notAnAddress'; readonly uri: string };

export type CommandParse =
  | { readonly ok: true; readonly command: HeadlessCommand }
  /** `command` is the command's name when the line named a known one, so the answer can echo it. */
  | { readonly ok: false; readonly command: CommandName | null; readonly problem: CommandProblem };

/** Longest line read as a command; a longer one is refused whole (see `createLineSplitter`). */
export const MAX_COMMAND_LINE = 16_384;
/** Longest string field (the engine and the server refuse far shorter names and notes anyway). */
export const MAX_FIELD_LENGTH = 4_096;
export const DEFAULT_SEARCH_LIMIT = 10;
export const SEARCH_LIMIT_MIN = 1;
export const SEARCH_LIMIT_MAX = 100;

type Field = 'availability' | 'note' | 'query' | 'limit' | 'uri' | 'group' | 'name';

/** Each command's fields; `true` = required. */
const FIELDS: Readonly<Record<CommandName, Readonly<Partial<Record<Field, boolean>>>>> = {
  setAvailability: { availability: true },
  setNote: { note: true },
  reset: {},
  search: { query: true, limit: false },
  addContact: { uri: true, group: false },
  removeContact: { uri: true, group: false },
  createGroup: { name: true },
  renameGroup: { group: true, name: true },
  deleteGroup: { group: true },
  contactCard: { uri: true },
};

/** The command names, in the order the README lists them. */
export const COMMAND_NAMES = Object.keys(FIELDS) as readonly CommandName[];

const isCommandName = (value: string): value is CommandName => Object.prototype.hasOwnProperty.call(FIELDS, value);

/** Parses one line (without its newline). Total: every input gives a command or a problem. */
export function parseCommandLine(line: string): CommandParse {
  if (line.length > MAX_COMMAND_LINE) return refuse(null, { code: 'tooLong', max: MAX_COMMAND_LINE });
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return refuse(null, { code: 'notJson' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse(null, { code: 'notAnObject' });
  const fields = value as Readonly<Record<string, unknown>>;
  const name = fields['command'];
  if (typeof name !== 'string') return refuse(null, { code: 'noCommand' });
  if (!isCommandName(name)) return refuse(null, { code: 'unknownCommand', command: name.slice(0, 100) });
  const checked = checkFields(name, fields);
  return checked === undefined ? build(name, fields) : refuse(name, checked);
}

function refuse(command: CommandName | null, problem: CommandProblem): CommandParse {
  return { ok: false, command, problem };
}

/** A wrong set of fields: an unknown one (a typo must not be ignored), a missing one, a wrong type. */
function checkFields(name: CommandName, fields: Readonly<Record<string, unknown>>): CommandProblem | undefined {
  const allowed = FIELDS[name];
  for (const key of Object.keys(fields)) {
    if (key !== 'command' && !Object.prototype.hasOwnProperty.call(allowed, key)) return { code: 'unknownField', command: name, field: key.slice(0, 100) };
  }
  for (const [field, required] of Object.entries(allowed) as [Field, boolean][]) {
    const given = fields[field];
    if (given === undefined) {
      if (required) return { code: 'missingField', command: name, field };
      continue;
    }
    if (field === 'limit') {
      if (typeof given !== 'number' || !Number.isInteger(given) || given < SEARCH_LIMIT_MIN || given > SEARCH_LIMIT_MAX) {
        return { code: 'limitRange', min: SEARCH_LIMIT_MIN, max: SEARCH_LIMIT_MAX };
      }
      continue;
    }
    if (typeof given !== 'string') return { code: 'notAString', field };
    if (given.length > MAX_FIELD_LENGTH) return { code: 'fieldTooLong', field, max: MAX_FIELD_LENGTH };
    // A note may be empty: that clears it.
    if (field !== 'note' && given.trim() === '') return { code: 'emptyField', field };
  }
  return undefined;
}

/** The typed command from fields `checkFields` accepted; values are normalised here. */
function build(name: CommandName, fields: Readonly<Record<string, unknown>>): CommandParse {
  const text = (field: Field): string => fields[field] as string;
  const group = (): { group?: string } => (fields['group'] === undefined ? {} : { group: text('group').trim() });
  switch (name) {
    case 'setAvailability': {
      const wanted = text('availability').trim().toLowerCase();
      const availability = SETTABLE_AVAILABILITIES.find((value) => value.toLowerCase() === wanted);
      if (availability === undefined) return refuse(name, { code: 'unknownAvailability', value: text('availability').slice(0, 100) });
      return { ok: true, command: { command: name, availability } };
    }
    case 'setNote':
      return { ok: true, command: { command: name, note: text('note') } };
    case 'reset':
      return { ok: true, command: { command: name } };
    case 'search':
      return { ok: true, command: { command: name, query: text('query').trim(), limit: (fields['limit'] as number | undefined) ?? DEFAULT_SEARCH_LIMIT } };
    case 'addContact':
    case 'removeContact':
    case 'contactCard': {
      const uri = toSipUri(text('uri'));
      if (uri === undefined) return refuse(name, { code: 'notAnAddress', uri: text('uri').slice(0, 100) });
      return { ok: true, command: name === 'contactCard' ? { command: name, uri } : { command: name, uri, ...group() } };
    }
    case 'createGroup':
      return { ok: true, command: { command: name, name: text('name').trim() } };
    case 'renameGroup':
      return { ok: true, command: { command: name, group: text('group').trim(), name: text('name').trim() } };
    case 'deleteGroup':
      return { ok: true, command: { command: name, group: text('group').trim() } };
  }
}

/** `sip:name@domain` from `sip:name@domain` or `name@domain` (any case of the scheme); else undefined. */
export function toSipUri(value: string): string | undefined {
  const address = value.trim().replace(/^sip:/i, '');
  return /^[^@\s:]+@[^@\s]+\.[^@\s.]+$/.test(address) ? `sip:${address}` : undefined;
}
