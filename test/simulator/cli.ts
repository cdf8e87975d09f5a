import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DirectoryFile } from './directory';
import { startSimulator } from './index';

/**
 * `npm run sim -- [--port N] [--users file.json] [--quiet]`: runs the simulator until Ctrl-C.
 * Default port 8181; `--port 0` picks a free one.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8181' }, users: { type: 'string' }, quiet: { type: 'boolean', default: false } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const users = values.users === undefined ? undefined : (JSON.parse(readFileSync(values.users, 'utf8')) as DirectoryFile);
  const sim = await startSimulator({
    port,
    ...(users ? { users } : {}),
    onRequest: values.quiet ? undefined : (e) => console.log(`${e.method} ${e.path} ${e.status === 0 ? 'dropped' : e.status}`),
  });
  console.log(`UCWA simulator listening on ${sim.origin}`);
  console.log(`root URL: ${sim.rootUrl}`);
  console.log(users ? `directory: ${values.users}` : 'demo user: dana@contoso.com (password: see test/simulator/README.md)');
  const stop = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`simulator failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
