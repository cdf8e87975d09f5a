/**
 * Headless entry: the same engine as the tray app, in plain Node, for people without a tray and
 * for scripts.
 *
 *   npm run headless -- --user dana@contoso.com [--discover <url>] [--availability Busy] [--note <text>] [--json]
 *
 * Signs in, applies the requested state, keeps it published until Ctrl-C / SIGTERM, then deletes
 * the application and exits 0. Bad input exits non-zero with one line on stderr saying what to fix.
 * With --json, stdin carries NDJSON commands (see command-parser.ts), each answered on stdout.
 */
import { asyncScheduler, firstValueFrom, race, timer } from 'rxjs';
import { posixLocalePreferences, resolveLocale, translator, type Translator } from '../../shared/i18n';
import { loadAdminPolicy } from '../adapters/admin-policy-file';
import type { AdminPolicy } from '../core/admin-policy';
import { createEngine } from '../core/engine';
import type { Engine } from '../core/engine-api';
import type { Logger } from '../core/ports';
import { toSessionError } from '../core/session/session-state';
import { people } from '../core/ucwa/people/people';
import { parseCliArgs, type CliOptions } from './cli-args';
import { describeFailure, type RefusedHost } from './cli-error';
import { formatLine, type OutputLine } from './cli-output';
import { REFLECT_WAIT_MS, watchContactList } from './command-dispatcher';
import { readCommands, type CommandStream } from './command-stream';
import { firstSnapshot } from './contact-snapshot';
import { loadEndpointId } from './endpoint-id';
import { NoPasswordSource, readPassword } from './password';
import { printSession } from './session-output';

const USER_AGENT = 'ucwa-presence-tray-headless/0.1.0';
/** Signals closer together than this are one user action delivered twice. */
const DUPLICATE_SIGNAL_MS = 1_000;

async function main(): Promise<number> {
  // LC_ALL / LC_MESSAGES / LANG (and GNU LANGUAGE) pick the words; --json stays language-neutral.
  const messages = translator(resolveLocale(posixLocalePreferences(process.env)));
  const parsed = parseCliArgs(process.argv.slice(2), messages);
  if (!parsed.ok) {
    if (!parsed.help) return fail(parsed.message, 2);
    process.stdout.write(`${parsed.message}\n`);
    return 0;
  }
  const options = parsed.options;
  const policy = await loadPolicy(options);
  const password = await askPassword(options, messages);
  if (password.problem !== undefined) return fail(password.problem, 2);

  const logger = stderrLogger(options.verbose);
  const endpoint = loadEndpointId();
  if (!endpoint.persisted) logger.log('warn', 'could not store the endpoint id; using a new one for this run');
  // Without a window to ask in, a host outside the sign-in domain is refused; noting which one lets
  // the error line name it.
  const refusal: { host?: RefusedHost } = {};
  const engine = buildEngine(policy, logger, endpoint.id, messages, refusal);
  const run = awaitStop();
  const print = (line: OutputLine): void => {
    process.stdout.write(`${formatLine(line, options.json, messages)}\n`);
  };
  const output = printSession(engine, asyncScheduler, print, (error) => run.finish({ code: 1, message: describeFailure(error, refusal.host, messages) }));
  const close = (): void => output.forEach((s) => s.unsubscribe());

  try {
    await Promise.race([
      engine.signIn(
        { address: options.user, password: password.value, ...(options.discover !== undefined ? { discoveryUrl: options.discover } : {}) },
        { ...(options.availability !== undefined ? { availability: options.availability } : {}), ...(options.note !== undefined ? { note: options.note } : {}) },
      ),
      run.stopped,
    ]);
  } catch (error) {
    close();
    await engine.dispose().catch(() => undefined);
    return fail(describeFailure(toSessionError(error), refusal.host, messages), 1);
  }

  const commands = options.json ? await Promise.race([startCommands(engine, messages), run.stopped.then(() => undefined)]) : undefined;
  const end = await run.stopped;
  commands?.stop();
  // Deletes the application (sign-out) and completes every stream.
  await engine.dispose().catch((error: unknown) => logger.log('error', 'sign-out failed', { error: toSessionError(error).message }));
  close();
  return end.message === undefined ? end.code : fail(end.message, end.code);
}

