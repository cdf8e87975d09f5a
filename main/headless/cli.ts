/**
 * Headless entry: the same engine as the tray app, in plain Node, for people without a tray and
 * for scripts.
 *
 *   npm run headless -- --user dana@contoso.com [--discover <url>] [--availability Busy] [--note <text>] [--json]
 *
 * Signs in, applies the requested state, keeps it published until Ctrl-C / SIGTERM, then deletes
 * the application and exits 0. Bad input exits non-zero with one line on stderr saying what to fix.
 */
import { asyncScheduler, distinctUntilChanged, skip, type Subscription } from 'rxjs';
import { posixLocalePreferences, resolveLocale, translator } from '../../shared/i18n';
import type { MyPresence } from '../../shared/models';
import { loadAdminPolicy } from '../adapters/admin-policy-file';
import { createEngine } from '../core/engine';
import type { Logger } from '../core/ports';
import { toSessionError } from '../core/session/session-state';
import { people } from '../core/ucwa/people/people';
import { parseCliArgs } from './cli-args';
import { describeFailure, type RefusedHost } from './cli-error';
import { firstSnapshot } from './contact-snapshot';
import { formatLine, type OutputLine } from './cli-output';
import { loadEndpointId } from './endpoint-id';
import { readPassword } from './password';

const USER_AGENT = 'ucwa-presence-tray-headless/0.1.0';
/** Signals closer together than this are one user action delivered twice. */
const DUPLICATE_SIGNAL_MS = 1_000;

async function main(): Promise<number> {
  // LC_ALL / LC_MESSAGES / LANG (and GNU LANGUAGE) pick the words; --json stays language-neutral.
  const messages = translator(resolveLocale(posixLocalePreferences(process.env)));
  const parsed = parseCliArgs(process.argv.slice(2), messages);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(`${parsed.message}\n`);
      return 0;
    }
    return fail(parsed.message, 2);
  }
  const options = parsed.options;
  // The same trust rules as the tray app. There is no window to ask in: a host outside the sign-in
  // domain and the policy's trustedDomains is refused with one line naming it and the policy key.
  // Headless runs from a source checkout (never an installed build), so the development rule for
  // UCWA_TRAY_POLICY applies.
  const policy = await loadAdminPolicy(process.env, process.platform, false, {
    log: (level, message, fields) => {
      if (options.verbose || level === 'error') process.stderr.write(`[${level}] ${message}${fields === undefined ? '' : ` ${JSON.stringify(fields)}`}\n`);
    },
  });

  const password = await readPassword(process.env, process.stdin, process.stderr, messages.t('cli.passwordPrompt')).catch(() => '');
  if (password === '') return fail(messages.t('cli.noPassword'), 2);

  const endpoint = loadEndpointId();
  const logger: Logger = {
    log: (level, message, fields) => {
      if (!options.verbose && level !== 'error') return;
      const extra = fields === undefined ? '' : ` ${JSON.stringify(fields)}`;
      process.stderr.write(`[${level}] ${message}${extra}\n`);
    },
  };
  if (!endpoint.persisted) logger.log('warn', 'could not store the endpoint id; using a new one for this run');

  // Without a window to ask in, a host outside the sign-in domain is refused; noting which one lets
  // the error line name it.
  let refused: RefusedHost | undefined;
  const engine = createEngine(
    {
      fetch: (input, init) => fetch(input, init),
      scheduler: asyncScheduler,
      logger,
      // Headless means "keep me available": always report activity.
      idle: { idleSeconds: () => 0 },
      endpointId: endpoint.id,
      userAgent: USER_AGENT,
      culture: messages.locale,
      trustPrompt: (domain, host) => {
        refused = { domain, host };
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

  // Ends the run: a signal (exit 0 after sign-out) or a problem the user must fix (exit 1).
  let finish: (end: RunEnd) => void = () => undefined;
  const stop = new Promise<RunEnd>((resolve) => {
    finish = resolve;
  });
  let stoppingSince: number | undefined;
  const onSignal = (): void => {
    if (stoppingSince === undefined) {
      stoppingSince = Date.now();
      finish({ code: 0 });
      return;
    }
    // A terminal's Ctrl-C reaches npm, tsx and us at once, and tsx relays it again: ignore the echo.
    // A deliberate second Ctrl-C later means "do not wait for the server".
    if (Date.now() - stoppingSince > DUPLICATE_SIGNAL_MS) process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const print = (line: OutputLine): void => {
    process.stdout.write(`${formatLine(line, options.json, messages)}\n`);
  };
  // My presence once we are online and the server has said something: the engine starts from a
  // placeholder, which distinctUntilChanged + skip(1) leave out.
  let online = false;
  let serverPresence: MyPresence | undefined;
  const output: Subscription[] = [
    engine.session$.pipe(skip(1)).subscribe((session) => {
      print({ type: 'session', session });
      if (session.state === 'online' && !online) {
        online = true;
        if (serverPresence) print({ type: 'presence', presence: serverPresence });
      }
      // After sign-in, an error state is something retrying cannot fix (e.g. the password changed).
      if (session.state === 'error' && online) finish({ code: 1, message: describeFailure(session.error, refused, messages) });
    }),
    engine.presence$
      .pipe(
        distinctUntilChanged((a: MyPresence, b: MyPresence) => a.availability === b.availability && a.note === b.note),
        skip(1),
      )
      .subscribe((presence) => {
        serverPresence = presence;
        if (online) print({ type: 'presence', presence });
      }),
    firstSnapshot(engine.contacts$, asyncScheduler).subscribe((list) => print({ type: 'contacts', list })),
    engine.changes$.subscribe((change) => print({ type: 'change', change })),
  ];

  try {
    await Promise.race([
      engine.signIn(
        { address: options.user, password, ...(options.discover !== undefined ? { discoveryUrl: options.discover } : {}) },
        { ...(options.availability !== undefined ? { availability: options.availability } : {}), ...(options.note !== undefined ? { note: options.note } : {}) },
      ),
      stop,
    ]);
  } catch (error) {
    output.forEach((s) => s.unsubscribe());
    await engine.dispose().catch(() => undefined);
    return fail(describeFailure(toSessionError(error), refused, messages), 1);
  }

  const end = await stop;
  // Deletes the application (sign-out) and completes every stream.
  await engine.dispose().catch((error: unknown) => logger.log('error', 'sign-out failed', { error: toSessionError(error).message }));
  output.forEach((s) => s.unsubscribe());
  return end.message === undefined ? end.code : fail(end.message, end.code);
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
