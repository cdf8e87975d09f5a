import { SETTABLE_AVAILABILITIES, isSettableAvailability, type SettableAvailability } from '../../../shared/availability';
import { isNote } from '../../../shared/guards';

/**
 * Command-line control: `--availability <value>`, `--note <text>`, `--reset`, `--show`, `--quit`
 * act on the running instance (a second launch forwards them); `--hidden` starts in the tray only.
 */
export type RemoteCommand =
  | { readonly type: 'setAvailability'; readonly availability: SettableAvailability }
  | { readonly type: 'setNote'; readonly note: string }
  | { readonly type: 'reset' }
  | { readonly type: 'show' }
  | { readonly type: 'quit' };

export interface ParsedCommandLine {
  readonly commands: readonly RemoteCommand[];
  /** Started by autostart: stay in the tray. */
  readonly hidden: boolean;
  /** Human-readable problems (unknown availability, missing value). Unknown flags are ignored:
   * Electron and Chromium add their own. */
  readonly errors: readonly string[];
}

const LOWER_TO_AVAILABILITY = new Map<string, SettableAvailability>(
  SETTABLE_AVAILABILITIES.map((value) => [value.toLowerCase(), value]),
);
// Words people type: "available", "dnd", "brb", "away", "offwork".
LOWER_TO_AVAILABILITY.set('available', 'Online');
LOWER_TO_AVAILABILITY.set('dnd', 'DoNotDisturb');
LOWER_TO_AVAILABILITY.set('brb', 'BeRightBack');

/** Parses process argv (any prefix of executable/script paths is skipped naturally). Pure. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const commands: RemoteCommand[] = [];
  const errors: string[] = [];
  let hidden = false;
  for (let index = 0; index < argv.length; index++) {
    const raw = argv[index]!;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      index++;
      return next;
    };
    switch (flag) {
      case '--availability': {
        const given = value();
        const availability = given === undefined ? undefined : LOWER_TO_AVAILABILITY.get(given.toLowerCase().replace(/[\s_-]/g, ''));
        if (availability === undefined) {
          errors.push(`--availability needs one of ${SETTABLE_AVAILABILITIES.join(', ')}${given === undefined ? '' : ` (got "${given}")`}`);
        } else {
          commands.push({ type: 'setAvailability', availability });
        }
        break;
      }
      case '--note': {
        // An empty note is allowed and clears it: `--note ""`.
        const given = inline ?? argv[index + 1];
        if (given === undefined || (inline === undefined && given.startsWith('--'))) {
          errors.push('--note needs a text (use --note "" to clear it)');
        } else if (!isNote(given)) {
          errors.push('--note is too long');
          if (inline === undefined) index++;
        } else {
          commands.push({ type: 'setNote', note: given });
          if (inline === undefined) index++;
        }
        break;
      }
      case '--reset':
        commands.push({ type: 'reset' });
        break;
      case '--show':
        commands.push({ type: 'show' });
        break;
      case '--quit':
        commands.push({ type: 'quit' });
        break;
      case '--hidden':
        hidden = true;
        break;
      default:
        break;
    }
  }
  return { commands, hidden, errors };
}

/** Validates commands received from another process (single-instance additionalData). */
export function isRemoteCommand(value: unknown): value is RemoteCommand {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  switch (record['type']) {
    case 'setAvailability':
      return isSettableAvailability(record['availability']);
    case 'setNote':
      return isNote(record['note']);
    case 'reset':
    case 'show':
    case 'quit':
      return true;
    default:
      return false;
  }
}

/** The commands carried in second-instance additionalData, or null if it is not ours. */
export function remoteCommandsFrom(additionalData: unknown): readonly RemoteCommand[] | null {
  if (typeof additionalData !== 'object' || additionalData === null) return null;
  const commands: unknown = (additionalData as Record<string, unknown>)['commands'];
  return Array.isArray(commands) && commands.every(isRemoteCommand) ? commands : null;
}
