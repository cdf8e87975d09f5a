import type { SessionState } from '../../../shared/models';
import { setShown } from '../common/dom';
import type { Translator } from '../common/i18n';
import { sessionBanner } from './session-banner';

export interface BannerElements {
  readonly banner: HTMLElement;
  readonly text: HTMLElement;
  readonly signIn: HTMLButtonElement;
}

export interface BannerView {
  /** Shows the session's state (signed out, reconnecting with its countdown…), or hides the banner. */
  show(session: SessionState, messages: Translator): void;
  /** A failed command: the banner is the one place the window shows problems. */
  failed(messages: Translator): void;
}

/** The banner over the window: session problems, and commands that failed. */
export function createBannerView(elements: BannerElements): BannerView {
  const { banner, text, signIn } = elements;
  let countdown: ReturnType<typeof setInterval> | undefined;
  let last: { session: SessionState; messages: Translator } | undefined;
  const draw = (): void => {
    if (last === undefined) return;
    const content = sessionBanner(last.session, Date.now(), last.messages);
    setShown(banner, content !== null);
    if (content === null) return;
    banner.className = `banner banner-${content.tone}`;
    text.textContent = content.text;
    if (content.detail === undefined) text.removeAttribute('title');
    else text.title = content.detail;
    setShown(signIn, content.signIn);
  };
  return {
    show(session, messages) {
      last = { session, messages };
      draw();
      // Only a reconnect countdown needs the clock; otherwise no timer runs.
      const reconnecting = session.state === 'reconnecting';
      if (reconnecting && countdown === undefined) countdown = setInterval(draw, 1000);
      if (!reconnecting && countdown !== undefined) {
        clearInterval(countdown);
        countdown = undefined;
      }
    },
    failed(messages) {
      banner.className = 'banner banner-error';
      // IPC rejections carry Electron's English wording: say it in the user's language instead.
      text.textContent = messages.t('contacts.commandFailed');
      text.removeAttribute('title');
      setShown(signIn, false);
      setShown(banner, true);
    },
  };
}
