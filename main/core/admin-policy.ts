/**
 * What an administrator can preset for every user of a machine (read at start, wins over user
 * settings). Parsed from JSON by `parseAdminPolicy`; see README "Admin overrides".
 */
export interface AdminPolicy {
  /** Preset discovery URL; the sign-in form shows it read-only. */
  readonly discoveryUrl?: string;
  /** Preset sign-in address (e.g. from a deployment script). */
  readonly signInAddress?: string;
  /** Regular expression a sign-in address must match, with an example shown in the error. */
  readonly addressPattern?: { readonly pattern: string; readonly example: string };
  /** false = never offer "keep me signed in". Default true. */
  readonly allowKeepSignedIn: boolean;
  /** Initial value of "Start at login" for users who never changed it. */
  readonly startAtLoginDefault?: boolean;
  /**
   * Domains (with their sub-domains) sign-in may be sent to besides the sign-in address's own,
   * e.g. a hosting partner's pool. Lower-cased, without a leading `*.`.
   */
  readonly trustedDomains?: readonly string[];
  /** Labs only: accept plain http to servers other than this machine. Default false. */
  readonly allowInsecureHttp?: boolean;
}

export const DEFAULT_ADMIN_POLICY: AdminPolicy = { allowKeepSignedIn: true };

/** The keys an admin policy file may contain; anything else is ignored and reported. */
export const ADMIN_POLICY_KEYS = [
  'discoveryUrl',
  'signInAddress',
  'addressPattern',
  'allowKeepSignedIn',
  'startAtLoginDefault',
  'trustedDomains',
  'allowInsecureHttp',
] as const;

/** Why a policy document was rejected. `field` names the offending key (absent for the whole document). */
export class AdminPolicyError extends Error {
  override readonly name = 'AdminPolicyError';

  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type AdminPolicyParseResult =
  | {
      readonly ok: true;
      readonly policy: AdminPolicy;
      /** Keys the file had that we do not know (typos, newer versions): ignored, worth a warning. */
      readonly unknownKeys: readonly string[];
    }
  | { readonly ok: false; readonly error: AdminPolicyError };

/** Long enough for any real URL or address, short enough that a corrupt file cannot bloat state. */
const MAX_STRING = 2048;

/** Keys that annotate a file rather than configure the app; never reported as unknown. */
const ANNOTATION_KEYS = new Set(['$schema', '$comment', 'comment']);

type Fail = { readonly fail: AdminPolicyError };

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function text(field: string, value: unknown): string | Fail {
  if (typeof value !== 'string') {
    return { fail: new AdminPolicyError(`"${field}" must be a string, got ${kindOf(value)}`, field) };
  }
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_STRING) {
    return { fail: new AdminPolicyError(`"${field}" must be a non-empty string of at most ${MAX_STRING} characters`, field) };
  }
  return trimmed;
}

function flag(field: string, value: unknown): boolean | Fail {
  return typeof value === 'boolean'
    ? value
    : { fail: new AdminPolicyError(`"${field}" must be true or false, got ${kindOf(value)}`, field) };
}

function isFail(value: unknown): value is Fail {
  return isRecord(value) && value['fail'] instanceof AdminPolicyError;
}

function discoveryUrl(value: unknown): string | Fail {
  const raw = text('discoveryUrl', value);
  if (isFail(raw)) return raw;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { fail: new AdminPolicyError('"discoveryUrl" must be an absolute http(s) URL', 'discoveryUrl') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { fail: new AdminPolicyError('"discoveryUrl" must be an absolute http(s) URL', 'discoveryUrl') };
  }
  // Credentials in a URL would end up in logs and the sign-in form.
  if (url.username !== '' || url.password !== '') {
    return { fail: new AdminPolicyError('"discoveryUrl" must not contain a user name or password', 'discoveryUrl') };
  }
  return url.href;
}

/** More would be a list of the internet, not of partners. */
const MAX_TRUSTED_DOMAINS = 100;

