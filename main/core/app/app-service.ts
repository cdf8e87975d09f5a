import type { Observable, SchedulerLike } from 'rxjs';
import type { SettableAvailability } from '../../../shared/availability';
import type { AppSnapshot, ContactSnapshot, RendererApi } from '../../../shared/ipc-contract';
import type { Translator } from '../../../shared/i18n';
import type { SessionState } from '../../../shared/models';
import type { AdminPolicy } from '../admin-policy';
import type { Engine } from '../engine-api';
import { DisposableStore } from '../lifetime/disposable-store';
import type { Autostart, Logger, Notifier, SecretStore, SettingsStore, SystemEvents } from '../ports';
import { appPushes, appStatus, type AppPush, type AppStatus } from './app-pushes';
import type { AppSettings } from './app-settings';
import { createAutoSignIn, type AutoSignIn } from './auto-sign-in';
import { createAwayOnLock, type AwayOnLock } from './away-on-lock';
import { createContactFeed, type ContactFeed } from './contact-feed';
import { createCredentials, type Credentials } from './credentials';
import { createEngineMirror, type EngineMirror } from './engine-mirror';
import { createNotifications, type Notifications } from './notifications';
import { createPresenceChoice, type PresenceChoice } from './presence-choice';
import { createReadFirstOrder, type ReadFirstOrder } from './read-first';
import { createRecentChanges, type RecentChanges } from './recent-changes';
import { safely } from './safely';
import { createSignIn, type SignIn } from './sign-in';
import { createSignInSettings, type SignInSettings } from './sign-in-settings';
import { createStartAtLogin, type StartAtLogin } from './start-at-login';
import type { TimedAvailability, TimedDuration } from './timed-status';
import { createTimedStatusTimer, type TimedStatusTimer } from './timed-status-timer';
import { createWatchedContacts, type WatchedContacts } from './watched-contacts';

export type { AppPush, AppStatus } from './app-pushes';

export interface AppServiceDeps {
  readonly engine: Engine;
  readonly settings: SettingsStore<AppSettings>;
  readonly secrets: SecretStore;
  readonly notifier: Notifier;
  readonly policy: AdminPolicy;
  readonly scheduler: SchedulerLike;
  readonly autostart?: Autostart;
  readonly system?: SystemEvents;
  readonly logger?: Logger;
  /** The words in force (notifications, the windows' locale); English when absent. */
  readonly messages?: () => Translator;
}

/** How `start()` signs in: stored credentials, explicit ones (demo; never stored), or not at all. */
export interface StartOptions {
  readonly credentials?: { readonly address: string; readonly password: string; readonly discoveryUrl?: string };
}

/** The window's verbs are the renderer contract's own (`RendererApi`), served here for IPC and tests. */
type WindowVerbs = Pick<RendererApi, 'signIn' | 'signOut' | 'setAvailability' | 'resetAvailability' | 'setNote' | 'watchContact' | 'setVisibleContacts'>;

export interface AppService extends WindowVerbs {
  /** Everything a freshly opened window needs. */
  snapshot(): AppSnapshot;
  /** The contact list and the last patch batch it includes, for a window that missed patches. */
  contactsSnapshot(): ContactSnapshot;
  /** Pushes for every open window, in the IPC push channels' shapes. */
  readonly push$: Observable<AppPush>;
  /** Session, presence, desired presence and timed status: the tray re-renders on each emission. */
  readonly status$: Observable<AppStatus>;

  /** Busy / Do not disturb for a while; then back to what was chosen before, by itself. */
  setTimedStatus(availability: TimedAvailability, duration: TimedDuration): Promise<void>;
  cancelTimedStatus(): Promise<void>;

  /** "Appear away when the screen locks or the machine sleeps". */
  awayOnLockEnabled(): boolean;
  setAwayOnLock(enabled: boolean): void;

  autostartEnabled(): Promise<boolean>;
  setAutostart(enabled: boolean): Promise<void>;

  /**
   * Restores state (timed status vs the clock, admin autostart default) and signs in with stored or
   * given credentials. Resolves `needsSignIn: true` when the sign-in window should be shown.
   */
  start(options?: StartOptions): Promise<{ readonly needsSignIn: boolean }>;
  /** Stops timers and subscriptions (the engine is disposed by its owner). */
  dispose(): void;
}

/** The services the app is composed of, one job each. */
interface AppParts {
  readonly mirror: EngineMirror;
  readonly contacts: ContactFeed;
  readonly changes: RecentChanges;
  readonly watched: WatchedContacts;
  readonly readFirst: ReadFirstOrder;
  readonly notifications: Notifications;
  readonly choice: PresenceChoice;
  readonly credentials: Credentials;
  readonly signInSettings: SignInSettings;
  readonly timed: TimedStatusTimer;
  readonly awayOnLock: AwayOnLock;
  readonly startAtLogin: StartAtLogin;
  readonly autoSignIn: AutoSignIn;
  readonly signIn: SignIn;
}

/**
 * The electron-free application service: the engine plus settings, secrets, notifications, timed
 * status and admin policy, shaped as the window (RendererApi) and the tray need them. Runs in
 * plain Node too, so renderer tests bind it to `window.ucwa` with the real engine.
 */
