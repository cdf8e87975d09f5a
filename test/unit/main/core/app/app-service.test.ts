import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_POLICY, type AdminPolicy } from '../../../../../main/core/admin-policy';
import { createAppService, type AppPush } from '../../../../../main/core/app/app-service';
import { AUTO_SIGN_IN_RETRY_BASE_MS, AUTO_SIGN_IN_RETRY_MAX_MS } from '../../../../../main/core/app/auto-sign-in';
import { PASSWORD_SECRET } from '../../../../../main/core/app/credentials';
import { memorySettings, type AppSettings } from '../../../../../main/core/app/app-settings';
import type { SignInForm } from '../../../../../shared/ipc-contract';
import { IPC } from '../../../../../shared/ipc-contract';
import type { SystemEvents } from '../../../../../main/core/ports';
import { FakeEngine, FakeSecrets } from './fake-engine';
import { clock, memoryLogger, MIN, settle, START } from './virtual-clock';
import { translator, type Translator } from '../../../../../shared/i18n';

function setup(options: { settings?: Partial<AppSettings>; policy?: AdminPolicy; secrets?: FakeSecrets; system?: SystemEvents; messages?: () => Translator } = {}) {
  const engine = new FakeEngine();
  const settings = memorySettings(options.settings);
  const secrets = options.secrets ?? new FakeSecrets();
  const notes: string[] = [];
  const time = clock();
  const logger = memoryLogger();
  const service = createAppService({
    engine,
    settings,
    secrets,
    notifier: { notify: (title, body) => notes.push(`${title} | ${body}`) },
    policy: options.policy ?? DEFAULT_ADMIN_POLICY,
    scheduler: time.scheduler,
    logger,
    ...(options.system ? { system: options.system } : {}),
    ...(options.messages ? { messages: options.messages } : {}),
  });
  return { engine, settings, secrets, notes, time, logger, service };
}

const form: SignInForm = { address: 'dana@contoso.com', password: 'Passw0rd!', discoveryUrl: '', keepSignedIn: false, acceptWeakStorage: false };