function trustedDomains(value: unknown): string[] | Fail {
  const field = 'trustedDomains';
  if (!Array.isArray(value)) {
    return { fail: new AdminPolicyError(`"${field}" must be an array of domain names, got ${kindOf(value)}`, field) };
  }
  if (value.length > MAX_TRUSTED_DOMAINS) {
    return { fail: new AdminPolicyError(`"${field}" may list at most ${MAX_TRUSTED_DOMAINS} domains`, field) };
  }
  const out: string[] = [];
  for (const item of value) {
    const raw = text(field, item);
    if (isFail(raw)) return raw;
    const domain = raw.toLowerCase().replace(/^\*?\./, '');
    // A host or domain name, never a URL or a pattern: "*" alone would trust everyone.
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(domain)) {
      return { fail: new AdminPolicyError(`"${field}" entries must be domain names like fabrikam.com, got "${raw}"`, field) };
    }
    out.push(domain);
  }
  return out;
}

function addressPattern(value: unknown): { pattern: string; example: string } | Fail {
  if (!isRecord(value)) {
    return {
      fail: new AdminPolicyError(
        `"addressPattern" must be an object {"pattern": "...", "example": "..."}, got ${kindOf(value)}`,
        'addressPattern',
      ),
    };
  }
  const pattern = text('addressPattern.pattern', value['pattern']);
  if (isFail(pattern)) return pattern;
  const example = text('addressPattern.example', value['example']);
  if (isFail(example)) return example;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch {
    return { fail: new AdminPolicyError('"addressPattern.pattern" is not a valid regular expression', 'addressPattern.pattern') };
  }
  // The example is what users are told to type: it must pass the admin's own rule.
  if (!regex.test(example)) {
    return {
      fail: new AdminPolicyError('"addressPattern.example" does not match "addressPattern.pattern"', 'addressPattern.example'),
    };
  }
  return { pattern, example };
}

/**
 * Parses an admin policy document (already `JSON.parse`d). Unknown keys are ignored and listed in
 * `unknownKeys` so the caller can warn; a value of the wrong type rejects the whole document, because
 * half-applying an admin's intent is worse than applying none of it and saying why.
 */
export function parseAdminPolicy(json: unknown): AdminPolicyParseResult {
  if (!isRecord(json)) {
    return { ok: false, error: new AdminPolicyError(`the policy must be a JSON object, got ${kindOf(json)}`) };
  }
  const known = ADMIN_POLICY_KEYS as readonly string[];
  const unknownKeys = Object.keys(json).filter((key) => !known.includes(key) && !ANNOTATION_KEYS.has(key));

  const policy: {
    discoveryUrl?: string;
    signInAddress?: string;
    addressPattern?: { pattern: string; example: string };
    allowKeepSignedIn: boolean;
    startAtLoginDefault?: boolean;
    trustedDomains?: readonly string[];
    allowInsecureHttp?: boolean;
  } = { ...DEFAULT_ADMIN_POLICY };

  if (json['discoveryUrl'] !== undefined) {
    const value = discoveryUrl(json['discoveryUrl']);
    if (isFail(value)) return { ok: false, error: value.fail };
    policy.discoveryUrl = value;
  }
  if (json['addressPattern'] !== undefined) {
    const value = addressPattern(json['addressPattern']);
    if (isFail(value)) return { ok: false, error: value.fail };
    policy.addressPattern = value;
  }
  if (json['signInAddress'] !== undefined) {
    const value = text('signInAddress', json['signInAddress']);
    if (isFail(value)) return { ok: false, error: value.fail };
    if (policy.addressPattern && !new RegExp(policy.addressPattern.pattern).test(value)) {
      return {
        ok: false,
        error: new AdminPolicyError('"signInAddress" does not match "addressPattern.pattern"', 'signInAddress'),
      };
    }
    policy.signInAddress = value;
  }
  if (json['allowKeepSignedIn'] !== undefined) {
    const value = flag('allowKeepSignedIn', json['allowKeepSignedIn']);
    if (isFail(value)) return { ok: false, error: value.fail };
    policy.allowKeepSignedIn = value;
  }
  if (json['startAtLoginDefault'] !== undefined) {
    const value = flag('startAtLoginDefault', json['startAtLoginDefault']);
    if (isFail(value)) return { ok: false, error: value.fail };
    policy.startAtLoginDefault = value;
  }
  if (json['trustedDomains'] !== undefined) {
    const value = trustedDomains(json['trustedDomains']);
    if (isFail(value)) return { ok: false, error: value.fail };
    policy.trustedDomains = value;
  }
  if (json['allowInsecureHttp'] !== undefined) {
    const value = flag('allowInsecureHttp', json['allowInsecureHttp']);
    if (isFail(value)) return { ok: false, error: value.fail };
    policy.allowInsecureHttp = value;
  }
  return { ok: true, policy, unknownKeys };
}
