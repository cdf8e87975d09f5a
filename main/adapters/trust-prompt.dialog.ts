import type { TrustPrompt } from '../core/ports';

/** The bit of Electron's `dialog` we use (injected so tests need no Electron). */
export interface MessageBoxDialog {
  showMessageBox(options: {
    type: 'warning';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: boolean;
  }): Promise<{ response: number }>;
}

/** Button order: the safe answer first, and the default. */
const BUTTONS = ['Cancel', 'Continue'];
const CONTINUE = 1;

/**
 * "The window asks once": a native message box when sign-in is sent to a host outside the
 * sign-in domain. Cancel is the default, so pressing Enter never hands over the password.
 */
export function createDialogTrustPrompt(dialog: MessageBoxDialog): TrustPrompt {
  return async (fromDomain, toHost) => {
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: 'Sign in on another server?',
      message: `${fromDomain} sends you to ${toHost} to sign in — continue?`,
      detail: `${toHost} is not part of ${fromDomain}. Continue only if your IT team told you to: your password and sign-in would go to that server. An administrator can allow it for everyone with "trustedDomains" in the admin policy.`,
      buttons: BUTTONS,
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    return response === CONTINUE;
  };
}