describe('createAppService', () => {
  it('signs in, remembers the address and does not store the password unless asked', async () => {
    const { service, engine, settings, secrets } = setup();
    await service.start();
    expect(await service.signIn(form)).toEqual({ ok: true });
    expect(engine.lastSignIn).toMatchObject({ address: 'dana@contoso.com', password: 'Passw0rd!' });
    expect(settings.get('signInAddress')).toBe('dana@contoso.com');
    expect(secrets.values.size).toBe(0);
    expect(service.snapshot().session).toEqual({ state: 'online' });
  });

  it('stores the password with keep-me-signed-in and signs in by itself at the next start', async () => {
    const first = setup();
    await first.service.start();
    await first.service.signIn({ ...form, keepSignedIn: true });
    expect(first.secrets.values.get(PASSWORD_SECRET)).toBe('Passw0rd!');

    const restarted = setup({ settings: { signInAddress: 'dana@contoso.com', keepSignedIn: true }, secrets: first.secrets });
    expect(await restarted.service.start()).toEqual({ needsSignIn: false });
    expect(restarted.engine.lastSignIn).toMatchObject({ address: 'dana@contoso.com', password: 'Passw0rd!' });
  });

  it('stores on a weak keychain only with explicit consent', async () => {
    const weak = setup({ secrets: new FakeSecrets('weak') });
    await weak.service.start();
    expect(weak.service.snapshot().signIn.weakSecretStorage).toBe(true);
    await weak.service.signIn({ ...form, keepSignedIn: true });
    expect(weak.secrets.values.size).toBe(0);
    expect(weak.settings.get('keepSignedIn')).toBe(false);
    await weak.service.signIn({ ...form, keepSignedIn: true, acceptWeakStorage: true });
    expect(weak.secrets.values.get(PASSWORD_SECRET)).toBe('Passw0rd!');
  });

  it('saves keepSignedIn only once the password is stored', async () => {
    const seenWhileStoring: boolean[] = [];
    const secrets = new FakeSecrets();
    const { service, settings } = setup({ secrets });
    const store = secrets.set.bind(secrets);
    secrets.set = async (key, value) => {
      seenWhileStoring.push(settings.get('keepSignedIn'));
      await store(key, value);
    };
    await service.start();
    expect(await service.signIn({ ...form, keepSignedIn: true })).toEqual({ ok: true });
    expect(seenWhileStoring).toEqual([false]);
    expect(settings.get('keepSignedIn')).toBe(true);
  });

  it('a failed password store is reported and keepSignedIn stays off', async () => {
    const secrets = new FakeSecrets();
    secrets.set = () => Promise.reject(new Error('The keychain is locked.'));
    const { service, settings, notes } = setup({ secrets, settings: { notifications: false } });
    await service.start();
    expect(await service.signIn({ ...form, keepSignedIn: true })).toEqual({ ok: true });
    expect(settings.get('keepSignedIn')).toBe(false);
    expect(notes).toEqual([
      'Your password could not be saved | The keychain is locked. You are signed in, but you will have to sign in again next time.',
    ]);
  });

  it('a saved password that cannot be read (damaged file) is reported at start, and the user signs in again', async () => {
    const secrets = new FakeSecrets();
    secrets.get = () => Promise.reject(new Error('The saved-password file was damaged; it was kept as secrets.json.damaged-1.'));
    const { service, engine, notes } = setup({ secrets, settings: { signInAddress: 'dana@contoso.com', keepSignedIn: true } });
    expect(await service.start()).toEqual({ needsSignIn: true });
    expect(engine.lastSignIn).toBeNull();
    expect(notes).toEqual([
      'Your saved password could not be read | The saved-password file was damaged; it was kept as secrets.json.damaged-1. Please sign in again.',
    ]);
  });

  it('never stores when the admin policy forbids it', async () => {
    const { service, secrets } = setup({ policy: { allowKeepSignedIn: false } });
    await service.start();
    expect(service.snapshot().signIn.keepSignedInAllowed).toBe(false);
    await service.signIn({ ...form, keepSignedIn: true });
    expect(secrets.values.size).toBe(0);
  });

  it('applies the admin discovery URL and address pattern', async () => {
    const { service, engine } = setup({
      policy: { allowKeepSignedIn: true, discoveryUrl: 'https://lyncdiscover.contoso.com', addressPattern: { pattern: '@contoso\\.com$', example: 'you@contoso.com' } },
    });
    await service.start();
    expect(service.snapshot().signIn).toMatchObject({ discoveryUrl: 'https://lyncdiscover.contoso.com', discoveryUrlLocked: true });
    expect(await service.signIn({ ...form, address: 'dana@fabrikam.com' })).toEqual({
      ok: false, field: 'address', code: 'addressPattern', example: 'you@contoso.com', message: 'Your organisation expects an address like you@contoso.com.',
    });
    await service.signIn({ ...form, discoveryUrl: 'https://evil.example' });
    expect(engine.lastSignIn?.discoveryUrl).toBe('https://lyncdiscover.contoso.com');
  });

  it('says what to fix when the engine rejects, pointing at the field, without the password', async () => {
    const { service, engine } = setup();
    await service.start();
    engine.signInError = Object.assign(new Error('x'), { error: { reason: 'wrongPassword', message: 'Wrong password for Passw0rd!' } });
    expect(await service.signIn(form)).toEqual({ ok: false, field: 'password', code: 'wrongPassword', message: 'Wrong password for •••' });
    engine.signInError = { reason: 'certificate', message: '' };
    const result = await service.signIn(form);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/certificate/);
    expect(await service.signIn({ ...form, discoveryUrl: 'ftp://x' })).toMatchObject({ ok: false, field: 'discoveryUrl' });
    expect(await service.signIn({ ...form, password: '' })).toMatchObject({ ok: false, field: 'password' });
  });

  it('resets a timed status by itself and goes back to what was chosen before', async () => {
    const { service, engine, settings, time } = setup();
    await service.start();
    await service.signIn(form);
    await service.setAvailability('BeRightBack');
    await service.setTimedStatus('DoNotDisturb', 30);
    expect(settings.get('timedStatus')).toEqual({ availability: 'DoNotDisturb', until: START + 30 * MIN, previous: 'BeRightBack' });
    expect(service.snapshot().timedUntil).toBe(START + 30 * MIN);
    time.advance(29 * MIN);
    await settle();
    expect(engine.calls.at(-1)).toBe('setAvailability DoNotDisturb');
    time.advance(1 * MIN);
    await settle();
    expect(engine.calls.at(-1)).toBe('setAvailability BeRightBack');
    expect(settings.get('timedStatus')).toBeNull();
    expect(service.snapshot().timedUntil).toBeNull();
  });

  it('resets to automatic after a timed status chosen from automatic', async () => {
    const { service, engine, time } = setup();
    await service.start();
    await service.signIn(form);
    await service.setTimedStatus('Busy', 60);
    time.advance(60 * MIN);
    await settle();
    expect(engine.calls.at(-1)).toBe('resetAvailability');
  });

  it('a manual choice cancels the timed status', async () => {
    const { service, engine, settings, time } = setup();
    await service.start();
    await service.signIn(form);
    await service.setTimedStatus('Busy', 30);
    await service.setAvailability('Away');
    time.advance(31 * MIN);
    await settle();
    expect(engine.calls.at(-1)).toBe('setAvailability Away');
    expect(settings.get('timedStatus')).toBeNull();
  });

  it('survives a restart: keeps the remaining time, or restores the previous choice once ended', async () => {
    const running = setup({ settings: { timedStatus: { availability: 'Busy', until: START + 10 * MIN, previous: 'Away' }, lastAvailability: 'Busy' } });
    await running.service.start();
    expect(running.service.snapshot().timedUntil).toBe(START + 10 * MIN);
    await running.service.signIn(form);
    expect(running.engine.lastSignIn?.initial?.availability).toBe('Busy');
    running.time.advance(10 * MIN);
    await settle();
    expect(running.engine.calls.at(-1)).toBe('setAvailability Away');

    const ended = setup({ settings: { timedStatus: { availability: 'Busy', until: START - MIN, previous: null }, lastAvailability: 'Busy' } });
    await ended.service.start();
    expect(ended.settings.get('timedStatus')).toBeNull();
    await ended.service.signIn(form);
    expect(ended.engine.lastSignIn?.initial?.availability).toBeNull();
  });

  // The engine reconciles on the same wake by itself (it is given the same SystemEvents).
  it('after sleep, ends a timed status whose end passed while asleep', async () => {
    const wake$ = new Subject<'resume' | 'unlock' | 'network'>();
    const { service, engine, settings, time } = setup({ system: { wake$, sleep$: new Subject() } });
    await service.start();
    await service.signIn(form);
    await service.setTimedStatus('Busy', 30);
    // Timers do not run during sleep: move the clock without running them.
    time.scheduler.frame += 45 * MIN;
    wake$.next('resume');
    await settle();
    expect(engine.calls.at(-1)).toBe('resetAvailability');
    expect(settings.get('timedStatus')).toBeNull();
  });

  it('tells me when a watched contact becomes available, and persists the watch list', async () => {
    const { service, engine, settings, notes } = setup();
    const pushes: AppPush[] = [];
    service.push$.subscribe((push) => pushes.push(push));
    await service.start();
    await service.watchContact({ uri: 'sip:alice@contoso.com', watch: true });
    expect(settings.get('watchedContacts')).toEqual(['sip:alice@contoso.com']);
    expect(pushes.at(-1)).toEqual({ channel: IPC.watchedChanged, payload: ['sip:alice@contoso.com'] });
    engine.changes$.next({ kind: 'contactPresenceChanged', at: 1, contact: 'Bob', contactUri: 'sip:bob@contoso.com', availability: 'Online' });
    engine.changes$.next({ kind: 'contactPresenceChanged', at: 2, contact: 'Alice', contactUri: 'sip:alice@contoso.com', availability: 'Busy' });
    engine.changes$.next({ kind: 'contactPresenceChanged', at: 3, contact: 'Alice', contactUri: 'sip:alice@contoso.com', availability: 'Online' });
    expect(notes).toEqual(['Alice is available | You asked to be told when they are available.']);
    expect(service.snapshot().changes.map((change) => change.at)).toEqual([3, 2, 1]);
    await service.watchContact({ uri: 'sip:alice@contoso.com', watch: false });
    expect(service.snapshot().watched).toEqual([]);
  });

  it('has the engine read the window\'s visible contacts first, then the watched ones, each once', async () => {
    const { service, engine } = setup({ settings: { watchedContacts: ['sip:zed@contoso.com'] } });
    expect(engine.readFirst).toEqual(['sip:zed@contoso.com']); // watched ones first even before a window opens
    await service.setVisibleContacts(['sip:ann@contoso.com', 'sip:zed@contoso.com', 'sip:bob@contoso.com']);
    expect(engine.readFirst).toEqual(['sip:ann@contoso.com', 'sip:zed@contoso.com', 'sip:bob@contoso.com']);
    await service.watchContact({ uri: 'sip:cy@contoso.com', watch: true });
    expect(engine.readFirst).toEqual(['sip:ann@contoso.com', 'sip:zed@contoso.com', 'sip:bob@contoso.com', 'sip:cy@contoso.com']);
    await service.setVisibleContacts([]);
    expect(engine.readFirst).toEqual(['sip:zed@contoso.com', 'sip:cy@contoso.com']);
  });

  it('notifies when signed out by the server or unable to reconnect, not on my own sign-out', async () => {
    const { service, engine, notes } = setup();
    await service.start();
    await service.signIn(form);
    for (let attempt = 1; attempt <= 4; attempt++) {
      engine.session$.next({ state: 'reconnecting', attempt, nextRetryAt: 0, lastError: 'Server unreachable' });
    }
    engine.session$.next({ state: 'error', error: { reason: 'wrongPassword', message: 'Your password was changed: sign in again.' } });
    expect(notes).toEqual([
      'Cannot reconnect to Skype for Business | Still trying (attempt 3).',
      // Worded by the typed reason through the catalog, in the app's language.
      'Signed out of Skype for Business | The address or password is wrong.',
    ]);
    await service.signIn(form);
    await service.signOut();
    expect(notes).toHaveLength(2);
  });

  it('retries an automatic sign-in that failed for network reasons, but not a wrong password', async () => {
    const secrets = new FakeSecrets();
    await secrets.set(PASSWORD_SECRET, 'Passw0rd!');
    const { service, engine, time } = setup({ settings: { signInAddress: 'dana@contoso.com', keepSignedIn: true }, secrets });
    engine.signInError = { reason: 'serverUnreachable', message: 'The server cannot be reached.' };
    expect(await service.start()).toEqual({ needsSignIn: false });
    expect(service.snapshot().session.state).toBe('signedOut');
    time.advance(AUTO_SIGN_IN_RETRY_BASE_MS);
    await settle();
    expect(engine.calls.filter((call) => call.startsWith('signIn'))).toHaveLength(2);
    expect(service.snapshot().session.state).toBe('online');

    const wrong = setup({ settings: { signInAddress: 'dana@contoso.com', keepSignedIn: true }, secrets });
    wrong.engine.signInError = { reason: 'wrongPassword', message: 'Wrong password.' };
    expect(await wrong.service.start()).toEqual({ needsSignIn: true });
    wrong.time.advance(AUTO_SIGN_IN_RETRY_MAX_MS);
    await settle();
    expect(wrong.engine.calls.filter((call) => call.startsWith('signIn'))).toHaveLength(1);
  });

  it('asks for sign-in on first run', async () => {
    expect(await setup().service.start()).toEqual({ needsSignIn: true });
  });

  it('pushes session, presence and contacts on every change', async () => {
    const { service, engine } = setup();
    const channels: string[] = [];
    service.push$.subscribe((push) => channels.push(push.channel));
    engine.contacts$.next({ groups: [{ id: 'g', name: 'Team', kind: 'personal', contactUris: [] }], contacts: {} });
    expect(channels).toContain(IPC.contactsPatched);
    expect(service.snapshot().contacts.groups[0]?.name).toBe('Team');
  });

  it('pushes contact changes as numbered patch batches that a snapshot agrees with', () => {
    const { service, engine } = setup();
    const batches: unknown[] = [];
    service.push$.subscribe((push) => {
      if (push.channel === IPC.contactsPatched) batches.push(push.payload);
    });
    const ann = { uri: 'sip:ann@contoso.com', name: 'Ann', availability: 'Online' as const };
    const list = { groups: [{ id: 'g', name: 'Team', kind: 'personal' as const, contactUris: [ann.uri] }], contacts: { [ann.uri]: ann } };
    engine.contacts$.next(list);
    engine.contacts$.next(list);
    engine.contacts$.next({ ...list, contacts: { [ann.uri]: { ...ann, availability: 'Away' } } });
    expect(batches).toEqual([
      { seq: 1, patches: [{ kind: 'groupAdded', group: list.groups[0], index: 0 }, { kind: 'contactAdded', contact: ann }] },
      { seq: 2, patches: [{ kind: 'presenceChanged', uri: ann.uri, availability: 'Away' }] },
    ]);
    expect(service.contactsSnapshot()).toEqual({ seq: 2, contacts: service.snapshot().contacts });
    expect(service.snapshot().contactsSeq).toBe(2);
    expect(service.snapshot().contacts.contacts[ann.uri]?.availability).toBe('Away');
  });
});

