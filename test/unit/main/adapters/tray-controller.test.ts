import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createTrayController, type TrayLike } from '../../../../main/adapters/tray-controller';
import type { TrayAction } from '../../../../main/tray/tray-action';
import type { TrayState } from '../../../../main/tray/tray-state';

type FakeMenu = { readonly template: MenuItemConstructorOptions[] };

function setup() {
  const calls: string[] = [];
  const menus: FakeMenu[] = [];
  const actions: TrayAction[] = [];
  let created = 0;
  const tray: TrayLike<FakeMenu> = {
    setImage: (path) => calls.push(`image ${path}`),
    setToolTip: (text) => calls.push(`tooltip ${text.split('\n')[0]}`),
    setContextMenu: (menu) => {
      if (menu) menus.push(menu);
    },
    destroy: () => calls.push('destroy'),
  };
  const controller = createTrayController<FakeMenu>({
    createTray: (icon) => {
      created++;
      calls.push(`create ${icon}`);
      return tray;
    },
    buildMenu: (template) => ({ template }),
    iconPath: (name) => `/icons/${name}.png`,
    onAction: (action) => actions.push(action),
  });
  return { controller, calls, menus, actions, created: () => created };
}

const online: TrayState = {
  session: { state: 'online' },
  presence: { availability: 'Online', note: '' },
  desired: { availability: null, note: '' },
  timed: null,
  now: 0,
  autostart: { supported: true, enabled: false },
};

describe('tray controller', () => {
  it('creates the tray once with the right icon and sets a fresh menu on every state', () => {
    const { controller, calls, menus, created } = setup();
    controller.setState({ ...online, session: { state: 'signedOut' } });
    controller.setState(online);
    controller.setState({ ...online, presence: { availability: 'Busy', note: '' }, desired: { availability: 'Busy', note: '' } });
    expect(created()).toBe(1);
    expect(calls).toEqual([
      'create /icons/signed-out.png',
      'tooltip Skype for Business: Signed out',
      'image /icons/online.png',
      'tooltip Skype for Business: Available',
      'image /icons/busy.png',
      'tooltip Skype for Business: Busy',
    ]);
    expect(menus).toHaveLength(3);
    expect(new Set(menus).size).toBe(3);
    const busy = menus[2]!.template.find((item) => item.id === 'availability:Busy');
    expect(busy?.checked).toBe(true);
  });

  it('re-renders even when only the menu changes (Linux needs a new menu)', () => {
    const { controller, menus } = setup();
    controller.setState(online);
    controller.setState({ ...online, autostart: { supported: true, enabled: true } });
    expect(menus).toHaveLength(2);
    expect(menus[1]!.template.find((item) => item.id === 'autostart')?.checked).toBe(true);
  });

  it('maps menu clicks to actions, including submenu items', () => {
    const { controller, menus, actions } = setup();
    controller.setState(online);
    const template = menus[0]!.template;
    template.find((item) => item.id === 'availability:Away')?.click?.({} as never, undefined, {} as never);
    const timed = template.find((item) => item.id === 'timed')?.submenu as MenuItemConstructorOptions[];
    timed.find((item) => item.id === 'timed:Busy:60')?.click?.({} as never, undefined, {} as never);
    expect(actions).toEqual([
      { type: 'setAvailability', availability: 'Away' },
      { type: 'setTimed', availability: 'Busy', duration: 60 },
    ]);
  });

  it('test hook clicks by id in the last menu, refusing disabled items', () => {
    const { controller, actions } = setup();
    controller.setState({ ...online, session: { state: 'signedOut' } });
    expect(controller.clickItem('availability:Busy')).toBe(false);
    expect(controller.clickItem('session:sign-in')).toBe(true);
    controller.setState(online);
    expect(controller.clickItem('availability:Busy')).toBe(true);
    expect(controller.clickItem('timed:DoNotDisturb:endOfDay')).toBe(true);
    expect(controller.clickItem('no-such-item')).toBe(false);
    expect(actions.map((action) => action.type)).toEqual(['signIn', 'setAvailability', 'setTimed']);
    expect(controller.lastMenuIds()).toContain('app:quit');
    expect(controller.lastMenuIds()).not.toContain('timed:cancel');
  });
});
