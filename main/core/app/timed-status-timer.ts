import { BehaviorSubject, timer, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { Logger, SettingsStore } from '../ports';
import type { AppSettings } from './app-settings';
import type { PresenceChoice } from './presence-choice';
import { isTimedStatusExpired, timedStatusEnd, type TimedAvailability, type TimedDuration, type TimedStatus } from './timed-status';

export interface TimedStatusTimerDeps {
  readonly settings: SettingsStore<AppSettings>;
  readonly choice: PresenceChoice;
  readonly scheduler: SchedulerLike;
  /** After sleep: timers did not fire meanwhile, so the end is checked against the clock. */
  readonly wake$?: Observable<unknown>;
  readonly logger?: Logger;
}

/** Busy / Do not disturb for a while, then back to the choice before it, by itself; saved across restarts. */
export interface TimedStatusTimer {
  /** The timed status running now; null when none. */
  readonly timed$: Observable<TimedStatus | null>;
  value(): TimedStatus | null;
  /** At start: one that ended while the app was not running gives way to the choice before it. */
  restore(): void;
  begin(availability: TimedAvailability, duration: TimedDuration): Promise<void>;
  /** Ends it now and goes back to the choice before it. */
  cancel(): Promise<void>;
  /** Forgets it without restoring anything (a new choice replaces it). */
  clear(): void;
  dispose(): void;
}

export function createTimedStatusTimer(deps: TimedStatusTimerDeps): TimedStatusTimer {
  const { settings, choice, scheduler } = deps;
  const timed$ = new BehaviorSubject<TimedStatus | null>(settings.get('timedStatus'));
  let ending: Subscription | null = null;
  const wake = deps.wake$?.subscribe(() => expireIfDue());

  function set(status: TimedStatus | null): void {
    ending?.unsubscribe();
    ending = null;
    settings.set('timedStatus', status);
    timed$.next(status);
    if (status !== null) ending = timer(Math.max(0, status.until - scheduler.now()), scheduler).subscribe(() => void expire());
  }

  async function cancel(): Promise<void> {
    const status = timed$.value;
    if (status === null) return;
    set(null);
    await choice.choose(status.previous);
  }

  async function expire(): Promise<void> {
    if (timed$.value !== null) deps.logger?.log('info', 'timed status ended');
    await cancel();
  }

  function expireIfDue(): void {
    const status = timed$.value;
    if (status !== null && isTimedStatusExpired(status, scheduler.now())) void expire();
  }

  return {
    timed$: timed$.asObservable(),
    value: () => timed$.value,
    restore() {
      const status = timed$.value;
      if (status === null || !isTimedStatusExpired(status, scheduler.now())) return set(status);
      set(null);
      choice.save(status.previous);
    },
    async begin(availability, duration) {
      // A running timed status already holds the choice to go back to, automatic (null) included;
      // the saved availability is the running timed one by now.
      const running = timed$.value;
      const previous = running === null ? choice.saved().availability : running.previous;
      set({ availability, until: timedStatusEnd(scheduler.now(), duration), previous });
      await choice.choose(availability);
    },
    cancel,
    clear: () => set(null),
    dispose() {
      ending?.unsubscribe();
      wake?.unsubscribe();
    },
  };
}
