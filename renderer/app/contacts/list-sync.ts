import { applyContactPatches } from '../../../shared/contact-patches';
import type { ContactPatch, ContactPatchBatch, ContactSnapshot, RendererApi } from '../../../shared/ipc-contract';
import { isContactPatchBatch } from '../../../shared/guards';
import { EMPTY_CONTACT_LIST, type ContactList } from '../../../shared/models';
import { syncStep } from './contact-sync';

/** Told what happened to the list, so the view can redraw as little as possible. */
export interface ListSyncListener {
  /** Patches were taken in, on top of those before them. */
  patched(patches: readonly ContactPatch[]): void;
  /** The list was replaced (a snapshot): rebuild everything. */
  replaced(): void;
}

export interface ListSync {
  contacts(): ContactList;
  /** Starts over from a snapshot (the window's first, or after a gap). */
  take(snapshot: ContactSnapshot): void;
  /** A pushed patch batch (validated here: the payload is untrusted). */
  receive(batch: unknown): void;
}

interface SyncState {
  /** The list as last read; `unread` patches go on top of it. */
  contacts: ContactList;
  /** Patches taken in but not applied yet: they are applied together when the list is next read. */
  unread: ContactPatch[];
  /** The last patch batch `contacts` includes; null until a snapshot arrived (batches wait meanwhile). */
  seq: number | null;
  /** Batches that came while no snapshot was in force; replayed once one is. */
  waiting: ContactPatchBatch[];
}

/**
 * The window's copy of main's contact list: a snapshot, then numbered patch batches. A batch that
 * does not follow (or cannot be read) means batches were missed: the list is re-read.
 * Patches are applied when the list is read, not as they come: each application copies the contact
 * record map, so a burst of presence batches between two paints costs one copy, not one per batch.
 */
export function createListSync(api: RendererApi, listener: ListSyncListener, report: () => void): ListSync {
  const state: SyncState = { contacts: EMPTY_CONTACT_LIST, unread: [], seq: null, waiting: [] };
  const resync = (): void => {
    state.seq = null;
    api.contactsSnapshot().then(sync.take).catch(report);
  };
  const apply = (batch: ContactPatchBatch): void => {
    state.unread.push(...batch.patches);
    state.seq = batch.seq;
    listener.patched(batch.patches);
  };
  const sync: ListSync = {
    contacts() {
      if (state.unread.length > 0) {
        state.contacts = applyContactPatches(state.contacts, state.unread);
        state.unread = [];
      }
      return state.contacts;
    },
    take(snapshot) {
      state.contacts = snapshot.contacts;
      state.unread = [];
      state.seq = snapshot.seq;
      const queued = state.waiting;
      state.waiting = [];
      listener.replaced();
      for (const batch of queued) sync.receive(batch);
    },
    receive(batch) {
      if (!isContactPatchBatch(batch)) {
        // A batch we cannot read is a batch missed.
        if (state.seq !== null) resync();
        return;
      }
      if (state.seq === null) {
        state.waiting.push(batch);
        return;
      }
      const step = syncStep(state.seq, batch);
      if (step === 'apply') apply(batch);
      else if (step === 'resync') {
        state.waiting.push(batch);
        resync();
      }
    },
  };
  return sync;
}
