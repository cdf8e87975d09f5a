import type { Notifier } from '../core/ports';

/** The bits of Electron's Notification class we use (injected so tests need no Electron). */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent?: boolean }): { show(): void };
}

/** Desktop notifications; silently nothing where the OS has no notification service. */
export function createElectronNotifier(Notification: NotificationClass): Notifier {
  return {
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  };
}
