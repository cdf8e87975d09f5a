import { ERROR_KEYS, englishTranslator, type Translator } from '../../shared/i18n';
import type { SessionError } from '../../shared/models';
import { TRUSTED_DOMAINS_KEY } from '../core/ucwa/trust';

/** A host the run refused because it is outside the sign-in domain (there is no window to ask in). */
export interface RefusedHost {
  readonly domain: string;
  readonly host: string;
}

/**
 * The one stderr line for a sign-in or session that failed, worded by the typed reason in
 * `messages`' language (the engine's English message is not shown, so nothing it carries can leak).
 * A refused foreign host is named, with the policy key that would allow it.
 */
export function describeFailure(error: SessionError, refused: RefusedHost | undefined, messages: Translator = englishTranslator()): string {
  if (error.reason === 'untrustedHost' && refused !== undefined) {
    return messages.t('cli.untrustedHost', { domain: refused.domain, host: refused.host, policyKey: TRUSTED_DOMAINS_KEY });
  }
  return messages.t(ERROR_KEYS[error.reason]);
}
