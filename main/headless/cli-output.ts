import { AVAILABILITY_LABELS } from '../../shared/availability';
import type { Change, ContactList, MyPresence, SessionState } from '../../shared/models';

/**
 * What the headless CLI prints: NDJSON objects (`--json`, one per line, each with a `type`) or
 * readable lines. Pure, so the exact output is unit-tested. Times are printed as ISO strings.
 */
export type OutputLine =
  | { readonly type: 'session'; readonly session: SessionState }
  | { readonly type: 'presence'; readonly presence: MyPresence }
  | { readonly type: 'contacts'; readonly list: ContactList }
  | { readonly type: 'change'; readonly change: Change };

export function formatLine(line: OutputLine, json: boolean): string {
  return json ? JSON.stringify(toJson(line)) : toText(line);
}

/** The NDJSON object of a line. */
export function toJson(line: OutputLine): Record<string, unknown> {
  switch (line.type) {
    case 'session': {
      const s = line.session;
      if (s.state === 'error') return { type: 'session', state: 'error', reason: s.error.reason, message: s.error.message };
      if (s.state === 'reconnecting') {
        return { type: 'session', state: 'reconnecting', attempt: s.attempt, nextRetryAt: iso(s.nextRetryAt), lastError: s.lastError };
      }
      return { type: 'session', state: s.state };
    }
    case 'presence':
      return { type: 'presence', availability: line.presence.availability, note: line.presence.note };
    case 'contacts':
      return {
        type: 'contacts',
        groups: line.list.groups.map((group) => ({
          id: group.id,
          name: group.name,
          kind: group.kind,
          contacts: group.contactUris.flatMap((uri) => {
            const contact = line.list.contacts[uri];
            if (!contact) return [];
            return [{ uri, name: contact.name, availability: contact.availability, ...(contact.note ? { note: contact.note } : {}) }];
          }),
        })),
      };
    case 'change': {
      const { kind, at, ...rest } = line.change;
      return { type: 'change', kind, ...rest, at: iso(at) };
    }
  }
}

/** Terminal escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`) and two-byte `ESC x` (e.g. `ESC c`, reset). */
// eslint-disable-next-line no-control-regex -- matching controls is the point
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -~]?/g;
/** C0 and C1 controls, DEL, and the bidi overrides that make text read differently than it is. */
// eslint-disable-next-line no-control-regex -- matching controls is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A server string made safe for a terminal: escape sequences removed whole (a contact name must
 * not recolour, retitle or clear the user's terminal), other controls dropped. JSON output needs
 * none of this: `JSON.stringify` escapes controls.
 */
export function printable(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** A readable line (several for a contacts snapshot, joined with newlines). */
export function toText(line: OutputLine): string {
  switch (line.type) {
    case 'session': {
      const s = line.session;
      if (s.state === 'error') return `session: error (${s.error.reason}): ${printable(s.error.message)}`;
      if (s.state === 'reconnecting') {
        return `session: reconnecting (attempt ${s.attempt}, next try ${clock(s.nextRetryAt)}): ${printable(s.lastError)}`;
      }
      return `session: ${s.state}`;
    }
    case 'presence': {
      const label = AVAILABILITY_LABELS[line.presence.availability];
      return line.presence.note === '' ? `presence: ${label}` : `presence: ${label} — "${printable(line.presence.note)}"`;
    }
    case 'contacts': {
      const { groups, contacts } = line.list;
      const head = `contacts: ${groups.length} group${groups.length === 1 ? '' : 's'}, ${Object.keys(contacts).length} contact${Object.keys(contacts).length === 1 ? '' : 's'}`;
      const body = groups.map((group) => {
        const members = group.contactUris.map((uri) => {
          const contact = contacts[uri];
          return printable(contact ? `${contact.name} (${AVAILABILITY_LABELS[contact.availability]})` : uri);
        });
        return `  ${printable(group.name)} [${group.kind}]: ${members.length === 0 ? '(empty)' : members.join(', ')}`;
      });
      return [head, ...body].join('\n');
    }
    case 'change':
      return `${clock(line.change.at)} ${printable(describeChange(line.change))}`;
  }
}

/** One sentence for a change-feed entry. */
export function describeChange(change: Change): string {
  const contact = change.contact ?? change.contactUri ?? 'a contact';
  switch (change.kind) {
    case 'groupAdded':
      return `group added: ${change.group ?? ''}`;
    case 'groupRemoved':
      return `group removed: ${change.group ?? ''}`;
    case 'groupRenamed':
      return `group renamed: ${change.previousGroup ?? ''} → ${change.group ?? ''}`;
    case 'contactAdded':
      return `${contact} added to ${change.group ?? 'a group'}`;
    case 'contactRemoved':
      return `${contact} removed from ${change.group ?? 'a group'}`;
    case 'contactPresenceChanged':
      return `${contact} is now ${change.availability ? AVAILABILITY_LABELS[change.availability] : 'unknown'}`;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** HH:MM:SSZ (UTC), so output does not depend on the machine's zone. */
function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)}Z`;
}
