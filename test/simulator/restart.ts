import type { SimCore } from './sim-core';

/**
 * A pool restart as a client sees it: every parked P-GET loses its connection and every
 * application is forgotten, so its URLs answer a plain 404 ApplicationNotFound (not the
 * reaped/expired error a running pool remembers). Users, groups, presence and tokens survive,
 * as they live outside the front end's memory. Returns how many applications were forgotten.
 */
export function restartPool(core: SimCore): number {
  const apps = [...core.apps.values()];
  for (const app of apps) {
    app.channel.dropParked();
    core.terminate(app, 'reaped');
    core.gone.delete(app.id);
  }
  return apps.length;
}
