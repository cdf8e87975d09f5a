import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const guard = path.join(path.dirname(fileURLToPath(import.meta.url)), 'no-network.cjs');

let dir: string;
let server: Server;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ucwa-no-network-'));
  server = createServer((socket) => socket.end('hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** Runs a script under the guard (as the packaging check runs electron-builder) and returns its output and the log. */
async function guarded(script: string): Promise<{ stdout: string; log: string }> {
  const log = path.join(dir, `${Math.random().toString(36).slice(2)}.log`);
  await writeFile(log, '');
  const { stdout } = await run(process.execPath, ['-e', script], {
    env: { ...process.env, NODE_OPTIONS: `--require ${guard}`, UCWA_NO_NETWORK_LOG: log },
    timeout: 20_000,
  });
  return { stdout, log: await readFile(log, 'utf8') };
}

describe('no-network guard used by the packaging check', () => {
  it('refuses and records a connection to a non-loopback address, without sending anything', async () => {
    // 192.0.2.0/24 is TEST-NET-1: never routed; the guard must refuse before any packet.
    const { stdout, log } = await guarded(
      `require('node:net').connect(443, '192.0.2.1').on('error', (e) => console.log(e.message)).on('connect', () => console.log('connected'));`,
    );
    expect(stdout.trim()).toBe('network access blocked by the packaging check: 192.0.2.1:443');
    expect(log).toMatch(/^\d+ 192\.0\.2\.1:443\n$/);
  });

  it('refuses fetch to a host name, too', async () => {
    const { stdout, log } = await guarded(
      `fetch('https://registry.example.invalid/x').then(() => console.log('fetched'), () => console.log('failed'));`,
    );
    expect(stdout.trim()).toBe('failed');
    // Caught at connect, before net looks the name up: not even a DNS query leaves the machine.
    expect(log).toMatch(/^\d+ registry\.example\.invalid:443\n$/);
  });

  it('lets loopback through', async () => {
    const { stdout, log } = await guarded(
      `require('node:net').connect(${port}, '127.0.0.1').on('data', (d) => { console.log(String(d)); process.exit(0); });`,
    );
    expect(stdout.trim()).toBe('hello');
    expect(log).toBe('');
  });
});
