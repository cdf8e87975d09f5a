import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_ADMIN_POLICY, parseAdminPolicy, type AdminPolicy } from '../core/admin-policy';
import type { Logger } from '../core/ports';

/**
 * Environment variable naming a policy file instead of the machine location, in development and
 * tests only: an installed build (`app.isPackaged`) ignores it, because the policy is the
 * administrator's and any user can set an environment variable.
 */
export const POLICY_ENV_VAR = 'UCWA_TRAY_POLICY';

/** A policy is a handful of keys; anything bigger is not a policy file. */
const MAX_POLICY_BYTES = 64 * 1024;

/** The per-OS machine location, writable only by administrators. */
function machinePolicyPath(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32': {
      // Env var names are case-insensitive on Windows but not in a plain object passed by tests.
      const programData = env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData';
      return path.win32.join(programData, 'ucwa-presence-tray', 'policy.json');
    }
    case 'darwin':
      return path.posix.join('/Library/Application Support', 'ucwa-presence-tray', 'policy.json');
    default:
      return path.posix.join('/etc', 'ucwa-presence-tray', 'policy.json');
  }
}

/** The override named by `UCWA_TRAY_POLICY`, if any and if this build honours it. */
function overridePath(env: Readonly<Record<string, string | undefined>>, packaged: boolean): string | undefined {
  if (packaged) return undefined;
  return env[POLICY_ENV_VAR]?.trim() || undefined;
}

/**
 * Where the admin policy is read from. Installed builds (`packaged`): only the machine location,
 * Linux `/etc/ucwa-presence-tray/policy.json`, Windows `%ProgramData%\ucwa-presence-tray\policy.json`,
 * macOS `/Library/Application Support/ucwa-presence-tray/policy.json`. Unpackaged (development,
 * tests): `UCWA_TRAY_POLICY` wins when set.
 */
export function adminPolicyPath(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  packaged: boolean,
): string {
  return overridePath(env, packaged) ?? machinePolicyPath(env, platform);
}

/** Writes to stderr; the composition root can pass its own logger instead. */
const stderrLogger: Logger = {
  log(level, message, fields) {
    const extra = fields ? ` ${JSON.stringify(fields)}` : '';
    console.error(`[${level}] ${message}${extra}`);
  },
};

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/**
 * Reads the admin policy for this machine (see `adminPolicyPath`). Never throws: a missing file means "no policy"
 * (`DEFAULT_ADMIN_POLICY`); an unreadable or invalid file is logged with the path and the reason,
 * and the defaults apply, because a broken policy must not keep users from working.
 */
export async function loadAdminPolicy(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  packaged: boolean,
  logger: Logger = stderrLogger,
): Promise<AdminPolicy> {
  const file = adminPolicyPath(env, platform, packaged);
  const explicit = overridePath(env, packaged) !== undefined;
  if (packaged && env[POLICY_ENV_VAR]?.trim()) {
    // Said once, so a support case that relies on the variable learns why nothing changed.
    logger.log('warn', `${POLICY_ENV_VAR} is ignored by installed builds; the admin policy is read from ${file} only`, { file });
  }
  let raw: string;
  try {
    const bytes = await readFile(file);
    if (bytes.byteLength > MAX_POLICY_BYTES) {
      logger.log('error', `Admin policy ${file} ignored: larger than ${MAX_POLICY_BYTES} bytes; using defaults`, { file });
      return DEFAULT_ADMIN_POLICY;
    }
    // Windows editors like to write a BOM; JSON.parse rejects it.
    raw = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' && !explicit) {
      logger.log('debug', `No admin policy at ${file}`, { file });
    } else if (code === 'ENOENT') {
      logger.log('warn', `Admin policy ${file} (from ${POLICY_ENV_VAR}) does not exist; using defaults`, { file });
    } else {
      logger.log('error', `Admin policy ${file} could not be read (${code ?? 'unknown error'}); using defaults`, { file });
    }
    return DEFAULT_ADMIN_POLICY;
  }

  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    logger.log('error', `Admin policy ${file} is not valid JSON (${reason}); using defaults`, { file });
    return DEFAULT_ADMIN_POLICY;
  }

  const result = parseAdminPolicy(json);
  if (!result.ok) {
    logger.log('error', `Admin policy ${file} is invalid: ${result.error.message}; using defaults`, {
      file,
      ...(result.error.field ? { field: result.error.field } : {}),
    });
    return DEFAULT_ADMIN_POLICY;
  }
  if (result.unknownKeys.length > 0) {
    logger.log('warn', `Admin policy ${file}: ignored unknown keys ${result.unknownKeys.join(', ')}`, { file });
  }
  logger.log('info', `Admin policy loaded from ${file}`, { file });
  return result.policy;
}
