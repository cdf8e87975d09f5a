import type { Logger } from '../core/ports';

/**
 * The only URL schemes the app hands to the operating system (`shell.openExternal`), each for one
 * thing a contact card links to. Anything else is refused: the OS would start whatever program is
 * registered for a scheme, with the rest of the URL as its input, so a server-supplied link with
 * `file:`, `smb:`, `javascript:`, `ms-msdt:`, `search-ms:` and the like could open local files or
 * run code. `http:` is refused too: a contact's web page is no reason to leave TLS.
 */
export const EXTERNAL_SCHEMES = {
  /** Write an e-mail to the contact (their `emailAddresses`). */
  'mailto:': 'e-mail',
  /** Call the contact's phone number with the system's dialler or softphone. */
  'tel:': 'phone call',
  /** The contact's SIP URI, opened by the Skype for Business / Lync client (call or conversation). */
  'sip:': 'Skype for Business',
  /** Start an instant-message conversation in the Skype for Business / Lync client. */
  'im:': 'instant message',
  /** A web page (e.g. the contact's profile), over TLS only. */
  'https:': 'web page',
} as const;

/** Longer than any contact link; a huge URL is not a link to open. */
const MAX_URL_LENGTH = 2048;

/**
 * The URL to open, canonical, or `undefined` when it may not be opened: a scheme not in
 * `EXTERNAL_SCHEMES`, control characters or whitespace, more than 2048 characters, nothing after the
 * scheme, or for https: no host or user info in it (`https://bank.example@evil.example/`).
 */
export function externalUrl(candidate: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- the point is to find them
  if (candidate.length > MAX_URL_LENGTH || /[\u0000-\u0020\u007f-\u009f]/.test(candidate)) return undefined;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (!Object.hasOwn(EXTERNAL_SCHEMES, url.protocol)) return undefined;
  if (url.protocol === 'https:') {
    if (url.hostname === '' || url.username !== '' || url.password !== '') return undefined;
  } else if (url.pathname === '' || url.host !== '') {
    // mailto:/tel:/sip:/im: address something: `mailto:dana@contoso.com`, never `sip://host`.
    return undefined;
  }
  return url.href;
}

/** The part of Electron's `shell` this needs. */
export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/**
 * Opens a link in the program the OS registers for it, if `externalUrl` allows it; otherwise
 * does nothing and logs the scheme only (the rest may be personal data). True when handed to the OS.
 */
export function createExternalOpener(shell: ShellLike, logger: Logger): (url: string) => Promise<boolean> {
  return async (candidate) => {
    const url = externalUrl(candidate);
    if (url === undefined) {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(candidate)?.[1]?.toLowerCase() ?? '(none)';
      logger.log('warn', `refused to open a link with scheme ${scheme}`);
      return false;
    }
    try {
      await shell.openExternal(url);
      return true;
    } catch (error) {
      logger.log('warn', `could not open a ${EXTERNAL_SCHEMES[new URL(url).protocol as keyof typeof EXTERNAL_SCHEMES]} link: ${error instanceof Error ? error.message : 'failed'}`);
      return false;
    }
  };
}
