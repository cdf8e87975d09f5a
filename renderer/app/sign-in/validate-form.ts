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
export function validateSignInForm(form: SignInForm, defaults: Pick<SignInDefaults, 'weakSecretStorage'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const address = form.address.trim();
  if (address === '') problems.push({ field: 'address', message: 'Enter your sign-in address, like dana@contoso.com.' });
  else if (!ADDRESS.test(address))
    problems.push({ field: 'address', message: 'A sign-in address looks like dana@contoso.com.' });
  if (form.password === '') problems.push({ field: 'password', message: 'Enter your password.' });
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
        message: 'Enter a full URL starting with https://, or leave it empty.',
      });
  }
  if (form.keepSignedIn && defaults.weakSecretStorage && !form.acceptWeakStorage)
    problems.push({
      field: 'acceptWeakStorage',
      message: 'Tick "Store it anyway" to keep the password on this computer, or untick "Keep me signed in".',
    });
  return problems;
}