describe('away on lock', () => {
  it('appears away on lock when enabled and comes back on unlock, only from Available/automatic', async () => {
    const sleep$ = new Subject<'lock' | 'suspend'>();
    const wake$ = new Subject<'resume' | 'unlock' | 'network'>();
    const engine = new FakeEngine();
    const settings = memorySettings();
    const service = createAppService({
      engine,
      settings,
      secrets: new FakeSecrets(),
      notifier: { notify: () => undefined },
      policy: DEFAULT_ADMIN_POLICY,
      scheduler: clock().scheduler,
      system: { sleep$, wake$ },
    });
    await service.start();
    await service.signIn(form);
    sleep$.next('lock');
    await settle();
    expect(engine.calls.at(-1)).toBe('signIn dana@contoso.com');

    service.setAwayOnLock(true);
    expect(service.awayOnLockEnabled()).toBe(true);
    sleep$.next('lock');
    await settle();
    expect(engine.calls.at(-1)).toBe('setAvailability Away');
    wake$.next('unlock');
    await settle();
    expect(engine.calls.at(-1)).toBe('resetAvailability');
    expect(settings.get('lastAvailability')).toBeNull();

    await service.setAvailability('DoNotDisturb');
    sleep$.next('suspend');
    await settle();
    expect(engine.calls.at(-1)).toBe('setAvailability DoNotDisturb');
  });
});