/**
 * The same trust rules as the tray app. There is no window to ask in: a host outside the sign-in
 * domain and the policy's trustedDomains is refused with one line naming it and the policy key.
 * Headless runs from a source checkout (never an installed build), so the development rule for
 * UCWA_TRAY_POLICY applies.
 */
function loadPolicy(options: CliOptions): Promise<AdminPolicy> {
  return loadAdminPolicy(process.env, process.platform, false, {
    log: (level, message, fields) => {
      if (options.verbose || level === 'error') process.stderr.write(`[${level}] ${message}${fields === undefined ? '' : ` ${JSON.stringify(fields)}`}\n`);
    },
  });
}

/**
 * The password, or the line saying why there is none. With --json stdin is the command stream, so
 * it is never read for the password (see `passwordSource`).
 */
async function askPassword(options: CliOptions, messages: Translator): Promise<{ value: string; problem?: undefined } | { problem: string }> {
  try {
    const value = await readPassword(process.env, process.stdin, process.stderr, messages.t('cli.passwordPrompt'), { commandsOnStdin: options.json });
    return value === '' ? { problem: messages.t('cli.noPassword') } : { value };
  } catch (error) {
    return { problem: messages.t(error instanceof NoPasswordSource ? 'cli.noPasswordForCommands' : 'cli.noPassword') };
  }
}

function stderrLogger(verbose: boolean): Logger {
  return {
    log: (level, message, fields) => {
      if (!verbose && level !== 'error') return;
      const extra = fields === undefined ? '' : ` ${JSON.stringify(fields)}`;
      process.stderr.write(`[${level}] ${message}${extra}\n`);
    },
  };
}

function buildEngine(policy: AdminPolicy, logger: Logger, endpointId: string, messages: Translator, refusal: { host?: RefusedHost }): Engine {
  return createEngine(
    {
      fetch: (input, init) => fetch(input, init),
      scheduler: asyncScheduler,
      logger,
      // Headless means "keep me available": always report activity.
      idle: { idleSeconds: () => 0 },
      endpointId,
      userAgent: USER_AGENT,
      culture: messages.locale,
      trustPrompt: (domain, host) => {
        refusal.host = { domain, host };
        return Promise.resolve(false);
      },
    },
    {
      people,
      trust: {
        ...(policy.trustedDomains !== undefined ? { trustedDomains: policy.trustedDomains } : {}),
        ...(policy.allowInsecureHttp !== undefined ? { allowInsecureHttp: policy.allowInsecureHttp } : {}),
      },
    },
  );
}

/**
 * Ends the run: a signal (exit 0 after sign-out) or a problem the user must fix (exit 1). A
 * terminal's Ctrl-C reaches npm, tsx and us at once, and tsx relays it again: the echo is ignored;
 * a deliberate second Ctrl-C later means "do not wait for the server".
 */
function awaitStop(): { readonly stopped: Promise<RunEnd>; finish(end: RunEnd): void } {
  let finish: (end: RunEnd) => void = () => undefined;
  const stopped = new Promise<RunEnd>((resolve) => {
    finish = resolve;
  });
  let stoppingSince: number | undefined;
  const onSignal = (): void => {
    if (stoppingSince === undefined) {
      stoppingSince = Date.now();
      finish({ code: 0 });
    } else if (Date.now() - stoppingSince > DUPLICATE_SIGNAL_MS) process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { stopped, finish: (end) => finish(end) };
}

/**
 * With --json, stdin carries NDJSON commands, read once the contacts snapshot is out (group names
 * resolve and contacts' presence is known; at most `REFLECT_WAIT_MS` after sign-in when the list
 * never comes); answers go to stdout between the other lines. When stdin ends (a script's last
 * line, `< /dev/null`), command reading ends and the session stays up until a signal.
 */
async function startCommands(engine: Engine, messages: Translator): Promise<CommandStream> {
  await firstValueFrom(race(firstSnapshot(engine.contacts$, asyncScheduler), timer(REFLECT_WAIT_MS, asyncScheduler)), { defaultValue: undefined });
  const target = { engine, ...watchContactList(engine.contacts$, asyncScheduler) };
  return readCommands(process.stdin, target, messages, (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`));
}

interface RunEnd {
  readonly code: number;
  readonly message?: string;
}

function fail(message: string, code: number): number {
  process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${describeFailure(toSessionError(error), undefined, translator(resolveLocale(posixLocalePreferences(process.env))))}\n`);
    process.exit(1);
  },
);
