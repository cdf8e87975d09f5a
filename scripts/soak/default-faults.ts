import { FAULT_KINDS, type FaultKind } from './fault-matrix';
import type { DuringFaults } from './world';

/**
 * Faults the engine does not survive yet, each with what breaks. Drawn only when named with
 * `--faults`; remove a kind from here once it passes. None today.
 */
export const SOAK_KNOWN_FAILING: readonly FaultKind[] = [];

/** The faults `npm run soak` and the soak test draw from by default: the whole matrix. */
export const SOAK_DEFAULT_FAULTS: readonly FaultKind[] = FAULT_KINDS.filter((k) => !SOAK_KNOWN_FAILING.includes(k));

/**
 * Changes that also happen while a fault is on: the user's choices of availability and note, and
 * group deletions (both always happen between faults too).
 */
export const SOAK_DEFAULT_DURING_FAULTS: DuringFaults = { choices: true, groupRemovals: true };