describe('start at login', () => {
  function withAutostart(settings: Partial<AppSettings>, policy: AdminPolicy) {
    const calls: boolean[] = [];
    let enabled = false;
    const service = createAppService({
      engine: new FakeEngine(),
      settings: memorySettings(settings),
      secrets: new FakeSecrets(),
      notifier: { notify: () => undefined },
      policy,
      scheduler: clock().scheduler,
      autostart: {
        supported: true,
        isEnabled: async () => enabled,
        setEnabled: async (value) => {
          calls.push(value);
          enabled = value;
        },
      },
    });
    return { service, calls };
  }

  it('applies the admin default only for users who never chose', async () => {
    const fresh = withAutostart({}, { allowKeepSignedIn: true, startAtLoginDefault: true });
    await fresh.service.start();
    expect(fresh.calls).toEqual([true]);
    expect(await fresh.service.autostartEnabled()).toBe(true);

    const chose = withAutostart({ autostart: false }, { allowKeepSignedIn: true, startAtLoginDefault: true });
    await chose.service.start();
    expect(chose.calls).toEqual([]);

    const noPolicy = withAutostart({}, DEFAULT_ADMIN_POLICY);
    await noPolicy.service.start();
    expect(noPolicy.calls).toEqual([]);
    await noPolicy.service.setAutostart(true);
    expect(noPolicy.calls).toEqual([true]);
  });
});

