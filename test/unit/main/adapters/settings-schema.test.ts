import Conf, { type Schema } from 'conf';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_SETTINGS_SCHEMA, DEFAULT_APP_SETTINGS, type AppSettings } from '../../../../main/core/app/app-settings';

// electron-store needs a running Electron app; it validates through conf (same options, same ajv),
// which runs in plain Node. The adapter passes this very schema object.
const SETTINGS_SCHEMA = APP_SETTINGS_SCHEMA as unknown as Schema<AppSettings>;

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'settings-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const open = () => new Conf<AppSettings>({ cwd, configName: 'settings', projectName: 'ucwa-test', schema: SETTINGS_SCHEMA, defaults: DEFAULT_APP_SETTINGS });

describe('settings schema', () => {
  it('accepts the defaults and good values', () => {
    const store = open();
    store.set('discoveryUrl', 'https://lyncdiscover.contoso.com');
    store.set('lastAvailability', 'DoNotDisturb');
    store.set('timedStatus', { availability: 'Busy', until: 1_700_000_000_000, previous: null });
    store.set('endpointId', '0f8fad5b-d9cb-469f-a165-70867728950e');
    store.set('watchedContacts', ['sip:alice@contoso.com']);
    store.set('language', 'pt-BR');
    expect(store.get('language')).toBe('pt-BR');
    store.set('language', 'system');
    store.set('trustAnswers', { 'contoso.com lync.fabrikam.com': true });
    expect(store.get('timedStatus')).toEqual({ availability: 'Busy', until: 1_700_000_000_000, previous: null });
  });

  it.each<[keyof AppSettings, unknown]>([
    ['discoveryUrl', 'ftp://contoso.com'],
    ['lastAvailability', 'IdleOnline'],
    ['timedStatus', { availability: 'Away', until: 1, previous: null }],
    ['timedStatus', { availability: 'Busy', until: -1, previous: null }],
    ['timedStatus', { availability: 'Busy', until: 1, previous: null, extra: 1 }],
    ['autostart', 'yes'],
    ['notifications', 1],
    ['endpointId', 'not-a-guid'],
    ['watchedContacts', ['alice@contoso.com']],
    ['note', 'x'.repeat(501)],
    ['language', 'pt-PT'],
    ['language', ''],
    ['trustAnswers', { 'contoso.com lync.fabrikam.com': 'yes' }],
    ['trustAnswers', { 'no-space': true }],
  ])('rejects %s = %j', (key, value) => {
    const store = open();
    expect(() => store.set(key, value as never)).toThrow(/Config schema violation/);
  });

  it('refuses to load a hand-edited file that breaks the schema', async () => {
    await writeFile(join(cwd, 'settings.json'), JSON.stringify({ ...DEFAULT_APP_SETTINGS, lastAvailability: 'Sleeping' }));
    expect(() => open()).toThrow(/Config schema violation/);
  });
});
