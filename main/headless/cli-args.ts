import { englishTranslator, type Translator } from '../../shared/i18n';
import { isSettableAvailability, SETTABLE_AVAILABILITIES, type SettableAvailability } from '../../shared/availability';

/** What `npm run headless -- …` was asked to do. The password is never an argument. */
export interface CliOptions {
  /** Sign-in address as typed (`dana@contoso.com` or `sip:dana@contoso.com`). */
  readonly user: string;
  readonly discover?: string;
  readonly availability?: SettableAvailability;
  readonly note?: string;
  readonly json: boolean;
  /** Engine log lines on stderr. */
  readonly verbose: boolean;
}

/** Why the arguments cannot be used: a code and the values its sentence names, worded by `describeCliProblem`. */
export type CliProblem =
  | { readonly code: 'passwordArgument' }
  | { readonly code: 'takesNoValue'; readonly flag: string }
  | { readonly code: 'unknownArgument'; readonly argument: string }
  | { readonly code: 'needsValue'; readonly flag: string }
  | { readonly code: 'givenTwice'; readonly flag: string }
  | { readonly code: 'userRequired' }
  | { readonly code: 'notAnAddress'; readonly user: string }
  | { readonly code: 'discoverNotUrl'; readonly url: string }
  | { readonly code: 'unknownAvailability'; readonly value: string };

export type CliParse =
  | { readonly ok: true; readonly options: CliOptions }
  | { readonly ok: false; readonly help: true; readonly message: string }
  | { readonly ok: false; readonly help: false; readonly problem: CliProblem; readonly message: string };

/** The `--help` text in `messages`' language. */
export function usage(messages: Translator = englishTranslator()): string {
  return messages.t('cli.usage', { values: SETTABLE_AVAILABILITIES.join(', ') });
}

/** One sentence saying what to fix, in `messages`' language. */
export function describeCliProblem(problem: CliProblem, messages: Translator = englishTranslator()): string {
  switch (problem.code) {
    case 'passwordArgument':
      return messages.t('cli.passwordArgument');
    case 'takesNoValue':
      return messages.t('cli.takesNoValue', { flag: problem.flag });
    case 'unknownArgument':
      return messages.t('cli.unknownArgument', { argument: problem.argument });
    case 'needsValue':
      return messages.t('cli.needsValue', { flag: problem.flag });
    case 'givenTwice':
      return messages.t('cli.givenTwice', { flag: problem.flag });
    case 'userRequired':
      return messages.t('cli.userRequired');
    case 'notAnAddress':
      return messages.t('cli.notAnAddress', { user: problem.user });
    case 'discoverNotUrl':
      return messages.t('cli.discoverNotUrl', { url: problem.url });
    case 'unknownAvailability':
      return messages.t('cli.unknownAvailability', { value: problem.value, values: SETTABLE_AVAILABILITIES.join(', ') });
  }
}

const VALUE_FLAGS = new Set(['--user', '--discover', '--availability', '--note']);
const BOOLEAN_FLAGS = new Set(['--json', '--verbose', '--help', '-h']);

/**
 * Parses the CLI arguments (without `node` and the script). Every problem becomes ONE typed problem
 * and its sentence in `messages`' language, saying what to fix. Accepts `--flag value` and
 * `--flag=value`; availability is case-insensitive.
 */
export function parseCliArgs(argv: readonly string[], messages: Translator = englishTranslator()): CliParse {
  const fail = (problem: CliProblem): CliParse => ({ ok: false, help: false, problem, message: describeCliProblem(problem, messages) });
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    // The value is never kept: it may be the password itself.
    if (name === '--password') return fail({ code: 'passwordArgument' });
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq > 0) return fail({ code: 'takesNoValue', flag: name });
      flags.add(name);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) return fail({ code: 'unknownArgument', argument: arg });
    const value = eq > 0 ? arg.slice(eq + 1) : argv[(i += 1)];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) return fail({ code: 'needsValue', flag: name });
    if (values.has(name)) return fail({ code: 'givenTwice', flag: name });
    values.set(name, value);
  }
  if (flags.has('--help') || flags.has('-h')) return { ok: false, help: true, message: usage(messages) };

  const user = values.get('--user')?.trim();
  if (user === undefined || user === '') return fail({ code: 'userRequired' });
  if (!/^(sip:)?[^@\s:]+@[^@\s]+\.[^@\s]+$/i.test(user)) return fail({ code: 'notAnAddress', user });

  const discover = values.get('--discover');
  if (discover !== undefined && !isHttpUrl(discover)) return fail({ code: 'discoverNotUrl', url: discover });

  const rawAvailability = values.get('--availability');
  let availability: SettableAvailability | undefined;
  if (rawAvailability !== undefined) {
    const match = SETTABLE_AVAILABILITIES.find((value) => value.toLowerCase() === rawAvailability.trim().toLowerCase());
    if (match === undefined || !isSettableAvailability(match)) return fail({ code: 'unknownAvailability', value: rawAvailability });
    availability = match;
  }

  const note = values.get('--note');
  return {
    ok: true,
    options: {
      user,
      json: flags.has('--json'),
      verbose: flags.has('--verbose'),
      ...(discover !== undefined ? { discover } : {}),
      ...(availability !== undefined ? { availability } : {}),
      ...(note !== undefined ? { note } : {}),
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
