import { BehaviorSubject, type Observable } from 'rxjs';
import type { WatchRequest } from '../../../shared/ipc-contract';
import type { SettingsStore } from '../ports';
import type { AppSettings } from './app-settings';

/** The contacts the user asked to be told about when they become available ("tell me when…"). */
export interface WatchedContacts {
  /** Their URIs, in the order they were watched; the current list first. */
  readonly watched$: Observable<readonly string[]>;
  value(): readonly string[];
  /** Adds (at the end) or removes one contact, and saves the list. */
  watch(request: WatchRequest): void;
  dispose(): void;
}

/** The watch list, saved in settings so it survives restarts. */
export function createWatchedContacts(settings: SettingsStore<AppSettings>): WatchedContacts {
  const watched$ = new BehaviorSubject<readonly string[]>(settings.get('watchedContacts'));
  return {
    watched$: watched$.asObservable(),
    value: () => watched$.value,
    watch({ uri, watch }) {
      const others = watched$.value.filter((existing) => existing !== uri);
      const next = watch ? [...others, uri] : others;
      settings.set('watchedContacts', next);
      watched$.next(next);
    },
    dispose: () => watched$.complete(),
  };
}
