import { FAULT_KINDS, type FaultKind } from './fault-matrix';
import type { DuringFaults } from './world';

/**
 * Faults the engine does not survive yet, each with what breaks. Drawn only when named with
 * `--faults`; remove a kind from here once it passes.
 *
 * - instantResync: P-GETs answered with resync at once make the re-reads race: a member nobody
 *   touched is reported added, removed, added, removed (phantom feed lines).
 * - subscriptionExpiry: once both subscriptions ran out on the server, changes made afterwards
 *   (a group renamed or added, a contact's note) never arrive.
 */
export const SOAK_KNOWN_FAILING: readonly FaultKind[] = ['instantResync', 'subscriptionExpiry'];

/** The faults `npm run soak` and the soak test draw from by default. */
export const SOAK_DEFAULT_FAULTS: readonly FaultKind[] = FAULT_KINDS.filter((k) => !SOAK_KNOWN_FAILING.includes(k));

/**
 * Changes that by default happen only between faults, each with what breaks when it happens
 * during one, as last seen (`--during-faults choices,groupRemovals` turns them on):
 *
 * - choices: a note the user sets while requests fail is never published afterwards (the reconnect
 *   re-check republishes availability only; a new application restores only a non-empty note), and
 *   an availability picked while the application is being re-created is lost (the server keeps the
 *   previous one).
 * - groupRemovals: a group deleted while the engine re-reads the list (after a resume or resync)
 *   first shows as its members removed — phantom `contactRemoved` lines — then as removed: the
 *   failed read of its contacts is taken as an empty group.
 */
export const SOAK_DEFAULT_DURING_FAULTS: DuringFaults = { choices: false, groupRemovals: false };
