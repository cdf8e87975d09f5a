import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { bindPushes, registerIpc, type InvokeEventLike, type IpcMainLike } from '../../../../main/adapters/ipc';
import { isTrustedRendererUrl } from '../../../../main/adapters/renderer-origin';
import type { AppPush, AppService } from '../../../../main/core/app/app-service';
import type { ContactListCommands } from '../../../../main/core/app/contact-list-commands';
import { IPC } from '../../../../shared/ipc-contract';

const TRUSTED: InvokeEventLike = { senderFrame: { url: 'ucwa-tray://app/contacts.html' } };

function setup() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  const calls: unknown[][] = [];
  const record = (name: string) => async (...args: unknown[]) => {
    calls.push([name, ...args]);
  };
  const service = {
    snapshot: () => ({ marker: 'snapshot' }),
    contactsSnapshot: () => ({ seq: 3, contacts: { groups: [], contacts: {} } }),
    signIn: async (form: unknown) => {
      calls.push(['signIn', form]);
      return { ok: true };
    },
    signOut: record('signOut'),
    setAvailability: record('setAvailability'),
    resetAvailability: record('resetAvailability'),
    setNote: record('setNote'),
    watchContact: record('watchContact'),
  } as unknown as AppService;
  const events: string[] = [];
  const contactList: ContactListCommands = {
    capabilities: async () => {
      calls.push(['capabilities']);
      return { search: { available: true }, contactListManagement: { available: true } };
    },
    search: async (request) => {
      calls.push(['search', request]);
      return { ok: true, value: { query: request.query, contacts: [], distributionGroups: [], moreResultsAvailable: false } };
    },
    expandDistributionGroup: async (uri) => {
      calls.push(['expand', uri]);
      return { ok: true, value: [] };
    },
    change: async (change) => {
      calls.push(['change', change]);
      return { ok: true, value: null };
    },
  };
  const dispose = registerIpc({
    ipcMain,
    service,
    contactList,
    isTrustedSender: isTrustedRendererUrl,
    onSignedIn: () => events.push('signedIn'),
    onSignedOut: () => events.push('signedOut'),
    onShowSignIn: () => events.push('showSignIn'),
  });
  const invoke = async (channel: string, event: InvokeEventLike, ...args: unknown[]) => handlers.get(channel)!(event, ...args);
  return { handlers, calls, events, dispose, invoke };
}

const form = { address: 'dana@contoso.com', password: 'p', discoveryUrl: '', keepSignedIn: false, acceptWeakStorage: false };

