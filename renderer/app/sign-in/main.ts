import { isLocale } from '../../../shared/guards';
import { SIGN_IN_PROBLEM_KEYS, type Locale, type MessageKey } from '../../../shared/i18n';
import type { RendererApi, SignInDefaults, SignInForm, SignInResult } from '../../../shared/ipc-contract';
import type { SessionState } from '../../../shared/models';
import { byId, setShown } from '../common/dom';
import { applyCatalog, pageLocale, translator, type Translator } from '../common/i18n';
import { validateSignInForm, type SignInField } from './validate-form';

/** Progress words while main signs in. */
const STAGES: Partial<Record<SessionState['state'], MessageKey>> = {
  discovering: 'signIn.discovering',
  authenticating: 'signIn.authenticating',
  connecting: 'signIn.connecting',
  online: 'signIn.signedIn',
};

/** Words that are worded again when the language changes (messages are kept as functions of it). */
type Words = (messages: Translator) => string;

/** A refused sign-in, worded by its code (the engine's English `message` is for logs). */
function refusal(result: Extract<SignInResult, { ok: false }>): Words {
  return (messages) =>
    // No code: a main without one; its own words beat a vaguer generic line.
    result.code === undefined ? result.message : messages.t(SIGN_IN_PROBLEM_KEYS[result.code], { example: result.example ?? '' });
}

const FIELD_IDS: Readonly<Record<SignInField, { input: string; error: string }>> = {
  address: { input: 'address', error: 'address-error' },
  password: { input: 'password', error: 'password-error' },
  discoveryUrl: { input: 'discovery-url', error: 'discovery-url-error' },
  acceptWeakStorage: { input: 'accept-weak', error: 'accept-weak-error' },
};

function start(api: RendererApi): void {
  let messages = translator(pageLocale(undefined));
  applyCatalog(messages);
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
  /** What is shown now, as words, so a language switch re-words it. */
  let problems: { field: SignInField; words: Words }[] = [];
  let formWords: Words | null = null;
  let progressWords: Words | null = null;

  const setProgress = (words: Words | null): void => {
    progressWords = words;
    progress.textContent = words === null ? '' : words(messages);
  };

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
    problems = [];
    formWords = null;
  };

  const renderProblems = (focus: boolean): void => {
    problems.forEach((problem, index) => {
      const ids = FIELD_IDS[problem.field];
      const input = byId<HTMLInputElement>(ids.input);
      input.setAttribute('aria-invalid', 'true');
      const error = byId(ids.error);
      error.textContent = problem.words(messages);
      setShown(error, true);
      if (focus && index === 0) input.focus();
    });
  };

  const showProblems = (next: { field: SignInField; words: Words }[]): void => {
    problems = next;
    renderProblems(true);
  };

  const showFormError = (words: Words): void => {
    formWords = words;
    formError.textContent = words(messages);
    setShown(formError, true);
  };

  let discoveryHelp: MessageKey = 'signIn.discoveryHelp';
  /** A language switch: static text, shown problems, progress and help are worded again. */
  const setLocale = (locale: Locale): void => {
    if (locale === messages.locale) return;
    messages = translator(locale);
    applyCatalog(messages);
    byId('discovery-url-help').textContent = messages.t(discoveryHelp);
    renderProblems(false);
    if (formWords !== null) formError.textContent = formWords(messages);
    progress.textContent = progressWords === null ? '' : progressWords(messages);
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
    const found = validateSignInForm(values, defaults);
    if (found.length > 0) {
      // Checked in English only to find the fields; the words come from the catalog (and stay live).
      showProblems(
        found.map((problem) => ({ field: problem.field, words: (m: Translator) => validateSignInForm(values, defaults, m).find((p) => p.field === problem.field)!.message })),
      );
      return;
    }
    setBusy(true);
    setProgress((m) => m.t('signIn.signingIn'));
    api
      .signIn(values)
      .then((result) => {
        if (result.ok) {
          // Main closes this window; until then say so.
          setProgress((m) => m.t('signIn.signedIn'));
          password.value = '';
          return;
        }
        setBusy(false);
        setProgress(null);
        if (result.field) showProblems([{ field: result.field, words: refusal(result) }]);
        else showFormError(refusal(result));
        if (result.field === 'password') password.select();
      })
      .catch(() => {
        setBusy(false);
        setProgress(null);
        showFormError((m) => m.t('signIn.failed'));
      });
  });

  api.onSession((session) => {
    const stage = STAGES[session.state];
    if (busy && stage) setProgress((m) => m.t(stage));
  });
  api.onLocale((locale) => {
    if (isLocale(locale)) setLocale(locale);
  });

  api
    .getSnapshot()
    .then((snapshot) => {
      defaults = snapshot.signIn;
      setLocale(pageLocale(snapshot.locale));
      address.value = defaults.address;
      discoveryUrl.value = defaults.discoveryUrl;
      discoveryUrl.readOnly = defaults.discoveryUrlLocked;
      if (defaults.discoveryUrlLocked) {
        discoveryUrl.setAttribute('aria-readonly', 'true');
        discoveryHelp = 'signIn.discoveryLocked';
        byId('discovery-url-help').textContent = messages.t(discoveryHelp);
      }
      keep.checked = defaults.keepSignedInAllowed && defaults.keepSignedIn;
      renderKeep();
      (defaults.address === '' ? address : password).focus();
      document.body.dataset.ready = 'true';
    })
    .catch(() => showFormError((m) => m.t('signIn.loadFailed')));
}

start(window.ucwa);
