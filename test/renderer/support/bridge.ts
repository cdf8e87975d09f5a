import type { Page } from 'playwright-core';
import { IPC, type PushChannel, type RendererApi } from '../../../shared/ipc-contract';

type Verbs = Omit<RendererApi, 'onSession' | 'onPresence' | 'onContactPatches' | 'onChange' | 'onWatched' | 'onLocale'>;
export type VerbName = keyof Verbs;

/**
 * The Node side of `window.ucwa` in a test page: the RendererApi verbs (sync or async), plus a way to
 * push to the page. The real test implements it with the app service over the real engine; the fake
 * one with an in-memory model.
 */
export type BridgeBackend = {
  [K in VerbName]: (...args: Parameters<Verbs[K]>) => ReturnType<Verbs[K]> | Awaited<ReturnType<Verbs[K]>>;
} & {
  /** Starts delivering pushes; returns a stop function. */
  subscribe(push: (channel: PushChannel, payload: unknown) => void): () => void;
};

/** A verb call as the page made it, for assertions. */
export interface BridgeCall {
  readonly verb: VerbName;
  readonly arg: unknown;
}

export interface InstalledBridge {
  readonly calls: BridgeCall[];
  /** Messages of dialogs the page tried to open (alert/confirm): an injected script would show up here. */
  readonly dialogs: string[];
  /** Resolves once every push so far has reached the page. */
  flush(): Promise<void>;
  dispose(): void;
}

const VERBS: readonly VerbName[] = [
  'getSnapshot',
  'signIn',
  'signOut',
  'setAvailability',
  'resetAvailability',
  'setNote',
  'watchContact',
  'showSignIn',
  'contactsSnapshot',
  'contactCapabilities',
  'searchDirectory',
  'expandDistributionGroup',
  'changeContactList',
];

/** Runs in the page before its scripts: builds a frozen `window.ucwa` like the preload's contextBridge does. */
function pageBridge(channels: Readonly<Record<string, string>>): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const holder = window as unknown as {
    __ucwaInvoke: (verb: string, arg: unknown) => Promise<unknown>;
    __ucwaPush?: (channel: string, payload: unknown) => void;
  };
  const on = (channel: string) => (listener: Listener) => {
    const set = listeners.get(channel) ?? new Set<Listener>();
    listeners.set(channel, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  const verb = (name: string) => (arg?: unknown) => holder.__ucwaInvoke(name, arg);
  const api = {
    getSnapshot: verb('getSnapshot'),
    signIn: verb('signIn'),
    signOut: verb('signOut'),
    setAvailability: verb('setAvailability'),
    resetAvailability: verb('resetAvailability'),
    setNote: verb('setNote'),
    watchContact: verb('watchContact'),
    showSignIn: verb('showSignIn'),
    contactsSnapshot: verb('contactsSnapshot'),
    contactCapabilities: verb('contactCapabilities'),
    searchDirectory: verb('searchDirectory'),
    expandDistributionGroup: verb('expandDistributionGroup'),
    changeContactList: verb('changeContactList'),
    onSession: on(channels.session!),
    onPresence: on(channels.presence!),
    onContactPatches: on(channels.contacts!),
    onChange: on(channels.change!),
    onWatched: on(channels.watched!),
    onLocale: on(channels.locale!),
  };
  Object.defineProperty(window, 'ucwa', { value: Object.freeze(api), enumerable: true });
  holder.__ucwaPush = (channel, payload) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
}

/**
 * Installs `window.ucwa` in `page` (call before `page.goto`), bound to `backend`. Pushes are delivered in
 * order through `page.evaluate`; calls and dialogs are recorded.
 */
export async function installBridge(page: Page, backend: BridgeBackend): Promise<InstalledBridge> {
  const calls: BridgeCall[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.exposeFunction('__ucwaInvoke', async (verb: string, arg: unknown) => {
    if (!(VERBS as readonly string[]).includes(verb)) throw new Error(`Unknown verb ${verb}`);
    const name = verb as VerbName;
    calls.push({ verb: name, arg });
    const fn = backend[name] as (value: unknown) => unknown;
    return await fn.call(backend, arg);
  });
  // Functions passed to the page are serialized with toString(); under tsx (esbuild keepNames) they
  // call a `__name` helper that only exists in Node, so give the page a no-op one.
  await page.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
  await page.addInitScript(pageBridge, {
    session: IPC.sessionChanged,
    presence: IPC.presenceChanged,
    contacts: IPC.contactsPatched,
    change: IPC.changeAdded,
    watched: IPC.watchedChanged,
    locale: IPC.localeChanged,
  });
  let queue: Promise<void> = Promise.resolve();
  const stop = backend.subscribe((channel, payload) => {
    queue = queue
      .then(() =>
        page.evaluate(
          ([c, p]) => {
            (window as unknown as { __ucwaPush?: (c: string, p: unknown) => void }).__ucwaPush?.(c, p);
          },
          [channel, payload] as const,
        ),
      )
      .catch(() => undefined);
  });
  return {
    calls,
    dialogs,
    flush: () => queue,
    dispose: stop,
  };
}
