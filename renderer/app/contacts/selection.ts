import type { Row } from './row-model';

/** The row the user has selected in the tree (null: none), for views that follow it. */
export interface Selection {
  current(): Row | null;
  /** Calls `listener` on every change of the selected row; returns a function that stops it. */
  subscribe(listener: (row: Row | null) => void): () => void;
  set(row: Row | null): void;
}

/** A plain selection holder: the tree sets it, a contact card (or anything else) subscribes. */
export function createSelection(): Selection {
  let row: Row | null = null;
  const listeners = new Set<(row: Row | null) => void>();
  return {
    current: () => row,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      row = next;
      for (const listener of listeners) listener(next);
    },
  };
}
