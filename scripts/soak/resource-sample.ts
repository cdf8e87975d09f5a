import type { ResourceSample } from './invariants/resources';

/** Heap used (after a GC when `--expose-gc` is on) and open TCP sockets of this process. */
export function sampleResources(): ResourceSample {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const sockets = process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
  return { heapUsedMb: process.memoryUsage().heapUsed / 1_048_576, openSockets: sockets };
}
