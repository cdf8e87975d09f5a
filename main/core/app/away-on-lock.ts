import type { Subscription } from 'rxjs';
import type { SettableAvailability } from '../../../shared/availability';
import type { DesiredPresence, SessionState } from '../../../shared/models';
import type { SettingsStore, SystemEvents } from '../ports';
import type { AppSettings } from './app-settings';
import type { PresenceChoice } from './presence-choice';

export interface AwayOnLockDeps {
  readonly settings: SettingsStore<AppSettings>;
  readonly choice: PresenceChoice;
  readonly session: () => SessionState;
  readonly desired: () => DesiredPresence;
  readonly system?: SystemEvents;
}

/** "Appear away when the screen locks or the machine sleeps", and back when it wakes. */
export interface AwayOnLock {
  enabled(): boolean;
  setEnabled(enabled: boolean): void;
  /** A new choice made while away: the wake must not bring back the one from before the lock. */
  forget(): void;
  dispose(): void;
}

/** Only from Available or automatic, only while online: a chosen Busy is never overridden. */
export function createAwayOnLock(deps: AwayOnLockDeps): AwayOnLock {
  const { settings, choice } = deps;
  /** What to restore at wake; undefined = not away because of a lock. */
  let beforeLock: SettableAvailability | null | undefined;

  async function lock(): Promise<void> {
    const chosen = deps.desired().availability;
    if (!settings.get('awayOnLock') || beforeLock !== undefined) return;
    if (deps.session().state !== 'online' || (chosen !== null && chosen !== 'Online')) return;
    beforeLock = chosen;
    await choice.appearAway();
  }

  async function wake(): Promise<void> {
    if (beforeLock === undefined) return;
    const restore = beforeLock;
    beforeLock = undefined;
    await choice.choose(restore);
  }

  const owned: Subscription[] = deps.system
    ? [deps.system.sleep$.subscribe(() => void lock()), deps.system.wake$.subscribe(() => void wake())]
    : [];
  return {
    enabled: () => settings.get('awayOnLock'),
    setEnabled(enabled) {
      settings.set('awayOnLock', enabled);
    },
    forget() {
      beforeLock = undefined;
    },
    dispose() {
      for (const subscription of owned) subscription.unsubscribe();
    },
  };
}