describe('the facade\'s verbs', () => {
  it('sign-out forgets the stored password, stops the timed status and signs the engine out', async () => {
    const { service, engine, settings, secrets, notes, time } = setup();
    await service.start();
    await service.signIn({ ...form, keepSignedIn: true });
    await service.setTimedStatus('Busy', 30);
    await service.signOut();
    expect(engine.calls.slice(-1)).toEqual(['signOut']);
    expect(secrets.values.size).toBe(0);
    expect(settings.get('keepSignedIn')).toBe(false);
    expect(settings.get('timedStatus')).toBeNull();
    expect(service.snapshot().session).toEqual({ state: 'signedOut' });
    time.advance(30 * MIN);
    await settle();
    expect(engine.calls.at(-1)).toBe('signOut');
    expect(notes).toEqual([]);
  });

  it('reset, note and cancel reach the engine; reset also ends a running timed status', async () => {
    const { service, engine, settings, time } = setup();
    await service.start();
    await service.signIn(form);
    await service.setAvailability('Away');
    await service.setTimedStatus('DoNotDisturb', 30);
    await service.cancelTimedStatus();
    expect(engine.calls.slice(-2)).toEqual(['setAvailability DoNotDisturb', 'setAvailability Away']);
    expect(settings.get('timedStatus')).toBeNull();
    await service.setTimedStatus('Busy', 30);
    await service.resetAvailability();
    expect(engine.calls.at(-1)).toBe('resetAvailability');
    expect(settings.get('lastAvailability')).toBeNull();
    expect(settings.get('timedStatus')).toBeNull();
    await service.setNote('In the lab');
    expect(engine.calls.at(-1)).toBe('setNote In the lab');
    expect(settings.get('note')).toBe('In the lab');
    time.advance(30 * MIN);
    await settle();
    expect(engine.calls.at(-1)).toBe('setNote In the lab');
  });

  it('status$ gives the whole status again on each change of session, presence, desired or timed status', async () => {
    const { service } = setup();
    const seen: unknown[] = [];
    service.status$.subscribe((status) => seen.push(status));
    await service.start();
    await service.signIn(form);
    seen.length = 0;
    await service.setTimedStatus('Busy', 30);
    const busy = { availability: 'Busy', note: '' };
    expect(seen.at(-1)).toEqual({
      session: { state: 'online' },
      presence: busy,
      desired: { availability: 'Busy', note: '' },
      timed: { availability: 'Busy', until: START + 30 * MIN, previous: null },
    });
    expect(seen[0]).toMatchObject({ timed: { availability: 'Busy' } });
  });

  it('once disposed, a timed status no longer ends by itself', async () => {
    const { service, engine, time } = setup();
    await service.start();
    await service.signIn(form);
    await service.setTimedStatus('Busy', 30);
    service.dispose();
    time.advance(60 * MIN);
    await settle();
    expect(engine.calls.at(-1)).toBe('setAvailability Busy');
  });

  it('start with given credentials signs in with them and never stores them', async () => {
    const { service, engine, secrets, settings } = setup();
    const credentials = { address: 'demo@contoso.com', password: 'Demo!', discoveryUrl: 'https://lyncdiscover.contoso.com' };
    expect(await service.start({ credentials })).toEqual({ needsSignIn: false });
    expect(engine.lastSignIn).toMatchObject(credentials);
    expect(secrets.values.size).toBe(0);
    expect(settings.get('keepSignedIn')).toBe(false);

    const failing = setup();
    failing.engine.signInError = new Error('refused');
    expect(await failing.service.start({ credentials })).toEqual({ needsSignIn: true });
    expect(failing.engine.calls.filter((call) => call.startsWith('signIn'))).toEqual(['signIn demo@contoso.com']);
  });
});

