import type { ContactPatchBatch } from '../../../shared/ipc-contract';

/** What to do with a patch batch, given the last batch the window's list includes. */
export type SyncStep = 'apply' | 'skip' | 'resync';

/**
 * Batches are numbered from 1 without gaps: the next one is applied, one already included (it raced
 * the snapshot) is skipped, and any jump means batches were missed, so the list must be re-read.
 */
export function syncStep(seq: number, batch: ContactPatchBatch): SyncStep {
  if (batch.seq <= seq) return 'skip';
  return batch.seq === seq + 1 ? 'apply' : 'resync';
}
