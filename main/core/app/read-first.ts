import { BehaviorSubject, combineLatest, type Observable } from 'rxjs';
import type { Engine } from '../engine-api';

/**
 * The contacts whose presence the engine reads first when it (re-)reads the list: the rows the
 * window shows, in screen order, then the watched ones ("tell me when available"), each once. A
 * watched contact far down the list is then known at once, so its notification is not late.
 */
export function readFirst(visible: readonly string[], watched: readonly string[]): string[] {
  return [...new Set([...visible, ...watched])];
}

/** Tells the engine which contacts to read first whenever the window's rows or the watch list change. */
export interface ReadFirstOrder {
  /** The contact URIs the window shows now, in screen order. */
  show(uris: readonly string[]): void;
  dispose(): void;
}

export function createReadFirstOrder(engine: Pick<Engine, 'setVisibleContacts'>, watched$: Observable<readonly string[]>): ReadFirstOrder {
  const visible$ = new BehaviorSubject<readonly string[]>([]);
  const subscription = combineLatest([visible$, watched$]).subscribe(([visible, watched]) => engine.setVisibleContacts(readFirst(visible, watched)));
  return {
    show: (uris) => visible$.next(uris),
    dispose: () => {
      subscription.unsubscribe();
      visible$.complete();
    },
  };
}
