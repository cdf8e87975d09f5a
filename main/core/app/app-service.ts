import {
  BehaviorSubject,
  combineLatest,
  Observable,
  Subject,
  Subscription,
  merge,
  pairwise,
  startWith,
  timer,
  map,
  type SchedulerLike,
} from 'rxjs';
import type { SettableAvailability } from '../../../shared/availability';
import {
  CHANGE_FEED_LIMIT,
  IPC,
  type AppSnapshot,
  type ContactPatchBatch,
  type ContactSnapshot,
  type RendererApi,
  type SignInDefaults,
} from '../../../shared/ipc-contract';
import { diffContactPatches } from '../../../shared/contact-patches';
import type { Translator } from '../../../shared/i18n';
import type { Change, ContactList, DesiredPresence, MyPresence, SessionState } from '../../../shared/models';
import { EMPTY_CONTACT_LIST } from '../../../shared/models';
import type { AdminPolicy } from '../admin-policy';
import type { Engine } from '../engine-api';
import type { Autostart, Logger, Notifier, SecretStore, SettingsStore, SystemEvents } from '../ports';
import { sessionNotification, watchedContactNotification, type Notification } from './app-notifications';
import { readFirst } from './read-first';
import { NOTE_MAX_LENGTH, type AppSettings } from './app-settings';
import { signInFailure, validateSignInForm } from './sign-in-result';
import {
  isTimedStatusExpired,
  timedStatusEnd,
  type TimedAvailability,
  type TimedDuration,
  type TimedStatus,
} from './timed-status';

/** Backoff for retrying an automatic sign-in at start that failed for network reasons. */
export const AUTO_SIGN_IN_RETRY_BASE_MS = 15_000;
export const AUTO_SIGN_IN_RETRY_MAX_MS = 5 * 60_000;

/** The SecretStore key of the remembered password. */
export const PASSWORD_SECRET = 'password';

/** One push to renderers: the channel and its payload, typed together. */
export type AppPush =
  | { readonly channel: typeof IPC.sessionChanged; readonly payload: SessionState }
  | { readonly channel: typeof IPC.presenceChanged; readonly payload: MyPresence }
  | { readonly channel: typeof IPC.contactsPatched; readonly payload: ContactPatchBatch }
  | { readonly channel: typeof IPC.changeAdded; readonly payload: Change }
  | { readonly channel: typeof IPC.watchedChanged; readonly payload: readonly string[] };

/** What the tray needs (besides the clock and autostart). */
export interface AppStatus {
  readonly session: SessionState;
  readonly presence: MyPresence;
  readonly desired: DesiredPresence;
  readonly timed: TimedStatus | null;
}

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
  /** After resume from sleep: expire a timed status that ended meanwhile and reconcile now. */
  resumed(): void;
  /** Stops timers and subscriptions (the engine is disposed by its owner). */
  dispose(): void;
}

/**
 * The electron-free application service: the engine plus settings, secrets, notifications, timed
 * status and admin policy, shaped as the window (RendererApi) and the tray need them. Runs in
 * plain Node too, so renderer tests bind it to `window.ucwa` with the real engine.
 */
