/**
 * The simulator's control API (`/_sim/…`) as one plain call, shared by the engine harness and the
 * renderer's live stack, which both drive a simulator they started themselves.
 */

/** Calls the control API at `path`; returns parsed JSON, or null for an empty body. */
export type SimControl = (method: string, path: string, body?: unknown) => Promise<unknown>;

/** A {@link SimControl} for the simulator at `origin`; throws on any non-2xx answer (with its status and text). */
export function simControl(origin: string): SimControl {
  return async (method, path, body) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return text.length > 0 ? (JSON.parse(text) as unknown) : null;
  };
}
