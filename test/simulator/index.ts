import type { SimConfig } from './config';
import { demoDirectory } from './demo-directory';
import type { DirectoryFile } from './directory';
import { ROOT_PATH } from './discovery';
import { SimCore } from './sim-core';
import { SimServer, type RequestListener } from './server';

export type { SimConfig } from './config';
export { DEFAULT_CONFIG } from './config';
export type { DirectoryFile, DirectoryUser, DirectoryGroup } from './directory';
export { demoDirectory } from './demo-directory';

/** A running simulator. */
export interface SimulatorHandle {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  /** `${origin}/Autodiscover/AutodiscoverService.svc/root` */
  readonly rootUrl: string;
  /** Closes the server, releases parked P-GETs, clears all timers. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** 0 (default) = a free port. */
  port?: number;
  config?: Partial<SimConfig>;
  /** The directory; the built-in demo directory when omitted. */
  users?: DirectoryFile;
  /** Called once per finished UCWA request (never with tokens or passwords). */
  onRequest?: RequestListener;
}

/** Starts a UCWA 2.0 simulator on 127.0.0.1. */
export async function startSimulator(options: StartOptions = {}): Promise<SimulatorHandle> {
  const core = new SimCore(options.config, options.users ?? demoDirectory());
  const server = new SimServer(core, options.onRequest);
  const port = await server.listen(options.port ?? 0);
  let stopped: Promise<void> | undefined;
  return {
    origin: server.origin,
    port,
    rootUrl: `${server.origin}${ROOT_PATH}`,
    stop: () => (stopped ??= server.stop()),
  };
}
