import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The demo user's password in the simulator's directory. */
export const PASSWORD = 'Passw0rd!';
const ROOT = join(import.meta.dirname, '..', '..', '..');

/** A headless CLI process and what it has printed so far. */
export interface Run {
  readonly child: ChildProcess;
  readonly stdout: string[];
  /** stderr lines, without npm's own notices about its config. */
  readonly stderr: string[];
  readonly exit: Promise<number | null>;
  /** Resolves with the first stdout line (parsed, if JSON) satisfying `predicate`, from `from` on. */
  waitFor(predicate: (line: Record<string, unknown>) => boolean, from?: number): Promise<Record<string, unknown>>;
}

/** Spawns CLIs with `configHome` as XDG_CONFIG_HOME; `killAll` ends the ones still running. */
export function cliRunner(configHome: () => string): { run(args: readonly string[], env?: Record<string, string>): Run; killAll(): void } {
  const running: ChildProcess[] = [];
  return {
    run: (args, env = {}) => {
      const started = spawnCli(configHome(), args, env);
      running.push(started.child);
      return started;
    },
    killAll: () => {
      for (const child of running.splice(0)) {
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
      }
    },
  };
}

function parse(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { text: line };
  }
}

function spawnCli(configHome: string, args: readonly string[], env: Record<string, string>): Run {
  // The tsx binary npx would run, spawned directly so signals reach the CLI, not npm.
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['main/headless/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, XDG_CONFIG_HOME: configHome, UCWA_PASSWORD: PASSWORD, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Own process group, so a signal reaches tsx and the CLI together, as from a terminal or a service manager.
    // It also leaves the CLI without a controlling terminal, like a service.
    detached: true,
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { predicate: (line: Record<string, unknown>) => boolean; from: number; resolve: (l: Record<string, unknown>) => void }[] = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      const hit = stdout.slice(waiter.from).map(parse).find(waiter.predicate);
      if (hit) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(hit);
      }
    }
  };
  const lines = (sink: string[], filter: (l: string) => boolean) => {
    let rest = '';
    return (chunk: Buffer): void => {
      const text = rest + chunk.toString('utf8');
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      sink.push(...parts.filter(filter));
      check();
    };
  };
  child.stdout!.on('data', lines(stdout, () => true));
  child.stderr!.on('data', lines(stderr, (l) => l !== '' && !l.startsWith('npm warn')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout,
    stderr,
    exit,
    waitFor: (predicate, from = 0) =>
      new Promise((resolve) => {
        waiters.push({ predicate, from, resolve });
        check();
      }),
  };
}
