import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createAppCommands, type AppCommand } from '../../../../main/adapters/app-commands';
import { DEFAULT_ADMIN_POLICY } from '../../../../main/core/admin-policy';
import { createAppService } from '../../../../main/core/app/app-service';
import { memorySettings } from '../../../../main/core/app/app-settings';
import type { LanguageChoice } from '../../../../shared/i18n';
import { FakeEngine, FakeSecrets } from '../core/app/fake-engine';
import { clock, settle } from '../core/app/virtual-clock';

function setup() {
  const engine = new FakeEngine();
  const settings = memorySettings();
  let autostart = false;
  const service = createAppService({
    engine,
    settings,
    secrets: new FakeSecrets(),
    notifier: { notify: () => undefined },
    policy: DEFAULT_ADMIN_POLICY,
    scheduler: clock().scheduler,
    autostart: { supported: true, isEnabled: async () => autostart, setEnabled: async (value) => void (autostart = value) },
  });
  const shown: string[] = [];
  const options = {
    autostartEnabled$: new BehaviorSubject(false),
    awayOnLock$: new BehaviorSubject(false),
    language$: new BehaviorSubject<LanguageChoice>('system'),
  };
  let quits = 0;
  const run = createAppCommands({
    service,
    windows: { showSignIn: () => shown.push('signIn'), showContacts: () => shown.push('contacts') },
    settings,
    options,
    quit: () => quits++,
  });
  return { engine, settings, service, shown, options, run, quits: () => quits };
}

describe('createAppCommands', () => {
  it('sends presence commands from the tray and the command line to the service', async () => {
    const { engine, settings, service, run } = setup();
    await service.signIn({ address: 'dana@contoso.com', password: 'p', discoveryUrl: '', keepSignedIn: false, acceptWeakStorage: false });
    const commands: AppCommand[] = [
      { type: 'setAvailability', availability: 'Away' },
      { type: 'resetAvailability' },
      { type: 'setTimed', availability: 'Busy', duration: 30 },
      { type: 'cancelTimed' },
      { type: 'reset' },
      { type: 'setNote', note: 'Back at 3' },
      { type: 'clearNote' },
    ];
    for (const command of commands) await run(command);
    expect(engine.calls.filter((call) => !call.startsWith('setVisibleContacts')).slice(1)).toEqual([
      'setAvailability Away',
      'resetAvailability',
      'setAvailability Busy',
      'resetAvailability',
      'resetAvailability',
      'setNote Back at 3',
      'setNote ',
    ]);
    expect(settings.get('note')).toBe('');
  });

  it('opens the window that fits: contacts, sign-in, or by the session for "show"', async () => {
    const { service, shown, run } = setup();
    await run({ type: 'show' });
    await run({ type: 'editNote' });
    await run({ type: 'showContacts' });
    await run({ type: 'signIn' });
    await service.signIn({ address: 'dana@contoso.com', password: 'p', discoveryUrl: '', keepSignedIn: false, acceptWeakStorage: false });
    await run({ type: 'show' });
    expect(shown).toEqual(['signIn', 'contacts', 'contacts', 'signIn', 'contacts']);
  });

  it('signs out and offers the sign-in window', async () => {
    const { engine, service, shown, run } = setup();
    await service.signIn({ address: 'dana@contoso.com', password: 'p', discoveryUrl: '', keepSignedIn: false, acceptWeakStorage: false });
    await run({ type: 'signOut' });
    expect(engine.calls.at(-1)).toBe('signOut');
    expect(shown).toEqual(['signIn']);
  });

  it("toggles the tray's options and shows what the service now says", async () => {
    const { settings, service, options, run } = setup();
    await run({ type: 'toggleAwayOnLock' });
    expect([service.awayOnLockEnabled(), options.awayOnLock$.value]).toEqual([true, true]);
    await run({ type: 'toggleAwayOnLock' });
    expect(options.awayOnLock$.value).toBe(false);
    await run({ type: 'toggleAutostart' });
    expect([await service.autostartEnabled(), options.autostartEnabled$.value]).toEqual([true, true]);
    await run({ type: 'setLanguage', language: 'de' });
    expect([settings.get('language'), options.language$.value]).toEqual(['de', 'de']);
  });

  it('quits', async () => {
    const { run, quits } = setup();
    await run({ type: 'quit' });
    await settle();
    expect(quits()).toBe(1);
  });
});
