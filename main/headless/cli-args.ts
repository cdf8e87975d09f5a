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

export type CliParse =
  | { readonly ok: true; readonly options: CliOptions }
  | { readonly ok: false; readonly help: true; readonly message: string }
  | { readonly ok: false; readonly help: false; readonly message: string };

export const USAGE =
  'usage: npm run headless -- --user <sign-in address> [--discover <url>] [--availability <value>] [--note <text>] [--json] [--verbose]\n' +
  `  --availability  one of ${SETTABLE_AVAILABILITIES.join(', ')}\n` +
  '  password: from UCWA_PASSWORD, else prompted for (never an argument)';

const VALUE_FLAGS = new Set(['--user', '--discover', '--availability', '--note']);
const BOOLEAN_FLAGS = new Set(['--json', '--verbose', '--help', '-h']);

/**
 * Parses the CLI arguments (without `node` and the script). Every problem becomes ONE message that
 * says what to fix. Accepts `--flag value` and `--flag=value`; availability is case-insensitive.
 */
export function parseCliArgs(argv: readonly string[]): CliParse {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--password') {
      return fail('--password is not accepted (it would show in the process list): set UCWA_PASSWORD or type it when asked.');
    }
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq > 0) return fail(`${name} takes no value.`);
      flags.add(name);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) return fail(`Unknown argument "${arg}". ${shortUsage()}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[(i += 1)];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) return fail(`${name} needs a value. ${shortUsage()}`);
    if (values.has(name)) return fail(`${name} is given twice.`);
    values.set(name, value);
  }
  if (flags.has('--help') || flags.has('-h')) return { ok: false, help: true, message: USAGE };

  const user = values.get('--user')?.trim();
  if (user === undefined || user === '') return fail(`--user is required. ${shortUsage()}`);
  if (!/^(sip:)?[^@\s:]+@[^@\s]+\.[^@\s]+$/i.test(user)) {
    return fail(`"${user}" is not a sign-in address: use the form name@domain.com.`);
  }

  const discover = values.get('--discover');
  if (discover !== undefined && !isHttpUrl(discover)) {
    return fail(`--discover "${discover}" is not an http(s) URL: give the autodiscover root, e.g. https://lyncdiscover.contoso.com/.`);
  }

  const rawAvailability = values.get('--availability');
  let availability: SettableAvailability | undefined;
  if (rawAvailability !== undefined) {
    const match = SETTABLE_AVAILABILITIES.find((value) => value.toLowerCase() === rawAvailability.trim().toLowerCase());
    if (match === undefined || !isSettableAvailability(match)) {
      return fail(`Unknown availability "${rawAvailability}": use one of ${SETTABLE_AVAILABILITIES.join(', ')}.`);
    }
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

function shortUsage(): string {
  return 'Run with --help for usage.';
}

function fail(message: string): CliParse {
  return { ok: false, help: false, message };
}
