import type { IdleMonitor } from '../core/ports';

/** Keyboard/mouse idle time from Electron's powerMonitor.getSystemIdleTime (seconds). */
export function createPowerMonitorIdle(powerMonitor: { getSystemIdleTime(): number }): IdleMonitor {
  return { idleSeconds: () => powerMonitor.getSystemIdleTime() };
}
