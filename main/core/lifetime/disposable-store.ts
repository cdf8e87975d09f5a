import type { Unsubscribable } from 'rxjs';

/** Something that owns resources and gives them back when told. */
export interface Disposable {
  dispose(): void;
}

/** What a store can own: a service, an RxJS subscription, or a plain teardown function. */
export type Owned = Disposable | Unsubscribable | (() => void);

/**
 * Owns lifetimes so nobody keeps a `Subscription` or a list of subjects by hand. Disposes what it
 * holds in reverse order of adding (the last thing built depends on the earlier ones, so it goes
 * first); `clear()` ends the current holdings and keeps the store usable, `dispose()` ends it for
 * good, and anything added afterwards is disposed at once.
 */
export class DisposableStore implements Disposable {
  private readonly held: Owned[] = [];
  private disposed = false;

  /** Takes ownership of `item` and returns it, so construction and ownership are one expression. */
  add<T extends Owned>(item: T): T {
    if (this.disposed) release(item);
    else this.held.push(item);
    return item;
  }

  /** Ends everything held now, newest first; the store stays open for more. */
  clear(): void {
    const items = this.held.splice(0).reverse();
    const errors: unknown[] = [];
    for (const item of items) {
      try {
        release(item);
      } catch (error) {
        errors.push(error);
      }
    }
    // Every item is released even when one throws; the first failure is reported afterwards.
    if (errors.length > 0) throw errors[0];
  }

  /** Ends everything held and refuses to hold more. Disposing twice does nothing the second time. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}

function release(item: Owned): void {
  if (typeof item === 'function') item();
  else if ('dispose' in item) item.dispose();
  else item.unsubscribe();
}
