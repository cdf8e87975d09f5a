import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configDir, endpointIdFile, isEndpointId, loadEndpointId } from '../../../../main/headless/endpoint-id';

describe('endpoint id', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const temp = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'e2-endpoint-'));
    dirs.push(dir);
    return dir;
  };

  it('creates a GUID once and returns the same one on later runs', () => {
    const file = join(temp(), 'nested', 'headless-endpoint-id');
    const first = loadEndpointId(file);
    expect(first.persisted).toBe(true);
    expect(isEndpointId(first.id)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.id);
    expect(loadEndpointId(file).id).toBe(first.id);
  });

  it('replaces a corrupt file and falls back to an in-memory id when it cannot write', () => {
    const dir = temp();
    const file = join(dir, 'id');
    writeFileSync(file, 'not a guid');
    const fresh = loadEndpointId(file);
    expect(fresh.id).not.toBe('not a guid');
    expect(isEndpointId(fresh.id)).toBe(true);
    const blocked = join(file, 'under-a-file', 'id'); // a file cannot be a folder
    const memory = loadEndpointId(blocked);
    expect(memory.persisted).toBe(false);
    expect(isEndpointId(memory.id)).toBe(true);
  });

  it('uses each platform config folder', () => {
    expect(configDir('linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg');
    expect(configDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config');
    expect(configDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support');
    expect(configDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming');
    expect(endpointIdFile('linux', {}, '/home/u')).toBe('/home/u/.config/ucwa-presence-tray/headless-endpoint-id');
  });
});