export function createAppService(deps: AppServiceDeps): AppService {
  const { engine, settings, secrets, notifier, policy, scheduler } = deps;
  const subscriptions = new Subscription();

  const session$ = new BehaviorSubject<SessionState>({ state: 'signedOut' });
  const presence$ = new BehaviorSubject<MyPresence>({ availability: 'Unknown', note: '' });
  const desired$ = new BehaviorSubject<DesiredPresence>({ availability: settings.get('lastAvailability'), note: settings.get('note') });
  const contacts$ = new BehaviorSubject<ContactList>(EMPTY_CONTACT_LIST);
  const timed$ = new BehaviorSubject<TimedStatus | null>(settings.get('timedStatus'));
  const watched$ = new BehaviorSubject<readonly string[]>(settings.get('watchedContacts'));
  const visible$ = new BehaviorSubject<readonly string[]>([]);
  const changeAdded$ = new Subject<Change>();
  const contactPatches$ = new Subject<ContactPatchBatch>();
  let contactsSeq = 0;
  let changes: readonly Change[] = [];
  let backend: 'strong' | 'weak' | 'unavailable' = 'unavailable';
  let userSignOut = false;
  let timedTimer: Subscription | null = null;
  /** Retries an automatic sign-in that failed for network reasons (e.g. Wi-Fi not up yet at login). */
  let autoRetry: Subscription | null = null;
  /** What to restore after an away-on-lock; undefined = not away because of a lock. */
  let beforeLock: SettableAvailability | null | undefined;

  const log = (level: 'info' | 'warn', message: string): void => deps.logger?.log(level, message);
  const notify = (notification: Notification | null): void => {
    if (notification !== null && settings.get('notifications')) notifier.notify(notification.title, notification.body);
  };
  /** Secret storage trouble is told to the user whatever the notification setting: it changes what they must do. */
  const reportSecretTrouble = (title: string, error: unknown, advice: string): void => {
    const why = error instanceof Error ? error.message : 'unknown error';
    log('warn', `${title}: ${why}`);
    notifier.notify(title, `${why} ${advice}`);
  };
  /** Engine commands report server trouble via session$; a rejection here must not crash the app. */
  const safely = async (what: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      log('warn', `${what} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };

  subscriptions.add(engine.session$.subscribe((value) => session$.next(value)));
  subscriptions.add(engine.presence$.subscribe((value) => presence$.next(value)));
  subscriptions.add(engine.desired$.subscribe((value) => desired$.next(value)));
  // Numbered before the list is forwarded, so a snapshot's `contactsSeq` always matches its `contacts`.
  subscriptions.add(
    contacts$.pipe(pairwise()).subscribe(([prev, next]) => {
      const patches = diffContactPatches(prev, next);
      if (patches.length === 0) return;
      contactsSeq += 1;
      contactPatches$.next({ seq: contactsSeq, patches });
    }),
  );
  subscriptions.add(engine.contacts$.subscribe((value) => contacts$.next(value)));
  subscriptions.add(combineLatest([visible$, watched$]).subscribe(([visible, watched]) => engine.setVisibleContacts(readFirst(visible, watched))));
  subscriptions.add(
    engine.changes$.subscribe((change) => {
      changes = [change, ...changes].slice(0, CHANGE_FEED_LIMIT);
      changeAdded$.next(change);
      notify(watchedContactNotification(change, watched$.value, deps.messages?.()));
    }),
  );
  subscriptions.add(
    session$.pipe(startWith(undefined), pairwise()).subscribe(([previous, next]) => {
      if (next === undefined) return;
      notify(sessionNotification(previous, next, userSignOut, deps.messages?.()));
      if (next.state === 'online') userSignOut = false;
    }),
  );
  if (deps.system) {
    subscriptions.add(deps.system.sleep$.subscribe(() => void awayOnLock()));
    subscriptions.add(deps.system.wake$.subscribe(() => {
      expireTimedIfDue();
      void backFromLock();
    }));
  }

  async function awayOnLock(): Promise<void> {
    const chosen = desired$.value.availability;
    if (!settings.get('awayOnLock') || beforeLock !== undefined) return;
    if (session$.value.state !== 'online' || (chosen !== null && chosen !== 'Online')) return;
    beforeLock = chosen;
    await safely('away on lock', () => engine.setAvailability('Away'));
  }

  async function backFromLock(): Promise<void> {
    if (beforeLock === undefined) return;
    const restore = beforeLock;
    beforeLock = undefined;
    await restoreAvailability(restore);
  }

  async function restoreAvailability(availability: SettableAvailability | null): Promise<void> {
    settings.set('lastAvailability', availability);
    await (availability === null
      ? safely('reset availability', () => engine.resetAvailability())
      : safely('set availability', () => engine.setAvailability(availability)));
  }

  function setTimed(status: TimedStatus | null): void {
    timedTimer?.unsubscribe();
    timedTimer = null;
    settings.set('timedStatus', status);
    timed$.next(status);
    if (status !== null) {
      timedTimer = timer(Math.max(0, status.until - scheduler.now()), scheduler).subscribe(() => void expireTimed());
    }
  }

  async function expireTimed(): Promise<void> {
    const status = timed$.value;
    if (status === null) return;
    setTimed(null);
    log('info', 'timed status ended');
    await restoreAvailability(status.previous);
  }

  /** Timers do not fire during sleep: compare the persisted end with the clock. */
  function expireTimedIfDue(): void {
    const status = timed$.value;
    if (status !== null && isTimedStatusExpired(status, scheduler.now())) void expireTimed();
  }

  async function automaticSignIn(
    address: string,
    password: string,
    discoveryUrl: string | undefined,
    attempt: number,
  ): Promise<{ readonly needsSignIn: boolean }> {
    try {
      await signInEngine(address, password, discoveryUrl);
      return { needsSignIn: false };
    } catch (error) {
      const failure = signInFailure(error, session$.value, password);
      log('warn', `automatic sign-in failed: ${failure.message}`);
      // A problem the user must fix (wrong password…) brings the window up; anything else is retried.
      if (failure.field !== undefined) return { needsSignIn: true };
      const delay = Math.min(AUTO_SIGN_IN_RETRY_MAX_MS, AUTO_SIGN_IN_RETRY_BASE_MS * 2 ** attempt);
      autoRetry?.unsubscribe();
      autoRetry = timer(delay, scheduler).subscribe(() => {
        if (session$.value.state === 'signedOut' || session$.value.state === 'error') {
          void automaticSignIn(address, password, discoveryUrl, attempt + 1);
        }
      });
      return { needsSignIn: false };
    }
  }

  function signInDefaults(): SignInDefaults {
    const keepSignedInAllowed = policy.allowKeepSignedIn && backend !== 'unavailable';
    return {
      address: policy.signInAddress ?? settings.get('signInAddress'),
      discoveryUrl: policy.discoveryUrl ?? settings.get('discoveryUrl'),
      keepSignedIn: keepSignedInAllowed && settings.get('keepSignedIn'),
      keepSignedInAllowed,
      weakSecretStorage: backend === 'weak',
      discoveryUrlLocked: policy.discoveryUrl !== undefined,
    };
  }

  async function signInEngine(address: string, password: string, discoveryUrl: string | undefined): Promise<void> {
    autoRetry?.unsubscribe();
    autoRetry = null;
    const state = session$.value.state;
    if (state !== 'signedOut' && state !== 'error') {
      userSignOut = true;
      await engine.signOut();
    }
    userSignOut = false;
    const request = discoveryUrl === undefined ? { address, password } : { address, password, discoveryUrl };
    await engine.signIn(request, { availability: settings.get('lastAvailability'), note: settings.get('note') });
  }

  const service: AppService = {
    snapshot: () => ({
      session: session$.value,
      presence: presence$.value,
      desired: desired$.value,
      timedUntil: timed$.value?.until ?? null,
      contacts: contacts$.value,
      contactsSeq,
      changes,
      watched: watched$.value,
      signIn: signInDefaults(),
      ...(deps.messages ? { locale: deps.messages().locale } : {}),
    }),
    contactsSnapshot: () => ({ seq: contactsSeq, contacts: contacts$.value }),

    push$: merge(
      session$.pipe(map((payload): AppPush => ({ channel: IPC.sessionChanged, payload }))),
      presence$.pipe(map((payload): AppPush => ({ channel: IPC.presenceChanged, payload }))),
      contactPatches$.pipe(map((payload): AppPush => ({ channel: IPC.contactsPatched, payload }))),
      changeAdded$.pipe(map((payload): AppPush => ({ channel: IPC.changeAdded, payload }))),
      watched$.pipe(map((payload): AppPush => ({ channel: IPC.watchedChanged, payload }))),
    ),

    status$: new Observable<AppStatus>((subscriber) => {
      const emit = (): void =>
        subscriber.next({ session: session$.value, presence: presence$.value, desired: desired$.value, timed: timed$.value });
      return merge(session$, presence$, desired$, timed$).subscribe(emit);
    }),

    async signIn(form) {
      const valid = validateSignInForm(form, policy);
      if ('ok' in valid) return valid;
      try {
        await signInEngine(valid.address, valid.password, valid.discoveryUrl);
      } catch (error) {
        const typedDiscoveryUrl = policy.discoveryUrl === undefined && valid.discoveryUrl !== undefined;
        return signInFailure(error, session$.value, form.password, typedDiscoveryUrl);
      }
      settings.set('signInAddress', valid.address);
      if (policy.discoveryUrl === undefined) settings.set('discoveryUrl', valid.discoveryUrl ?? '');
      const keep = form.keepSignedIn && policy.allowKeepSignedIn && (backend === 'strong' || (backend === 'weak' && form.acceptWeakStorage));
      if (!keep) {
        settings.set('keepSignedIn', false);
        await safely('forget password', () => secrets.delete(PASSWORD_SECRET));
        return { ok: true };
      }
      try {
        await secrets.set(PASSWORD_SECRET, valid.password);
      } catch (error) {
        // Signed in, but not kept: say so now rather than at the next start.
        settings.set('keepSignedIn', false);
        reportSecretTrouble('Your password could not be saved', error, 'You are signed in, but you will have to sign in again next time.');
        return { ok: true };
      }
      // Only once the password is stored: a start that finds keepSignedIn must find the password too.
      settings.set('keepSignedIn', true);
      return { ok: true };
    },

    async signOut() {
      userSignOut = true;
      autoRetry?.unsubscribe();
      autoRetry = null;
      setTimed(null);
      settings.set('keepSignedIn', false);
      await safely('forget password', () => secrets.delete(PASSWORD_SECRET));
      await safely('sign out', () => engine.signOut());
    },

    async setAvailability(availability) {
      setTimed(null);
      beforeLock = undefined;
      await restoreAvailability(availability);
    },

    async resetAvailability() {
      setTimed(null);
      beforeLock = undefined;
      await restoreAvailability(null);
    },

    async setNote(note) {
      const trimmed = note.slice(0, NOTE_MAX_LENGTH);
      settings.set('note', trimmed);
      await safely('set note', () => engine.setNote(trimmed));
    },

    async setVisibleContacts(uris) {
      visible$.next(uris);
    },

    async watchContact({ uri, watch }) {
      const others = watched$.value.filter((existing) => existing !== uri);
      const next = watch ? [...others, uri] : others;
      settings.set('watchedContacts', next);
      watched$.next(next);
    },

    async setTimedStatus(availability, duration) {
      const now = scheduler.now();
      const previous = timed$.value?.previous ?? settings.get('lastAvailability');
      setTimed({ availability, until: timedStatusEnd(now, duration), previous });
      beforeLock = undefined;
      settings.set('lastAvailability', availability);
      await safely('set availability', () => engine.setAvailability(availability));
    },

    async cancelTimedStatus() {
      const status = timed$.value;
      if (status === null) return;
      setTimed(null);
      await restoreAvailability(status.previous);
    },

    awayOnLockEnabled: () => settings.get('awayOnLock'),

    setAwayOnLock(enabled) {
      settings.set('awayOnLock', enabled);
    },

    async autostartEnabled() {
      return deps.autostart?.supported ? deps.autostart.isEnabled() : false;
    },

    async setAutostart(enabled) {
      if (!deps.autostart?.supported) return;
      settings.set('autostart', enabled);
      await safely('autostart', () => deps.autostart!.setEnabled(enabled));
    },

    async start(options = {}) {
      backend = await secrets.backend().catch(() => 'unavailable' as const);
      const timed = timed$.value;
      if (timed !== null && isTimedStatusExpired(timed, scheduler.now())) {
        // Ended while the app was not running: start with what was chosen before it.
        setTimed(null);
        settings.set('lastAvailability', timed.previous);
      } else {
        setTimed(timed);
      }
      if (deps.autostart?.supported && settings.get('autostart') === null && policy.startAtLoginDefault !== undefined) {
        await service.setAutostart(policy.startAtLoginDefault);
      }

      const given = options.credentials;
      if (given) {
        await safely('sign in', () => signInEngine(given.address, given.password, given.discoveryUrl));
        return { needsSignIn: session$.value.state !== 'online' };
      }
      const address = policy.signInAddress ?? settings.get('signInAddress');
      if (!settings.get('keepSignedIn') || !policy.allowKeepSignedIn || address === '') return { needsSignIn: true };
      let password: string | null;
      try {
        password = await secrets.get(PASSWORD_SECRET);
      } catch (error) {
        reportSecretTrouble('Your saved password could not be read', error, 'Please sign in again.');
        return { needsSignIn: true };
      }
      if (password === null) return { needsSignIn: true };
      const discoveryUrl = policy.discoveryUrl ?? settings.get('discoveryUrl');
      return automaticSignIn(address, password, discoveryUrl === '' ? undefined : discoveryUrl, 0);
    },

    resumed() {
      expireTimedIfDue();
      engine.reconcile();
    },

    dispose() {
      timedTimer?.unsubscribe();
      autoRetry?.unsubscribe();
      subscriptions.unsubscribe();
      changeAdded$.complete();
    },
  };
  return service;
}
