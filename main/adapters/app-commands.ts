import type { BehaviorSubject } from 'rxjs';
import type { LanguageChoice } from '../../shared/i18n';
import type { AppService } from '../core/app/app-service';
import type { AppSettings } from '../core/app/app-settings';
import type { RemoteCommand } from '../core/app/command-line';
import type { SettingsStore } from '../core/ports';
import type { TrayAction } from '../tray/tray-action';

/** Whatever the user asks for: a tray menu click, or a command line (`--set-availability busy`, …). */
export type AppCommand = TrayAction | RemoteCommand;

/** The tray's own options, shown as checkboxes and radio items; the tray re-renders on each change. */
export interface TrayOptions {
  readonly autostartEnabled$: BehaviorSubject<boolean>;
  readonly awayOnLock$: BehaviorSubject<boolean>;
  readonly language$: BehaviorSubject<LanguageChoice>;
}

export interface AppCommandDeps {
  readonly service: AppService;
  readonly windows: { showSignIn(): void; showContacts(): void };
  readonly settings: SettingsStore<AppSettings>;
  readonly options: TrayOptions;
  readonly quit: () => void;
}

/** The one dispatcher of user commands: to the app service, the windows and the tray's options. */
export function createAppCommands(deps: AppCommandDeps): (command: AppCommand) => Promise<void> {
  const { service, windows, options } = deps;
  return async (command) => {
    switch (command.type) {
      case 'setAvailability':
        return service.setAvailability(command.availability);
      case 'resetAvailability':
      case 'reset':
        return service.resetAvailability();
      case 'setTimed':
        return service.setTimedStatus(command.availability, command.duration);
      case 'cancelTimed':
        return service.cancelTimedStatus();
      case 'setNote':
        return service.setNote(command.note);
      case 'clearNote':
        return service.setNote('');
      case 'editNote':
      case 'showContacts':
        return windows.showContacts();
      case 'show':
        return showForSession(service, windows);
      case 'toggleAwayOnLock':
        service.setAwayOnLock(!options.awayOnLock$.value);
        return options.awayOnLock$.next(service.awayOnLockEnabled());
      case 'toggleAutostart':
        await service.setAutostart(!options.autostartEnabled$.value);
        return options.autostartEnabled$.next(await service.autostartEnabled());
      case 'setLanguage':
        deps.settings.set('language', command.language);
        return options.language$.next(command.language);
      case 'signIn':
        return windows.showSignIn();
      case 'signOut':
        await service.signOut();
        return windows.showSignIn();
      case 'quit':
        return deps.quit();
    }
  };
}

/** Signed out: the sign-in window; otherwise the contacts. */
function showForSession(service: AppService, windows: AppCommandDeps['windows']): void {
  const state = service.snapshot().session.state;
  if (state === 'signedOut' || state === 'error') windows.showSignIn();
  else windows.showContacts();
}
