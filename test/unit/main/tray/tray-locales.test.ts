import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createTrayController } from '../../../../main/adapters/tray-controller';
import type { TrayAction } from '../../../../main/tray/tray-action';
import { trayActionFromId } from '../../../../main/tray/tray-action';
import type { TrayState } from '../../../../main/tray/tray-state';
import { trayTemplate } from '../../../../main/tray/tray-template';
import { trayTooltip } from '../../../../main/tray/tray-tooltip';
import { SUPPORTED_LOCALES, type Locale } from '../../../../shared/i18n';

const NOW = Date.UTC(2026, 10, 23, 13, 5);
const STATES: Record<string, Omit<TrayState, 'locale'>> = {
  busyTimed: {
    session: { state: 'online' },
    presence: { availability: 'Busy', note: 'Reviewing specs' },
    desired: { availability: 'Busy', note: 'Reviewing specs' },
    timed: { availability: 'Busy', until: NOW + 65 * 60_000 },
    now: NOW,
    autostart: { supported: true, enabled: true },
    awayOnLock: false,
    language: 'system',
  },
  reconnecting: {
    session: { state: 'reconnecting', attempt: 3, nextRetryAt: NOW, lastError: 'HTTP 503' },
    presence: { availability: 'Online', note: '' },
    desired: { availability: null, note: '' },
    timed: null,
    now: NOW,
    autostart: { supported: true, enabled: false },
    language: 'de',
  },
  failed: {
    session: { state: 'error', error: { reason: 'certificate', message: 'x509: unknown authority' } },
    presence: { availability: 'Unknown', note: '' },
    desired: { availability: null, note: '' },
    timed: null,
    now: NOW,
    autostart: { supported: false, enabled: false },
    language: 'fr',
  },
  signingIn: {
    session: { state: 'authenticating' },
    presence: { availability: 'Unknown', note: '' },
    desired: { availability: null, note: '' },
    timed: null,
    now: NOW,
    autostart: { supported: true, enabled: false },
  },
};

function words(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.type === 'separator' ? [] : [item.label ?? '']),
    ...(item.sublabel ? [item.sublabel] : []),
    ...(Array.isArray(item.submenu) ? words(item.submenu) : []),
  ]);
}

/** A message key or an unfilled placeholder: what a missing translation or a wiring slip shows. */
const RAW = /^[a-z]+\.[a-zA-Z.]+$|\{\{|undefined|\[object/;

describe.each(SUPPORTED_LOCALES)('tray in %s', (locale: Locale) => {
  it.each(Object.keys(STATES))('words every item and the tooltip of the %s state, with no raw key', (name) => {
    const state = { ...STATES[name]!, locale };
    const labels = [...words(trayTemplate(state)), trayTooltip(state)];
    for (const label of labels) {
      expect(label.trim(), name).not.toBe('');
      expect(label, name).not.toMatch(RAW);
    }
    // The engine's English detail never reaches a menu or tooltip.
    expect(labels.join('\n')).not.toMatch(/x509|HTTP 503/);
  });

  it('says the status words of its language in the menu', () => {
    const menu = trayTemplate({ ...STATES['busyTimed']!, locale });
    const english = trayTemplate({ ...STATES['busyTimed']!, locale: 'en' });
    const busy = (items: MenuItemConstructorOptions[]) => items.find((item) => item.id === 'availability:DoNotDisturb')?.label;
    if (locale === 'en') expect(busy(menu)).toBe('Do not disturb');
    else expect(busy(menu)).not.toBe(busy(english));
  });
});

describe('Language submenu', () => {
  it('offers "System default" first, then every catalog in its own words, the choice checked', () => {
    const menu = trayTemplate({ ...STATES['reconnecting']!, locale: 'de' });
    const submenu = menu.find((item) => item.id === 'language');
    expect(submenu?.label).toBe('Sprache');
    const items = (submenu?.submenu as MenuItemConstructorOptions[]).filter((item) => item.type !== 'separator');
    expect(items.map((item) => item.label)).toEqual(['Systemstandard', 'Deutsch', 'English', 'Español', 'Français', 'Português (Brasil)']);
    expect(items.filter((item) => item.checked).map((item) => item.id)).toEqual(['language:de']);
    expect(items.map((item) => trayActionFromId(item.id!))).toEqual([
      { type: 'setLanguage', language: 'system' },
      ...SUPPORTED_LOCALES.map((language) => ({ type: 'setLanguage', language })),
    ]);
  });

  it('is left out when the caller does not offer a language choice', () => {
    expect(trayTemplate({ ...STATES['signingIn']!, locale: 'en' }).find((item) => item.id === 'language')).toBeUndefined();
  });

  it('switching re-renders the whole menu and the tooltip in the new language', () => {
    const menus: MenuItemConstructorOptions[][] = [];
    const tooltips: string[] = [];
    const actions: TrayAction[] = [];
    const controller = createTrayController<MenuItemConstructorOptions[]>({
      createTray: () => ({ setImage: () => undefined, setToolTip: (text) => tooltips.push(text), setContextMenu: (menu) => menu && menus.push(menu), destroy: () => undefined }),
      buildMenu: (template) => template,
      iconPath: (name) => name,
      onAction: (action) => actions.push(action),
    });
    const state = { ...STATES['busyTimed']!, locale: 'en' as const };
    controller.setState(state);
    expect(controller.clickItem('language:pt-BR')).toBe(true);
    expect(actions).toEqual([{ type: 'setLanguage', language: 'pt-BR' }]);
    controller.setState({ ...state, locale: 'pt-BR', language: 'pt-BR' });
    expect(menus).toHaveLength(2);
    expect(menus[1]!.find((item) => item.id === 'status')?.label).toBe('Ocupado');
    expect(menus[1]!.find((item) => item.id === 'app:quit')?.label).toBe('Fechar');
    expect(tooltips.at(-1)).toMatch(/^Skype for Business: Ocupado\nNota: Reviewing specs\nOcupado até .+ \(faltam 1\sh 5\smin\)\nConectado$/);
  });
});
