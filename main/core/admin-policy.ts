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
}

export const DEFAULT_ADMIN_POLICY: AdminPolicy = { allowKeepSignedIn: true };
