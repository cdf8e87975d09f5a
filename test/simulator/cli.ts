import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DirectoryFile } from './directory';
import { demoDirectory, startSimulator } from './index';

/**
 * `npm run sim -- [--port N] [--users file.json] [--quiet] [--churn S] [--read-only-contacts]`: runs
 * the simulator until Ctrl-C. `--read-only-contacts` serves a contact list without the UCWA 2.0
 * management resources. Default port 8181; `--port 0` picks a free one. `--churn S` makes a random contact change
 * availability every S seconds (through the control API, like a test would), for a lively demo.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8181' },
      users: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      churn: { type: 'string' },
      'read-only-contacts': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const users = values.users === undefined ? undefined : (JSON.parse(readFileSync(values.users, 'utf8')) as DirectoryFile);
  const sim = await startSimulator({
    port,
    ...(users ? { users } : {}),
    ...(values['read-only-contacts'] ? { config: { contactListManagement: false } } : {}),
    onRequest: values.quiet ? undefined : (e) => console.log(`${e.method} ${e.path} ${e.status === 0 ? 'dropped' : e.status}`),
  });
  console.log(`UCWA simulator listening on ${sim.origin}`);
  console.log(`root URL: ${sim.rootUrl}`);
  console.log(users ? `directory: ${values.users}` : 'demo user: dana@contoso.com (password: see test/simulator/README.md)');
  const churn = values.churn === undefined ? undefined : Number(values.churn);
  if (churn !== undefined && !(churn > 0)) throw new Error(`--churn must be a positive number of seconds, got ${values.churn}`);
  const churnTimer = churn === undefined ? undefined : setInterval(() => void churnOnce(sim.origin, users), churn * 1000);
  const stop = (): void => {
    if (churnTimer) clearInterval(churnTimer);
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const CHURN_STATES = ['Online', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'IdleOnline', 'Offline'] as const;

/** Gives one random person who cannot sign in a new availability. */
async function churnOnce(origin: string, users: DirectoryFile | undefined): Promise<void> {
  const people = (users ?? demoDirectory()).users.filter((u) => u.password === undefined);
  const person = people[Math.floor(Math.random() * people.length)];
  const availability = CHURN_STATES[Math.floor(Math.random() * CHURN_STATES.length)];
  if (!person || !availability) return;
  const user = person.uri.replace(/^sip:/i, '');
  await fetch(`${origin}/_sim/users/${encodeURIComponent(user)}/presence`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ availability }),
  }).catch(() => undefined);
}

main().catch((e: unknown) => {
  console.error(`simulator failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
