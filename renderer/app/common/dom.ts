/**
 * Tiny DOM helpers. Text always goes in through `textContent`: names come from the server and are data,
 * never markup.
 */

/** The element with `id`, or a thrown error naming it (a missing element is a page bug, not data). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`Missing #${id}`);
  return element as T;
}

/** Creates an element with a class name and optional text (set as text, never parsed). */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Shows or hides an element through the `hidden` attribute. */
export function setShown(node: HTMLElement, shown: boolean): void {
  node.hidden = !shown;
}
