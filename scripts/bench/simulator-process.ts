import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DirectoryFile, SimConfig } from '../../test/simulator/index';
import { simControl, type SimControl } from '../../test/support/sim-control';

/** A simulator running in a child process of its own, as a real server runs on a machine of its own. */
export interface SimulatorProcess {
  readonly origin: string;
  readonly rootUrl: string;
  readonly control: SimControl;
  stop(): Promise<void>;
}

const CLI = join(import.meta.dirname, '../../test/simulator/cli.ts');

/**
 * Starts `test/simulator/cli.ts` on a free port with `users`, then applies `config` through the
 * control API. In the bench's own process the simulator's work (serializing thousands of contacts,
 * raising their events) would be counted as the client's time and would delay its event loop.
 */
export async function startSimulatorProcess(users: DirectoryFile, config: Partial<SimConfig> = {}): Promise<SimulatorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'ucwa-bench-'));
  const usersFile = join(dir, 'users.json');
  writeFileSync(usersFile, JSON.stringify(users));
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--users', usersFile, '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const rootUrl = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const match = /^root URL: (\S+)$/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before it listened`)));
    });
    const origin = new URL(rootUrl).origin;
    const control = simControl(origin);
    if (Object.keys(config).length > 0) await control('PATCH', '/_sim/config', config);
    return {
      origin,
      rootUrl,
      control,
      stop: async () => {
        child.kill('SIGTERM');
        await exited;
        cleanUp();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    cleanUp();
    throw error;
  }
}
