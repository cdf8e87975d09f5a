import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPolicyPath, loadAdminPolicy, POLICY_ENV_VAR } from '../../../../main/adapters/admin-policy-file';
import { DEFAULT_ADMIN_POLICY } from '../../../../main/core/admin-policy';
import type { Logger, LogLevel } from '../../../../main/core/ports';

interface Entry {
  readonly level: LogLevel;
  readonly message: string;
}

function recordingLogger(): Logger & { readonly entries: Entry[] } {
  const entries: Entry[] = [];
  return { entries, log: (level, message) => entries.push({ level, message }) };
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ucwa-policy-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function policyFile(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('adminPolicyPath', () => {
  it('uses the machine-wide location of each platform', () => {
    expect(adminPolicyPath({}, 'linux', false)).toBe('/etc/ucwa-presence-tray/policy.json');
    expect(adminPolicyPath({}, 'darwin', false)).toBe('/Library/Application Support/ucwa-presence-tray/policy.json');
    expect(adminPolicyPath({ ProgramData: 'D:\\PD' }, 'win32', false)).toBe('D:\\PD\\ucwa-presence-tray\\policy.json');
    expect(adminPolicyPath({ PROGRAMDATA: 'E:\\Data' }, 'win32', false)).toBe('E:\\Data\\ucwa-presence-tray\\policy.json');
    expect(adminPolicyPath({}, 'win32', false)).toBe('C:\\ProgramData\\ucwa-presence-tray\\policy.json');
  });

  it('reads only the machine location in an installed build, whatever UCWA_TRAY_POLICY says', () => {
    expect(adminPolicyPath({ [POLICY_ENV_VAR]: '/tmp/p.json' }, 'linux', true)).toBe('/etc/ucwa-presence-tray/policy.json');
    expect(adminPolicyPath({ [POLICY_ENV_VAR]: 'C:\\p.json', ProgramData: 'D:\\PD' }, 'win32', true)).toBe('D:\\PD\\ucwa-presence-tray\\policy.json');
    expect(adminPolicyPath({ [POLICY_ENV_VAR]: '/tmp/p.json' }, 'darwin', true)).toBe('/Library/Application Support/ucwa-presence-tray/policy.json');
  });

  it('lets UCWA_TRAY_POLICY win on every platform in development and tests, but not when blank', () => {
    expect(adminPolicyPath({ [POLICY_ENV_VAR]: '/tmp/p.json' }, 'linux', false)).toBe('/tmp/p.json');
    expect(adminPolicyPath({ [POLICY_ENV_VAR]: 'C:\\p.json' }, 'win32', false)).toBe('C:\\p.json');
    expect(adminPolicyPath({ [POLICY_ENV_VAR]: '  ' }, 'linux', false)).toBe('/etc/ucwa-presence-tray/policy.json');
  });
});

describe('loadAdminPolicy', () => {
  it('reads the file named by UCWA_TRAY_POLICY', async () => {
    const file = await policyFile(
      'good.json',
      JSON.stringify({ discoveryUrl: 'https://lyncdiscover.contoso.com/', allowKeepSignedIn: false, startAtLoginDefault: true }),
    );
    const logger = recordingLogger();
    const policy = await loadAdminPolicy({ [POLICY_ENV_VAR]: file }, 'linux', false, logger);
    expect(policy).toEqual({
      discoveryUrl: 'https://lyncdiscover.contoso.com/',
      allowKeepSignedIn: false,
      startAtLoginDefault: true,
    });
    expect(logger.entries).toEqual([{ level: 'info', message: `Admin policy loaded from ${file}` }]);
  });

  it('accepts a UTF-8 byte order mark (Windows Notepad)', async () => {
    const file = await policyFile('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"allowKeepSignedIn":false}')]));
    expect(await loadAdminPolicy({ [POLICY_ENV_VAR]: file }, 'linux', false, recordingLogger())).toEqual({ allowKeepSignedIn: false });
  });

  it('warns about unknown keys and applies the known ones', async () => {
    const file = await policyFile('typo.json', JSON.stringify({ alowKeepSignedIn: false, startAtLoginDefault: false }));
    const logger = recordingLogger();
    expect(await loadAdminPolicy({ [POLICY_ENV_VAR]: file }, 'linux', false, logger)).toEqual({
      allowKeepSignedIn: true,
      startAtLoginDefault: false,
    });
    expect(logger.entries[0]).toEqual({ level: 'warn', message: `Admin policy ${file}: ignored unknown keys alowKeepSignedIn` });
  });

  it('falls back to defaults with a clear error when the JSON is broken', async () => {
    const file = await policyFile('broken.json', '{ "allowKeepSignedIn": false, ');
    const logger = recordingLogger();
    expect(await loadAdminPolicy({ [POLICY_ENV_VAR]: file }, 'linux', false, logger)).toEqual(DEFAULT_ADMIN_POLICY);
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0]?.level).toBe('error');
    expect(logger.entries[0]?.message).toContain(`Admin policy ${file} is not valid JSON`);
  });

  it('falls back to defaults with the offending field when a value has the wrong type', async () => {
    const file = await policyFile('badtype.json', JSON.stringify({ allowKeepSignedIn: 'no' }));
    const logger = recordingLogger();
    expect(await loadAdminPolicy({ [POLICY_ENV_VAR]: file }, 'linux', false, logger)).toEqual(DEFAULT_ADMIN_POLICY);
    expect(logger.entries).toEqual([
      { level: 'error', message: `Admin policy ${file} is invalid: "allowKeepSignedIn" must be true or false, got a string; using defaults` },
    ]);
  });

  it('refuses an oversized file', async () => {
    const file = await policyFile('huge.json', JSON.stringify({ comment: 'x'.repeat(70_000) }));
    const logger = recordingLogger();
    expect(await loadAdminPolicy({ [POLICY_ENV_VAR]: file }, 'linux', false, logger)).toEqual(DEFAULT_ADMIN_POLICY);
    expect(logger.entries[0]?.level).toBe('error');
  });

  it('treats an explicitly named but missing file as a warning, and a directory as an error', async () => {
    const missing = path.join(dir, 'nope.json');
    const logger = recordingLogger();
    expect(await loadAdminPolicy({ [POLICY_ENV_VAR]: missing }, 'linux', false, logger)).toEqual(DEFAULT_ADMIN_POLICY);
    expect(await loadAdminPolicy({ [POLICY_ENV_VAR]: dir }, 'linux', false, logger)).toEqual(DEFAULT_ADMIN_POLICY);
    expect(logger.entries.map((e) => e.level)).toEqual(['warn', 'error']);
    expect(logger.entries[1]?.message).toContain('could not be read (EISDIR)');
  });

  it.skipIf(existsSync('/etc/ucwa-presence-tray/policy.json'))('ignores a user\'s UCWA_TRAY_POLICY file in an installed build, and says so', async () => {
    // A user pointing the app at a policy of their own (here: a discovery URL of their choosing).
    const file = await policyFile('users-own.json', JSON.stringify({ discoveryUrl: 'https://lyncdiscover.fabrikam.com/', startAtLoginDefault: false }));
    const env = { [POLICY_ENV_VAR]: file };
    const logger = recordingLogger();
    // This machine has no /etc/ucwa-presence-tray/policy.json: an installed build runs on the defaults.
    expect(await loadAdminPolicy(env, 'linux', true, logger)).toEqual(DEFAULT_ADMIN_POLICY);
    expect(logger.entries[0]).toEqual({
      level: 'warn',
      message: `${POLICY_ENV_VAR} is ignored by installed builds; the admin policy is read from /etc/ucwa-presence-tray/policy.json only`,
    });
    expect(logger.entries.map((entry) => entry.message).join('\n')).not.toContain(file);
    // The same environment in development and tests reads the named file.
    expect(await loadAdminPolicy(env, 'linux', false, recordingLogger())).toEqual({
      allowKeepSignedIn: true,
      discoveryUrl: 'https://lyncdiscover.fabrikam.com/',
      startAtLoginDefault: false,
    });
  });

  it('uses the defaults quietly when the platform location has no file', async () => {
    const logger = recordingLogger();
    // win32 paths under a temp "ProgramData" do not exist on this machine.
    const policy = await loadAdminPolicy({ ProgramData: path.join(dir, 'no-such-dir') }, 'win32', false, logger);
    expect(policy).toEqual(DEFAULT_ADMIN_POLICY);
    expect(logger.entries.map((e) => e.level)).toEqual(['debug']);
  });
});
