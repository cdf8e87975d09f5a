import { AVAILABILITY_KEYS, ERROR_KEYS, describeChange as describeChangeIn, englishTranslator, type MessageKey, type Translator } from '../../shared/i18n';
import type { Change, ContactList, MyPresence, SessionState } from '../../shared/models';

/**
 * What the headless CLI prints: NDJSON objects (`--json`, one per line, each with a `type`) or
 * readable lines in the user's language. Pure, so the exact output is unit-tested. Times are printed
 * as ISO strings; `--json` holds values only (availability as UCWA spells it), never words.
 */
export type OutputLine =
  | { readonly type: 'session'; readonly session: SessionState }
  | { readonly type: 'presence'; readonly presence: MyPresence }
  | { readonly type: 'contacts'; readonly list: ContactList }
  | { readonly type: 'change'; readonly change: Change };

export function formatLine(line: OutputLine, json: boolean, messages: Translator = englishTranslator()): string {
  return json ? JSON.stringify(toJson(line)) : toText(line, messages);
}

const SESSION_STATE_KEYS: Readonly<Record<Exclude<SessionState['state'], 'error' | 'reconnecting'>, MessageKey>> = {
  signedOut: 'cli.signedOut',
  discovering: 'cli.discovering',
  authenticating: 'cli.authenticating',
  connecting: 'cli.connecting',
  online: 'cli.online',
};

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

/** A readable line (several for a contacts snapshot, joined with newlines) in `messages`' language. */
export function toText(line: OutputLine, messages: Translator = englishTranslator()): string {
  const words = (availability: keyof typeof AVAILABILITY_KEYS): string => messages.t(AVAILABILITY_KEYS[availability]);
  switch (line.type) {
    case 'session': {
      const s = line.session;
      if (s.state === 'error') {
        return messages.t('cli.sessionError', { reason: s.error.reason, message: messages.t(ERROR_KEYS[s.error.reason]) });
      }
      if (s.state === 'reconnecting') {
        return messages.t('cli.reconnecting', { attempt: s.attempt, time: clock(s.nextRetryAt), detail: printable(s.lastError) });
      }
      return messages.t('cli.session', { state: messages.t(SESSION_STATE_KEYS[s.state]) });
    }
    case 'presence': {
      const availability = words(line.presence.availability);
      return line.presence.note === ''
        ? messages.t('cli.presence', { availability })
        : messages.t('cli.presenceNote', { availability, note: printable(line.presence.note) });
    }
    case 'contacts': {
      const { groups, contacts } = line.list;
      const head = messages.t('cli.contacts', {
        groups: messages.t('contacts.groups', { count: groups.length }),
        contacts: messages.t('cli.contactCount', { count: Object.keys(contacts).length }),
      });
      const body = groups.map((group) => {
        const members = group.contactUris.map((uri) => {
          const contact = contacts[uri];
          return printable(contact ? `${contact.name} (${words(contact.availability)})` : uri);
        });
        return `  ${printable(group.name)} [${group.kind}]: ${members.length === 0 ? messages.t('cli.empty') : members.join(', ')}`;
      });
      return [head, ...body].join('\n');
    }
    case 'change':
      return `${clock(line.change.at)} ${printable(describeChange(line.change, messages))}`;
  }
}

/** One sentence for a change-feed entry: the window's wording, in `messages`' language. */
export function describeChange(change: Change, messages: Translator = englishTranslator()): string {
  return describeChangeIn(change, messages);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** HH:MM:SSZ (UTC), so output does not depend on the machine's zone. */
function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)}Z`;
}
