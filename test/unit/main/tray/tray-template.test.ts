import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { SETTABLE_AVAILABILITIES } from '../../../../shared/availability';
import type { SessionState } from '../../../../shared/models';
import { trayActionFromId } from '../../../../main/tray/tray-action';
import { trayTemplate, type TrayState } from '../../../../main/tray/tray-template';

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);

function state(overrides: Partial<TrayState> = {}): TrayState {
  return {
    session: { state: 'online' },
    presence: { availability: 'Online', note: '' },
    desired: { availability: null, note: '' },
    timed: null,
    now: NOW,
    autostart: { supported: true, enabled: false },
    ...overrides,
  };
}

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function byId(items: readonly MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = flatten(items).find((item) => item.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function ids(items: readonly MenuItemConstructorOptions[]): string[] {
  return flatten(items).flatMap((item) => (item.id ? [item.id] : []));
}

const SESSIONS: Record<SessionState['state'], SessionState> = {
  signedOut: { state: 'signedOut' },
  discovering: { state: 'discovering' },
  authenticating: { state: 'authenticating' },
  connecting: { state: 'connecting' },
  online: { state: 'online' },
  reconnecting: { state: 'reconnecting', attempt: 2, nextRetryAt: NOW + 5000, lastError: 'Server unreachable' },
  error: { state: 'error', error: { reason: 'wrongPassword', message: 'The password is wrong.' } },
};

describe('trayTemplate', () => {
  it('checks exactly the manually chosen availability', () => {
    for (const availability of SETTABLE_AVAILABILITIES) {
      const menu = trayTemplate(state({ desired: { availability, note: '' }, presence: { availability, note: '' } }));
      const checked = flatten(menu).filter((item) => item.type === 'radio' && item.checked).map((item) => item.id);
      expect(checked).toEqual([`availability:${availability}`]);
    }
  });

  it('checks "Reset to automatic" when no availability was chosen', () => {
    const menu = trayTemplate(state());
    expect(byId(menu, 'availability:reset').checked).toBe(true);
    expect(byId(menu, 'availability:Online').checked).toBe(false);
  });

  it('greys status items with a reason while signed out, and offers sign-in', () => {
    const menu = trayTemplate(state({ session: SESSIONS.signedOut }));
    for (const id of ['availability:Busy', 'availability:reset', 'timed', 'note:edit', 'note:clear', 'window:contacts']) {
      expect(byId(menu, id).enabled, id).toBe(false);
      expect(byId(menu, id).sublabel, id).toBe('Sign in to change your status');
    }
    expect(byId(menu, 'status:reason').label).toBe('Sign in to change your status');
    expect(ids(menu)).toContain('session:sign-in');
    expect(ids(menu)).not.toContain('session:sign-out');
    expect(byId(menu, 'app:quit').enabled).not.toBe(false);
  });

  it('says why sign-in failed in the header', () => {
    const menu = trayTemplate(state({ session: SESSIONS.error }));
    // By the typed reason through the catalog, not the engine's English message.
    expect(byId(menu, 'status').label).toBe('Signed out: The address or password is wrong.');
    expect(ids(menu)).toContain('session:sign-in');
  });

  it.each(Object.values(SESSIONS))('has stable ids and valid actions in state $state', (session) => {
    const menu = trayTemplate(state({ session }));
    const all = ids(menu);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) {
      if (id === 'timed' || id.startsWith('status')) continue;
      expect(trayActionFromId(id), id).not.toBeNull();
    }
    const usable = session.state === 'online' || session.state === 'reconnecting';
    expect(byId(menu, 'availability:Away').enabled).toBe(usable);
  });

  it('offers sign-out while signing in or reconnecting', () => {
    for (const session of [SESSIONS.connecting, SESSIONS.reconnecting, SESSIONS.online]) {
      expect(ids(trayTemplate(state({ session })))).toContain('session:sign-out');
    }
  });

  it('shows reconnecting with the status we keep', () => {
    const menu = trayTemplate(state({ session: SESSIONS.reconnecting, desired: { availability: 'Busy', note: '' } }));
    expect(byId(menu, 'status').label).toBe('Reconnecting… (Busy)');
  });

  it('labels timed entries and shows time left on a running timed status', () => {
    const menu = trayTemplate(state({ timed: { availability: 'DoNotDisturb', until: NOW + 65 * 60_000 } }));
    expect(byId(menu, 'timed:Busy:30').label).toBe('Busy for 30 minutes');
    expect(byId(menu, 'timed:Busy:60').label).toBe('Busy for 1 hour');
    expect(byId(menu, 'timed:DoNotDisturb:120').label).toBe('Do not disturb for 2 hours');
    expect(byId(menu, 'timed:DoNotDisturb:endOfDay').label).toBe('Do not disturb until end of day');
    const ends = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(NOW + 65 * 60_000);
    expect(byId(menu, 'status:timed').label?.replace(/\s/g, ' ')).toBe(`Do not disturb until ${ends} (1 hr 5 min left)`.replace(/\s/g, ' '));
    expect(byId(menu, 'timed:cancel').enabled).toBe(true);
  });

  it('disables cancel when no timed status runs', () => {
    expect(byId(trayTemplate(state()), 'timed:cancel').enabled).toBe(false);
    expect(ids(trayTemplate(state()))).not.toContain('status:timed');
  });

  it('offers to clear the note only when there is one, and shows it', () => {
    expect(byId(trayTemplate(state()), 'note:clear').enabled).toBe(false);
    const menu = trayTemplate(state({ desired: { availability: null, note: 'In Paris' }, presence: { availability: 'Online', note: 'In Paris' } }));
    expect(byId(menu, 'note:clear').enabled).toBe(true);
    expect(byId(menu, 'note:edit').label).toBe('Change note…');
    expect(byId(menu, 'status:note').label).toBe('“In Paris”');
  });

  it('shows the start-at-login checkbox only where supported', () => {
    expect(byId(trayTemplate(state({ autostart: { supported: true, enabled: true } })), 'autostart').checked).toBe(true);
    expect(ids(trayTemplate(state({ autostart: { supported: false, enabled: false } })))).not.toContain('autostart');
  });

  it('shows the away-on-lock checkbox when the state carries it', () => {
    expect(byId(trayTemplate(state({ awayOnLock: true })), 'away-on-lock').checked).toBe(true);
    expect(byId(trayTemplate(state({ awayOnLock: false })), 'away-on-lock').checked).toBe(false);
    expect(ids(trayTemplate(state()))).not.toContain('away-on-lock');
  });

  it('is plain data (structured-clone safe, no click handlers)', () => {
    const menu = trayTemplate(state());
    expect(structuredClone(menu)).toEqual(menu);
    expect(flatten(menu).some((item) => 'click' in item)).toBe(false);
  });
});
