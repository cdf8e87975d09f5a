import { englishTranslator, type Translator } from '../../../shared/i18n';
import type { SignInDefaults, SignInForm } from '../../../shared/ipc-contract';

/** The form fields a message can be attached to. */
export type SignInField = 'address' | 'password' | 'discoveryUrl' | 'acceptWeakStorage';

export interface FieldProblem {
  readonly field: SignInField;
  readonly message: string;
}

const ADDRESS = /^(sip:)?[^\s@:]+@[^\s@]+$/i;

/**
 * Checks what can be checked before asking the server, in field order, so the first problem is the
 * field to focus. Main validates again: this only saves a round trip and says what to fix.
 */
export function validateSignInForm(
  form: SignInForm,
  defaults: Pick<SignInDefaults, 'weakSecretStorage'>,
  messages: Translator = englishTranslator(),
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const address = form.address.trim();
  if (address === '') problems.push({ field: 'address', message: messages.t('signIn.addressEmpty') });
  else if (!ADDRESS.test(address))
    problems.push({ field: 'address', message: messages.t('signIn.addressShape') });
  if (form.password === '') problems.push({ field: 'password', message: messages.t('signIn.passwordEmpty') });
  const discoveryUrl = form.discoveryUrl.trim();
  if (discoveryUrl !== '') {
    let protocol = '';
    try {
      protocol = new URL(discoveryUrl).protocol;
    } catch {
      protocol = '';
    }
    if (protocol !== 'https:' && protocol !== 'http:')
      problems.push({
        field: 'discoveryUrl',
        message: messages.t('signIn.discoveryUrlInvalid'),
      });
  }
  if (form.keepSignedIn && defaults.weakSecretStorage && !form.acceptWeakStorage)
    problems.push({
      field: 'acceptWeakStorage',
      message: messages.t('signIn.acceptWeak', {
        storeAnyway: messages.t('signIn.storeAnyway'),
        keepSignedIn: messages.t('signIn.keepSignedIn'),
      }),
    });
  return problems;
}