export function createAppService(deps: AppServiceDeps): AppService {
  const store = new DisposableStore();
  const parts = createParts(deps, store);
  const { mirror, contacts, changes, watched, choice, timed, awayOnLock, startAtLogin } = parts;
  return {
    snapshot: () => snapshot(parts, deps),
    contactsSnapshot: () => contacts.snapshot(),
    push$: appPushes({ ...mirror, patches$: contacts.patches$, changes$: changes.added$, watched$: watched.watched$ }),
    status$: appStatus(
      () => ({ session: mirror.session$.value, presence: mirror.presence$.value, desired: mirror.desired$.value, timed: timed.value() }),
      [mirror.session$, mirror.presence$, mirror.desired$, timed.timed$],
    ),
    signIn: (form) => parts.signIn.signIn(form),
    signOut: () => signOut(parts, deps),
    setAvailability: (availability) => choose(parts, availability),
    resetAvailability: () => choose(parts, null),
    setNote: (note) => choice.setNote(note),
    watchContact: async (request) => watched.watch(request),
    setVisibleContacts: async (uris) => parts.readFirst.show(uris),
    async setTimedStatus(availability, duration) {
      awayOnLock.forget();
      await timed.begin(availability, duration);
    },
    cancelTimedStatus: () => timed.cancel(),
    awayOnLockEnabled: () => awayOnLock.enabled(),
    setAwayOnLock: (enabled) => awayOnLock.setEnabled(enabled),
    autostartEnabled: () => startAtLogin.enabled(),
    setAutostart: (enabled) => startAtLogin.setEnabled(enabled),
    start: (options) => start(parts, deps, options),
    dispose: () => store.dispose(),
  };
}

/** Builds the services in dependency order; `store` owns them (disposed last built first). */
function createParts(deps: AppServiceDeps, store: DisposableStore): AppParts {
  const { engine, settings, policy, notifier, scheduler, system, logger, messages } = deps;
  const session = (): SessionState => mirror.session$.value;
  const choice = store.add(createPresenceChoice({ engine, settings, logger }));
  const mirror = store.add(createEngineMirror(engine, choice.saved()));
  const contacts = store.add(createContactFeed(engine.contacts$));
  const changes = store.add(createRecentChanges(engine.changes$));
  const watched = store.add(createWatchedContacts(settings));
  const readFirst = store.add(createReadFirstOrder(engine, watched.watched$));
  const watching = (): readonly string[] => watched.value();
  const notifications = store.add(createNotifications({ settings, notifier, session$: mirror.session$, changes$: engine.changes$, watched: watching, messages }));
  const credentials = store.add(createCredentials({ secrets: deps.secrets, settings, policy, notifier, logger }));
  const signInSettings = store.add(createSignInSettings(settings, policy));
  // Before away-on-lock: at wake, an ended timed status is restored before the choice from before the lock.
  const timed = store.add(createTimedStatusTimer({ settings, choice, scheduler, wake$: system?.wake$, logger }));
  const awayOnLock = store.add(createAwayOnLock({ settings, choice, session, desired: () => mirror.desired$.value, system }));
  const startAtLogin = store.add(createStartAtLogin({ settings, policy, autostart: deps.autostart, logger }));
  const autoSignIn = store.add(createAutoSignIn({ connect: (target) => signIn.connect(target), session, scheduler, logger }));
  const beforeConnect = (): void => autoSignIn.cancel();
  const signIn = store.add(createSignIn({ engine, policy, session, choice, notifications, signInSettings, credentials, beforeConnect }));
  return { mirror, contacts, changes, watched, readFirst, notifications, choice, credentials, signInSettings, timed, awayOnLock, startAtLogin, autoSignIn, signIn };
}

function snapshot(parts: AppParts, deps: AppServiceDeps): AppSnapshot {
  const { mirror, contacts, timed } = parts;
  const list = contacts.snapshot();
  return {
    session: mirror.session$.value,
    presence: mirror.presence$.value,
    desired: mirror.desired$.value,
    timedUntil: timed.value()?.until ?? null,
    contacts: list.contacts,
    contactsSeq: list.seq,
    changes: parts.changes.list(),
    watched: parts.watched.value(),
    signIn: parts.signInSettings.defaults(parts.credentials),
    ...(deps.messages ? { locale: deps.messages().locale } : {}),
  };
}

/** A choice made now replaces a running timed status and whatever a wake would have restored. */
async function choose(parts: AppParts, availability: SettableAvailability | null): Promise<void> {
  parts.timed.clear();
  parts.awayOnLock.forget();
  await parts.choice.choose(availability);
}

async function signOut(parts: AppParts, deps: AppServiceDeps): Promise<void> {
  parts.notifications.userSignOut(true);
  parts.autoSignIn.cancel();
  parts.timed.clear();
  await parts.credentials.forget();
  await safely(deps.logger, 'sign out', () => deps.engine.signOut());
}

async function start(parts: AppParts, deps: AppServiceDeps, options: StartOptions = {}): Promise<{ readonly needsSignIn: boolean }> {
  await parts.credentials.probe();
  parts.timed.restore();
  await parts.startAtLogin.applyAdminDefault();
  const given = options.credentials;
  if (given) {
    const target = { address: given.address, password: given.password, discoveryUrl: given.discoveryUrl };
    await safely(deps.logger, 'sign in', () => parts.signIn.connect(target));
    return { needsSignIn: parts.mirror.session$.value.state !== 'online' };
  }
  const address = parts.signInSettings.address();
  if (address === '') return { needsSignIn: true };
  const password = await parts.credentials.stored();
  if (password === null) return { needsSignIn: true };
  const discoveryUrl = parts.signInSettings.discoveryUrl();
  return parts.autoSignIn.run({ address, password, discoveryUrl: discoveryUrl === '' ? undefined : discoveryUrl });
}
