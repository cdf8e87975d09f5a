import type { Observable, Subscription } from 'rxjs';
import { isSettableAvailability } from '../../shared/availability';
import { isContactListChange, isNoPayload, isNote, isSearchRequest, isSignInForm, isSipUri, isWatchRequest } from '../../shared/guards';
import { IPC, type InvokeChannel, type SignInResult } from '../../shared/ipc-contract';
import type { AppPush, AppService } from '../core/app/app-service';
import type { ContactListCommands } from '../core/app/contact-list-commands';

/** The part of Electron's IpcMainInvokeEvent we check. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of ipcMain we use (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  readonly ipcMain: IpcMainLike;
  readonly service: AppService;
  /** Directory search and contact-list changes (over the engine's directory). */
  readonly contactList: ContactListCommands;
  /** True for our own pages only (see renderer-origin.ts). */
  readonly isTrustedSender: (frameUrl: string | undefined) => boolean;
  readonly onSignedIn?: () => void;
  readonly onSignedOut?: () => void;
  /** Opens the sign-in window (the window's signed-out banner asks for it). */
  readonly onShowSignIn?: () => void;
}

/** Thrown back to the renderer as a rejected promise; says nothing about internals. */
export class IpcRejected extends Error {
  override readonly name = 'IpcRejected';
}

type Handler = (args: readonly unknown[]) => Promise<unknown> | unknown;

function one<T>(guard: (value: unknown) => value is T, run: (value: T) => unknown): Handler {
  return (args) => {
    if (args.length !== 1 || !guard(args[0])) throw new IpcRejected('Invalid payload');
    return run(args[0]);
  };
}

function none(run: () => unknown): Handler {
  return (args) => {
    if (args.length > 1 || !isNoPayload(args[0])) throw new IpcRejected('Invalid payload');
    return run();
  };
}

/**
 * Registers one handler per invoke channel: sender frame checked, payload validated with the shared
 * guards, then the app service called. Returns a function that removes them.
 */
export function registerIpc(deps: IpcDeps): () => void {
  const { service } = deps;
  const handlers: Record<InvokeChannel, Handler> = {
    [IPC.getSnapshot]: none(() => service.snapshot()),
    [IPC.signIn]: one(isSignInForm, async (form): Promise<SignInResult> => {
      const result = await service.signIn(form);
      if (result.ok) deps.onSignedIn?.();
      return result;
    }),
    [IPC.signOut]: none(async () => {
      await service.signOut();
      deps.onSignedOut?.();
    }),
    [IPC.setAvailability]: one(isSettableAvailability, (availability) => service.setAvailability(availability)),
    [IPC.resetAvailability]: none(() => service.resetAvailability()),
    [IPC.setNote]: one(isNote, (note) => service.setNote(note)),
    [IPC.watchContact]: one(isWatchRequest, (request) => service.watchContact(request)),
    [IPC.showSignIn]: none(() => deps.onShowSignIn?.()),
    [IPC.contactsSnapshot]: none(() => service.contactsSnapshot()),
    [IPC.contactCapabilities]: none(() => deps.contactList.capabilities()),
    [IPC.searchDirectory]: one(isSearchRequest, (request) => deps.contactList.search(request)),
    [IPC.expandDistributionGroup]: one(isSipUri, (uri) => deps.contactList.expandDistributionGroup(uri)),
    [IPC.changeContactList]: one(isContactListChange, (change) => deps.contactList.change(change)),
  };
  for (const [channel, handler] of Object.entries(handlers)) {
    deps.ipcMain.handle(channel, (event, ...args) => {
      if (!deps.isTrustedSender(event.senderFrame?.url)) throw new IpcRejected('Untrusted sender');
      return handler(args);
    });
  }
  return () => {
    for (const channel of Object.keys(handlers)) deps.ipcMain.removeHandler(channel);
  };
}

/** The part of WebContents we push to. */
export interface PushTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Sends every service push to every live window. */
export function bindPushes(push$: Observable<AppPush>, targets: () => readonly PushTarget[]): Subscription {
  return push$.subscribe((push) => {
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(push.channel, push.payload);
    }
  });
}