describe('IPC adapter', () => {
  it('registers exactly the invoke channels and removes them again', () => {
    const { handlers, dispose } = setup();
    expect([...handlers.keys()].sort()).toEqual(
      [
        IPC.getSnapshot, IPC.signIn, IPC.signOut, IPC.setAvailability, IPC.resetAvailability, IPC.setNote, IPC.watchContact,
        IPC.showSignIn, IPC.contactsSnapshot, IPC.contactCapabilities, IPC.searchDirectory, IPC.expandDistributionGroup,
        IPC.changeContactList,
      ].sort(),
    );
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('calls the service for valid payloads from our pages', async () => {
    const { invoke, calls, events } = setup();
    expect(await invoke(IPC.getSnapshot, TRUSTED)).toEqual({ marker: 'snapshot' });
    expect(await invoke(IPC.contactsSnapshot, TRUSTED)).toEqual({ seq: 3, contacts: { groups: [], contacts: {} } });
    await invoke(IPC.setAvailability, TRUSTED, 'Busy');
    await invoke(IPC.setNote, TRUSTED, 'Lunch');
    await invoke(IPC.watchContact, TRUSTED, { uri: 'sip:alice@contoso.com', watch: true });
    expect(await invoke(IPC.signIn, { senderFrame: { url: 'ucwa-tray://app/sign-in.html' } }, form)).toEqual({ ok: true });
    await invoke(IPC.signOut, TRUSTED);
    await invoke(IPC.showSignIn, TRUSTED);
    expect(calls).toEqual([
      ['setAvailability', 'Busy'],
      ['setNote', 'Lunch'],
      ['watchContact', { uri: 'sip:alice@contoso.com', watch: true }],
      ['signIn', form],
      ['signOut'],
    ]);
    expect(events).toEqual(['signedIn', 'signedOut', 'showSignIn']);
  });

  it('passes valid directory and contact-list requests to the contact-list commands', async () => {
    const { invoke, calls } = setup();
    expect(await invoke(IPC.contactCapabilities, TRUSTED)).toEqual({ search: { available: true }, contactListManagement: { available: true } });
    expect(await invoke(IPC.searchDirectory, TRUSTED, { query: 'sara', limit: 20 })).toMatchObject({ ok: true, value: { query: 'sara' } });
    await invoke(IPC.expandDistributionGroup, TRUSTED, 'sip:falcon-core@contoso.com');
    const move = { kind: 'moveContact', uri: 'sip:alice@contoso.com', fromGroupId: 'a', toGroupId: 'b' };
    expect(await invoke(IPC.changeContactList, TRUSTED, move)).toEqual({ ok: true, value: null });
    expect(calls).toEqual([
      ['capabilities'],
      ['search', { query: 'sara', limit: 20 }],
      ['expand', 'sip:falcon-core@contoso.com'],
      ['change', move],
    ]);
  });

  it.each([
    ['a web page', 'https://evil.example/contacts.html'],
    ['our page from disk (file://, the old origin)', 'file:///opt/app/dist/renderer/contacts.html'],
    ['another page of our scheme', 'ucwa-tray://app/other.html'],
    ['another host of our scheme', 'ucwa-tray://evil/contacts.html'],
    ['no frame', undefined],
  ])('rejects a sender that is %s', async (_name, url) => {
    const { invoke, calls } = setup();
    const event: InvokeEventLike = { senderFrame: url === undefined ? null : { url } };
    await expect(invoke(IPC.setAvailability, event, 'Busy')).rejects.toThrow('Untrusted sender');
    expect(calls).toEqual([]);
  });

  it.each([
    [IPC.setAvailability, ['IdleOnline']],
    [IPC.setAvailability, []],
    [IPC.setAvailability, ['Busy', 'extra']],
    [IPC.setNote, [42]],
    [IPC.setNote, ['x'.repeat(501)]],
    [IPC.watchContact, [{ uri: 'javascript:alert(1)', watch: true }]],
    [IPC.signIn, [{ ...form, password: 7 }]],
    [IPC.signOut, [{ please: true }]],
    [IPC.getSnapshot, ['x']],
    [IPC.showSignIn, ['now']],
    [IPC.contactsSnapshot, [{ seq: 0 }]],
    [IPC.contactCapabilities, ['x']],
    [IPC.searchDirectory, [{ query: 'sa', limit: 1000 }]],
    [IPC.searchDirectory, [{ query: '   ', limit: 10 }]],
    [IPC.expandDistributionGroup, ['https://evil.example/']],
    [IPC.changeContactList, [{ kind: 'deleteGroup', groupId: 'g', extra: 1 }]],
    [IPC.changeContactList, [{ kind: 'addContact', uri: 'javascript:alert(1)' }]],
    [IPC.changeContactList, [{ kind: 'formatDisk' }]],
  ])('rejects bad payloads on %s', async (channel, args) => {
    const { invoke, calls } = setup();
    await expect(invoke(channel, TRUSTED, ...args)).rejects.toThrow('Invalid payload');
    expect(calls).toEqual([]);
  });

  it('pushes to live windows only', () => {
    const push$ = new Subject<AppPush>();
    const sent: string[] = [];
    const live = { isDestroyed: () => false, send: (channel: string) => sent.push(`live ${channel}`) };
    const dead = { isDestroyed: () => true, send: (channel: string) => sent.push(`dead ${channel}`) };
    const subscription = bindPushes(push$, () => [live, dead]);
    push$.next({ channel: IPC.sessionChanged, payload: { state: 'online' } });
    subscription.unsubscribe();
    push$.next({ channel: IPC.sessionChanged, payload: { state: 'signedOut' } });
    expect(sent).toEqual([`live ${IPC.sessionChanged}`]);
  });
});
