import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, type PushChannel, type RendererApi, type Unsubscribe } from '../../shared/ipc-contract';

/**
 * The only bridge between the sandboxed window and main: named verbs and listeners, never
 * ipcRenderer itself, and listeners never see the IPC event object (electron/fiddle style).
 * Bundled to CommonJS because sandboxed preloads cannot be ES modules.
 */
function listen<T>(channel: PushChannel, listener: (payload: T) => void): Unsubscribe {
  const wrapped = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const api: RendererApi = {
  getSnapshot: () => ipcRenderer.invoke(IPC.getSnapshot),
  signIn: (form) => ipcRenderer.invoke(IPC.signIn, form),
  signOut: () => ipcRenderer.invoke(IPC.signOut),
  setAvailability: (availability) => ipcRenderer.invoke(IPC.setAvailability, availability),
  resetAvailability: () => ipcRenderer.invoke(IPC.resetAvailability),
  setNote: (note) => ipcRenderer.invoke(IPC.setNote, note),
  watchContact: (request) => ipcRenderer.invoke(IPC.watchContact, request),
  showSignIn: () => ipcRenderer.invoke(IPC.showSignIn),
  contactsSnapshot: () => ipcRenderer.invoke(IPC.contactsSnapshot),
  contactCapabilities: () => ipcRenderer.invoke(IPC.contactCapabilities),
  searchDirectory: (request) => ipcRenderer.invoke(IPC.searchDirectory, request),
  expandDistributionGroup: (uri) => ipcRenderer.invoke(IPC.expandDistributionGroup, uri),
  changeContactList: (change) => ipcRenderer.invoke(IPC.changeContactList, change),
  onSession: (listener) => listen(IPC.sessionChanged, listener),
  onPresence: (listener) => listen(IPC.presenceChanged, listener),
  onContactPatches: (listener) => listen(IPC.contactsPatched, listener),
  onChange: (listener) => listen(IPC.changeAdded, listener),
  onWatched: (listener) => listen(IPC.watchedChanged, listener),
  onLocale: (listener) => listen(IPC.localeChanged, listener),
};

contextBridge.exposeInMainWorld('ucwa', api);
