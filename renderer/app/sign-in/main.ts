import type { RendererApi, SignInDefaults, SignInForm } from '../../../shared/ipc-contract';
import type { SessionState } from '../../../shared/models';
import { byId, setShown } from '../common/dom';
import { validateSignInForm, type FieldProblem, type SignInField } from './validate-form';

/** Progress words while main signs in. */
const STAGES: Partial<Record<SessionState['state'], string>> = {
  discovering: 'Finding your server…',
  authenticating: 'Checking your password…',
  connecting: 'Connecting…',
  online: 'Signed in.',
};

const FIELD_IDS: Readonly<Record<SignInField, { input: string; error: string }>> = {
  address: { input: 'address', error: 'address-error' },
  password: { input: 'password', error: 'password-error' },
  discoveryUrl: { input: 'discovery-url', error: 'discovery-url-error' },
  acceptWeakStorage: { input: 'accept-weak', error: 'accept-weak-error' },
};

function start(api: RendererApi): void {
  const form = byId<HTMLFormElement>('sign-in-form');
  const address = byId<HTMLInputElement>('address');
  const password = byId<HTMLInputElement>('password');
  const discoveryUrl = byId<HTMLInputElement>('discovery-url');
  const keep = byId<HTMLInputElement>('keep-signed-in');
  const keepBlock = byId('keep-block');
  const weakBlock = byId('weak-block');
  const acceptWeak = byId<HTMLInputElement>('accept-weak');
  const formError = byId('form-error');
  const submit = byId<HTMLButtonElement>('submit');
  const progress = byId('progress');

  let defaults: SignInDefaults = {
    address: '',
    discoveryUrl: '',
    keepSignedIn: false,
    keepSignedInAllowed: false,
    weakSecretStorage: false,
    discoveryUrlLocked: false,
  };
  let busy = false;

  const clearProblems = (): void => {
    for (const ids of Object.values(FIELD_IDS)) {
      const input = byId<HTMLInputElement>(ids.input);
      input.removeAttribute('aria-invalid');
      const error = byId(ids.error);
      error.textContent = '';
      setShown(error, false);
    }
    formError.textContent = '';
    setShown(formError, false);
  };

  const showProblems = (problems: readonly FieldProblem[]): void => {
    problems.forEach((problem, index) => {
      const ids = FIELD_IDS[problem.field];
      const input = byId<HTMLInputElement>(ids.input);
      input.setAttribute('aria-invalid', 'true');
      const error = byId(ids.error);
      error.textContent = problem.message;
      setShown(error, true);
      if (index === 0) input.focus();
    });
  };

  const showFormError = (message: string): void => {
    formError.textContent = message;
    setShown(formError, true);
  };

  const renderKeep = (): void => {
    setShown(keepBlock, defaults.keepSignedInAllowed);
    keep.disabled = !defaults.keepSignedInAllowed;
    setShown(weakBlock, defaults.keepSignedInAllowed && defaults.weakSecretStorage && keep.checked);
  };

  const setBusy = (value: boolean): void => {
    busy = value;
    submit.disabled = value;
    form.setAttribute('aria-busy', String(value));
    for (const input of [address, password, keep, acceptWeak]) input.disabled = value || (input === keep && !defaults.keepSignedInAllowed);
    discoveryUrl.readOnly = value || defaults.discoveryUrlLocked;
  };

  keep.addEventListener('change', renderKeep);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    clearProblems();
    const values: SignInForm = {
      address: address.value.trim(),
      password: password.value,
      discoveryUrl: defaults.discoveryUrlLocked ? defaults.discoveryUrl : discoveryUrl.value.trim(),
      keepSignedIn: defaults.keepSignedInAllowed && keep.checked,
      acceptWeakStorage: defaults.keepSignedInAllowed && defaults.weakSecretStorage && keep.checked && acceptWeak.checked,
    };
    const problems = validateSignInForm(values, defaults);
    if (problems.length > 0) {
      showProblems(problems);
      return;
    }
    setBusy(true);
    progress.textContent = 'Signing in…';
    api
      .signIn(values)
      .then((result) => {
        if (result.ok) {
          // Main closes this window; until then say so.
          progress.textContent = 'Signed in.';
          password.value = '';
          return;
        }
        setBusy(false);
        progress.textContent = '';
        if (result.field) showProblems([{ field: result.field, message: result.message }]);
        else showFormError(result.message);
        if (result.field === 'password') password.select();
      })
      .catch((error: unknown) => {
        setBusy(false);
        progress.textContent = '';
        showFormError(error instanceof Error ? error.message : 'Sign-in failed. Try again.');
      });
  });

  api.onSession((session) => {
    const stage = STAGES[session.state];
    if (busy && stage) progress.textContent = stage;
  });

  api
    .getSnapshot()
    .then((snapshot) => {
      defaults = snapshot.signIn;
      address.value = defaults.address;
      discoveryUrl.value = defaults.discoveryUrl;
      discoveryUrl.readOnly = defaults.discoveryUrlLocked;
      if (defaults.discoveryUrlLocked) {
        discoveryUrl.setAttribute('aria-readonly', 'true');
        byId('discovery-url-help').textContent = 'Set by your administrator.';
      }
      keep.checked = defaults.keepSignedInAllowed && defaults.keepSignedIn;
      renderKeep();
      (defaults.address === '' ? address : password).focus();
      document.body.dataset.ready = 'true';
    })
    .catch((error: unknown) => showFormError(error instanceof Error ? error.message : 'Could not load the sign-in form.'));
}

start(window.ucwa);
