import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_POLICY, type AdminPolicy } from '../../../../../main/core/admin-policy';
import { memorySettings, type AppSettings } from '../../../../../main/core/app/app-settings';
import { createStartAtLogin } from '../../../../../main/core/app/start-at-login';
import type { Autostart } from '../../../../../main/core/ports';
import { memoryLogger } from './virtual-clock';

function setup(options: { settings?: Partial<AppSettings>; policy?: AdminPolicy; supported?: boolean; failing?: boolean } = {}) {
  const calls: boolean[] = [];
  let enabled = false;
  const autostart: Autostart = {
    supported: options.supported ?? true,
    isEnabled: async () => enabled,
    setEnabled: async (value) => {
      calls.push(value);
      if (options.failing) throw new Error('no login items here');
      enabled = value;
    },
  };
  const settings = memorySettings(options.settings);
  const logger = memoryLogger();
  const login = createStartAtLogin({ settings, policy: options.policy ?? DEFAULT_ADMIN_POLICY, autostart, logger });
  return { calls, settings, logger, login };
}

const defaultOn: AdminPolicy = { allowKeepSignedIn: true, startAtLoginDefault: true };

describe('createStartAtLogin', () => {
  it('switches the OS setting and saves the choice', async () => {
    const { calls, settings, login } = setup();
    expect(await login.enabled()).toBe(false);
    await login.setEnabled(true);
    expect(await login.enabled()).toBe(true);
    expect(calls).toEqual([true]);
    expect(settings.get('autostart')).toBe(true);
  });

  it('where unsupported: off, and switching does nothing', async () => {
    const { calls, settings, login } = setup({ supported: false, policy: defaultOn });
    await login.setEnabled(true);
    await login.applyAdminDefault();
    expect(await login.enabled()).toBe(false);
    expect(calls).toEqual([]);
    expect(settings.get('autostart')).toBeNull();
    const absent = createStartAtLogin({ settings: memorySettings(), policy: defaultOn });
    await absent.setEnabled(true);
    await absent.applyAdminDefault();
    expect(await absent.enabled()).toBe(false);
  });

  it("applies the admin's default only to a user who never chose, and only when there is one", async () => {
    const fresh = setup({ policy: { allowKeepSignedIn: true, startAtLoginDefault: false } });
    await fresh.login.applyAdminDefault();
    expect(fresh.calls).toEqual([false]);
    expect(fresh.settings.get('autostart')).toBe(false);
    const chose = setup({ policy: defaultOn, settings: { autostart: false } });
    await chose.login.applyAdminDefault();
    expect(chose.calls).toEqual([]);
    const none = setup();
    await none.login.applyAdminDefault();
    expect(none.calls).toEqual([]);
  });

  it('logs a failing OS call instead of rejecting', async () => {
    const { logger, login } = setup({ failing: true });
    await expect(login.setEnabled(true)).resolves.toBeUndefined();
    expect(logger.lines).toEqual(['warn autostart failed: no login items here']);
  });
});
