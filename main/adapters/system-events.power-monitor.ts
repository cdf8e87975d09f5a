import { Observable, distinctUntilChanged, filter, interval, map, merge, share, skip } from 'rxjs';
import type { SystemEvents } from '../core/ports';

type PowerEvent = 'resume' | 'suspend' | 'lock-screen' | 'unlock-screen';

/** The part of Electron's powerMonitor we listen to. */
export interface PowerEventSource {
  on(event: PowerEvent, listener: () => void): unknown;
  removeListener(event: PowerEvent, listener: () => void): unknown;
}

function fromPowerEvent(source: PowerEventSource, event: PowerEvent): Observable<void> {
  return new Observable<void>((subscriber) => {
    const listener = (): void => subscriber.next();
    source.on(event, listener);
    return () => source.removeListener(event, listener);
  });
}

/**
 * OS events as the engine's SystemEvents port: resume / unlock / network back → wake$;
 * lock / suspend → sleep$. Electron has no network-change event in main, so we watch
 * `net.isOnline()` and emit when it turns true again.
 */
export function createPowerMonitorEvents(
  powerMonitor: PowerEventSource,
  isOnline: () => boolean,
  networkPollMs = 10_000,
): SystemEvents {
  const networkBack$ = interval(networkPollMs).pipe(
    map(() => isOnline()),
    distinctUntilChanged(),
    skip(1),
    filter((online) => online),
    map(() => 'network' as const),
  );
  return {
    wake$: merge(
      fromPowerEvent(powerMonitor, 'resume').pipe(map(() => 'resume' as const)),
      fromPowerEvent(powerMonitor, 'unlock-screen').pipe(map(() => 'unlock' as const)),
      networkBack$,
    ).pipe(share()),
    sleep$: merge(
      fromPowerEvent(powerMonitor, 'lock-screen').pipe(map(() => 'lock' as const)),
      fromPowerEvent(powerMonitor, 'suspend').pipe(map(() => 'suspend' as const)),
    ).pipe(share()),
  };
}
