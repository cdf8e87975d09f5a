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

/** The form's elements. */
interface SignInElements {
  readonly form: HTMLFormElement;
  readonly address: HTMLInputElement;
  readonly password: HTMLInputElement;
  readonly discoveryUrl: HTMLInputElement;
  readonly keep: HTMLInputElement;
  readonly keepBlock: HTMLElement;
  readonly weakBlock: HTMLElement;
  readonly acceptWeak: HTMLInputElement;
  readonly formError: HTMLElement;
  readonly submit: HTMLButtonElement;
  readonly progress: HTMLElement;
}

function signInElements(): SignInElements {
  return {
    form: byId<HTMLFormElement>('sign-in-form'),
    address: byId<HTMLInputElement>('address'),
    password: byId<HTMLInputElement>('password'),
    discoveryUrl: byId<HTMLInputElement>('discovery-url'),
    keep: byId<HTMLInputElement>('keep-signed-in'),
    keepBlock: byId('keep-block'),
    weakBlock: byId('weak-block'),
    acceptWeak: byId<HTMLInputElement>('accept-weak'),
    formError: byId('form-error'),
    submit: byId<HTMLButtonElement>('submit'),
    progress: byId('progress'),
  };
}

type Problem = { field: SignInField; words: Words };

/**
 * What the page shows now: problems, form error and progress are kept as words, so a language
 * switch re-words them.
 */
interface SignInPage {
  readonly el: SignInElements;
  defaults: SignInDefaults;
  messages: Translator;
  busy: boolean;
  problems: Problem[];
  formWords: Words | null;
  progressWords: Words | null;
  discoveryHelp: MessageKey;
}

function setProgress(page: SignInPage, words: Words | null): void {
  page.progressWords = words;
  page.el.progress.textContent = words === null ? '' : words(page.messages);
}

function clearProblems(page: SignInPage): void {
  for (const ids of Object.values(FIELD_IDS)) {
    byId<HTMLInputElement>(ids.input).removeAttribute('aria-invalid');
    const error = byId(ids.error);
    error.textContent = '';
    setShown(error, false);
  }
  page.el.formError.textContent = '';
  setShown(page.el.formError, false);
  page.problems = [];
  page.formWords = null;
}

function renderProblems(page: SignInPage, focus: boolean): void {
  page.problems.forEach((problem, index) => {
    const ids = FIELD_IDS[problem.field];
    const input = byId<HTMLInputElement>(ids.input);
    input.setAttribute('aria-invalid', 'true');
    const error = byId(ids.error);
    error.textContent = problem.words(page.messages);
    setShown(error, true);
    if (focus && index === 0) input.focus();
  });
}

function showProblems(page: SignInPage, next: Problem[]): void {
  page.problems = next;
  renderProblems(page, true);
}

function showFormError(page: SignInPage, words: Words): void {
  page.formWords = words;
  page.el.formError.textContent = words(page.messages);
  setShown(page.el.formError, true);
}

/** A language switch: static text, shown problems, progress and help are worded again. */
function setLocale(page: SignInPage, locale: Locale): void {
  if (locale === page.messages.locale) return;
  page.messages = translator(locale);
  applyCatalog(page.messages);
  byId('discovery-url-help').textContent = page.messages.t(page.discoveryHelp);
  renderProblems(page, false);
  if (page.formWords !== null) page.el.formError.textContent = page.formWords(page.messages);
  page.el.progress.textContent = page.progressWords === null ? '' : page.progressWords(page.messages);
}

function renderKeep({ el, defaults }: SignInPage): void {
  setShown(el.keepBlock, defaults.keepSignedInAllowed);
  el.keep.disabled = !defaults.keepSignedInAllowed;
  setShown(el.weakBlock, defaults.keepSignedInAllowed && defaults.weakSecretStorage && el.keep.checked);
}

function setBusy(page: SignInPage, value: boolean): void {
  const { el, defaults } = page;
  page.busy = value;
  el.submit.disabled = value;
  el.form.setAttribute('aria-busy', String(value));
  for (const input of [el.address, el.password, el.keep, el.acceptWeak]) input.disabled = value || (input === el.keep && !defaults.keepSignedInAllowed);
  el.discoveryUrl.readOnly = value || defaults.discoveryUrlLocked;
}

