/** Something that holds a resource (a timer, a subscription, a listener) until it is disposed. */
export interface Disposable {
  dispose(): void;
}

/**
 * Owns disposables and disposes them together, the last added first (what was built on top goes
 * before what it was built on). Anything added after `dispose` is disposed at once, so nothing
 * outlives its owner.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  /** Takes ownership of `item` and returns it. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
}
