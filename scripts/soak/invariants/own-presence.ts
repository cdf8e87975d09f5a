import type { Truth } from '../truth';
import type { Violation } from './violation';

/** What the user last chose in the app (null availability = automatic, not checked). */
export interface Chosen {
  readonly availability: string | null;
  readonly note: string;
}

/** The server's activity tracking, not drift (the engine's own rule, ucwa/presence.ts `needsRepublish`). */
const IDLE_VARIANT: Readonly<Record<string, string>> = { Online: 'IdleOnline', Busy: 'IdleBusy' };

/**
 * The server shows the availability (or its idle variant) and the note the user chose. Another
 * endpoint may publish in between; the engine restores the choice when it re-checks (reconnect,
 * resume, wake), so this holds in every quiet period after one. Pure.
 */
export function ownPresenceMatches(chosen: Chosen, truth: Truth): Violation[] {
  const out: Violation[] = [];
  const shown = truth.me.availability;
  if (chosen.availability !== null && shown !== chosen.availability && shown !== IDLE_VARIANT[chosen.availability]) {
    out.push({ invariant: 'ownPresence', detail: `server shows ${truth.me.availability}, user chose ${chosen.availability}` });
  }
  if (truth.me.note !== chosen.note) out.push({ invariant: 'ownPresence', detail: `server note "${truth.me.note}", user chose "${chosen.note}"` });
  return out;
}