/** The form as main is asked to sign in with it (options the policy does not allow are off). */
function formValues({ el, defaults }: SignInPage): SignInForm {
  return {
    address: el.address.value.trim(),
    password: el.password.value,
    discoveryUrl: defaults.discoveryUrlLocked ? defaults.discoveryUrl : el.discoveryUrl.value.trim(),
    keepSignedIn: defaults.keepSignedInAllowed && el.keep.checked,
    acceptWeakStorage: defaults.keepSignedInAllowed && defaults.weakSecretStorage && el.keep.checked && el.acceptWeak.checked,
  };
}

function submitForm(api: RendererApi, page: SignInPage): void {
  if (page.busy) return;
  clearProblems(page);
  const values = formValues(page);
  const { defaults } = page;
  const found = validateSignInForm(values, defaults);
  if (found.length > 0) {
    // Checked in English only to find the fields; the words come from the catalog (and stay live).
    showProblems(
      page,
      found.map((problem) => ({ field: problem.field, words: (m: Translator) => validateSignInForm(values, defaults, m).find((p) => p.field === problem.field)!.message })),
    );
    return;
  }
  setBusy(page, true);
  setProgress(page, (m) => m.t('signIn.signingIn'));
  api
    .signIn(values)
    .then((result) => showResult(page, result))
    .catch(() => {
      setBusy(page, false);
      setProgress(page, null);
      showFormError(page, (m) => m.t('signIn.failed'));
    });
}

function showResult(page: SignInPage, result: SignInResult): void {
  if (result.ok) {
    // Main closes this window; until then say so.
    setProgress(page, (m) => m.t('signIn.signedIn'));
    page.el.password.value = '';
    return;
  }
  setBusy(page, false);
  setProgress(page, null);
  if (result.field) showProblems(page, [{ field: result.field, words: refusal(result) }]);
  else showFormError(page, refusal(result));
  if (result.field === 'password') page.el.password.select();
}

/** Fills the form from what main knows (last address, admin policy) and marks the page ready. */
function applyDefaults(page: SignInPage, defaults: SignInDefaults, locale: Locale | undefined): void {
  const { el } = page;
  page.defaults = defaults;
  setLocale(page, pageLocale(locale));
  el.address.value = defaults.address;
  el.discoveryUrl.value = defaults.discoveryUrl;
  el.discoveryUrl.readOnly = defaults.discoveryUrlLocked;
  if (defaults.discoveryUrlLocked) {
    el.discoveryUrl.setAttribute('aria-readonly', 'true');
    page.discoveryHelp = 'signIn.discoveryLocked';
    byId('discovery-url-help').textContent = page.messages.t(page.discoveryHelp);
  }
  el.keep.checked = defaults.keepSignedInAllowed && defaults.keepSignedIn;
  renderKeep(page);
  (defaults.address === '' ? el.address : el.password).focus();
  document.body.dataset.ready = 'true';
}

function start(api: RendererApi): void {
  const messages = translator(pageLocale(undefined));
  applyCatalog(messages);
  const page: SignInPage = {
    el: signInElements(),
    defaults: {
      address: '',
      discoveryUrl: '',
      keepSignedIn: false,
      keepSignedInAllowed: false,
      weakSecretStorage: false,
      discoveryUrlLocked: false,
    },
    messages,
    busy: false,
    problems: [],
    formWords: null,
    progressWords: null,
    discoveryHelp: 'signIn.discoveryHelp',
  };
  page.el.keep.addEventListener('change', () => renderKeep(page));
  page.el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm(api, page);
  });
  api.onSession((session) => {
    const stage = STAGES[session.state];
    if (page.busy && stage) setProgress(page, (m) => m.t(stage));
  });
  api.onLocale((locale) => {
    if (isLocale(locale)) setLocale(page, locale);
  });
  api
    .getSnapshot()
    .then((snapshot) => applyDefaults(page, snapshot.signIn, snapshot.locale))
    .catch(() => showFormError(page, (m) => m.t('signIn.loadFailed')));
}

start(window.ucwa);
