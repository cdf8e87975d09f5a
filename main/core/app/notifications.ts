import { Subscription, pairwise, startWith, type Observable } from 'rxjs';
import type { Translator } from '../../../shared/i18n';
import type { Change, SessionState } from '../../../shared/models';
import type { Notifier, SettingsStore } from '../ports';
import { sessionNotification, watchedContactNotification, type Notification } from './app-notifications';
import type { AppSettings } from './app-settings';

export interface NotificationsDeps {
  readonly settings: SettingsStore<AppSettings>;
  readonly notifier: Notifier;
  readonly session$: Observable<SessionState>;
  readonly changes$: Observable<Change>;
  /** The watched contacts' URIs now. */
  readonly watched: () => readonly string[];
  /** The words in force; English when absent. */
  readonly messages?: () => Translator;
}

/** Tells the user about sign-outs, lost connections and watched contacts, when notifications are on. */
export interface Notifications {
  /**
   * Marks sign-outs as the user's own (true) so they raise no "signed out" notification, until
   * told false or the session is online again.
   */
  userSignOut(active: boolean): void;
  dispose(): void;
}

/** Notifications from the session and the change feed (see app-notifications.ts for the wording). */
export function createNotifications(deps: NotificationsDeps): Notifications {
  const owned = new Subscription();
  let userSignOut = false;
  const notify = (notification: Notification | null): void => {
    if (notification !== null && deps.settings.get('notifications')) deps.notifier.notify(notification.title, notification.body);
  };
  owned.add(deps.changes$.subscribe((change) => notify(watchedContactNotification(change, deps.watched(), deps.messages?.()))));
  owned.add(
    deps.session$.pipe(startWith(undefined), pairwise()).subscribe(([previous, next]) => {
      if (next === undefined) return;
      notify(sessionNotification(previous, next, userSignOut, deps.messages?.()));
      if (next.state === 'online') userSignOut = false;
    }),
  );
  return {
    userSignOut(active) {
      userSignOut = active;
    },
    dispose: () => owned.unsubscribe(),
  };
}
