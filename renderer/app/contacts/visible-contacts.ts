import { LIMITS } from '../../../shared/guards';
import type { Row } from './row-model';

/**
 * Tells main which contacts the window shows, so their presence is read before everyone else's
 * when the list is (re-)read. Sends only when the set of contacts changes: a re-render for a
 * presence change, or a scroll that keeps the same rows, sends nothing.
 */
export function visibleContactsReporter(send: (uris: readonly string[]) => Promise<void>): (rows: readonly Row[]) => void {
  let last: string | null = null;
  return (rows) => {
    const uris = [...new Set(rows.flatMap((row) => (row.type === 'contact' ? [row.contact.uri] : [])))].slice(0, LIMITS.visibleContacts);
    const key = uris.join('\n');
    if (key === last) return;
    last = key;
    send(uris).catch(() => {
      // Not told: try again with the next rows drawn.
      last = null;
    });
  };
}