describe('start and sign-out, in detail', () => {
  const kept = async (settings: Partial<AppSettings>) => {
    const secrets = new FakeSecrets();
    await secrets.set(PASSWORD_SECRET, 'Passw0rd!');
    return setup({ settings: { keepSignedIn: true, ...settings }, secrets });
  };

  it('signs in by itself with the stored discovery URL, or with DNS discovery when none is stored', async () => {
    const withUrl = await kept({ signInAddress: 'dana@contoso.com', discoveryUrl: 'https://lyncdiscover.contoso.com' });
    await withUrl.service.start();
    expect(withUrl.engine.lastSignIn).toEqual({
      address: 'dana@contoso.com', password: 'Passw0rd!', discoveryUrl: 'https://lyncdiscover.contoso.com', initial: { availability: null, note: '' },
    });
    const dns = await kept({ signInAddress: 'dana@contoso.com' });
    await dns.service.start();
    expect(dns.engine.lastSignIn).toStrictEqual({ address: 'dana@contoso.com', password: 'Passw0rd!', initial: { availability: null, note: '' } });
  });

  it('a stored password without a stored address asks for sign-in and sends nothing', async () => {
    const { service, engine } = await kept({});
    expect(await service.start()).toEqual({ needsSignIn: true });
    expect(engine.lastSignIn).toBeNull();
  });

  it('a sign-in typed while an automatic retry is pending drops the retry', async () => {
    const { service, engine, time } = await kept({ signInAddress: 'dana@contoso.com' });
    engine.signInError = { reason: 'serverUnreachable', message: 'The server cannot be reached.' };
    expect(await service.start()).toEqual({ needsSignIn: false });
    engine.signInError = { reason: 'wrongPassword', message: 'Wrong password.' };
    expect(await service.signIn({ ...form, address: 'erin@contoso.com' })).toMatchObject({ ok: false, field: 'password' });
    time.advance(AUTO_SIGN_IN_RETRY_MAX_MS);
    await settle();
    // The stored password is not tried behind the user's back while they fix the form.
    expect(engine.calls.filter((call) => call.startsWith('signIn'))).toEqual(['signIn dana@contoso.com', 'signIn erin@contoso.com']);
  });

  it('logs, rather than throws, a failed sign-out and a failed sign-in with given credentials', async () => {
    const { service, engine, logger } = setup();
    engine.signInError = new Error('refused');
    expect(await service.start({ credentials: { address: 'demo@contoso.com', password: 'Demo!' } })).toEqual({ needsSignIn: true });
    engine.signOut = () => Promise.reject(new Error('no route'));
    await expect(service.signOut()).resolves.toBeUndefined();
    expect(logger.lines).toEqual(['warn sign in failed: refused', 'warn sign out failed: no route']);
  });

  it('gives windows the locale of the words in force, and none when the app has no catalog', () => {
    expect(setup({ messages: () => translator('de') }).service.snapshot().locale).toBe('de');
    expect(setup().service.snapshot()).not.toHaveProperty('locale');
  });
});
