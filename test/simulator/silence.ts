import type { SimCore } from './sim-core';

/**
 * While silent, the pool changes state without raising any event (as when it lost its event
 * queues): a client learns of such changes only by reading again, which is what a resync or
 * resume asks it to do. Leaving silence raises nothing for what changed meanwhile.
 */
export function setSilent(core: SimCore, silent: boolean): void {
  if (silent) core.raise = () => {};
  else Reflect.deleteProperty(core, 'raise');
}
