/**
 * The contacts whose presence the engine reads first when it (re-)reads the list: the rows the
 * window shows, in screen order, then the watched ones ("tell me when available"), each once. A
 * watched contact far down the list is then known at once, so its notification is not late.
 */
export function readFirst(visible: readonly string[], watched: readonly string[]): string[] {
  return [...new Set([...visible, ...watched])];
}
