import { FAULT_KINDS, type FaultKind } from './fault-matrix';

/**
 * Faults the engine does not survive yet: each breaks an invariant (see the README's soak
 * section for what breaks). Drawn only with `--faults`; remove a kind from here once it passes.
 */
export const SOAK_KNOWN_FAILING: readonly FaultKind[] = [];

/** The faults `npm run soak` and the soak test draw from by default. */
export const SOAK_DEFAULT_FAULTS: readonly FaultKind[] = FAULT_KINDS.filter((k) => !SOAK_KNOWN_FAILING.includes(k));
