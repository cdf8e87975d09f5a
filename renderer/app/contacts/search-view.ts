import type { Availability } from '../../../shared/availability';
import type { ContactListOutcome, RendererApi } from '../../../shared/ipc-contract';
import type { ContactList, DirectoryContact, DirectoryGroup, SearchResult } from '../../../shared/models';
import { setShown } from '../common/dom';
import type { Translator } from '../common/i18n';
import type { Management } from './management';
import { openMenu } from './popup-menu';
import { targetGroups } from './row-actions';
import { contactResult, groupResult, memberList, type ResultContext } from './search-results';

/** Searches wait this long after the last keystroke, so typing a name sends one request, not one per letter. */
export const SEARCH_DEBOUNCE_MS = 300;
/** Shorter queries match half the directory: they are not sent. */
export const SEARCH_MIN_LENGTH = 2;
const SEARCH_LIMIT = 20;

export interface SearchElements {
  readonly bar: HTMLElement;
  readonly input: HTMLInputElement;
  readonly status: HTMLElement;
  readonly results: HTMLUListElement;
}

export interface SearchDeps {
  readonly api: RendererApi;
  readonly management: Management;
  messages(): Translator;
  contacts(): ContactList;
}

export interface SearchView {
  /** Shows or hides the search as the server offers it; redraws results (add buttons follow `canChange`). */
  refresh(): void;
}

interface SearchState {
  readonly elements: SearchElements;
  readonly deps: SearchDeps;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Numbers requests, so an answer to an older query never replaces a newer one. */
  seq: number;
  last: SearchResult | null;
}

function context(state: SearchState): ResultContext {
  const { deps } = state;
  return {
    messages: deps.messages(),
    canChange: deps.management.canChange(),
    availability: (uri): Availability => deps.contacts().contacts[uri]?.availability ?? 'Unknown',
    handlers: {
      addTo: (contact, button) => openAddTo(state, contact, button),
      toggleMembers: (group, item, button) => void toggleMembers(state, group, item, button),
      addList: (group) => void deps.management.send({ kind: 'addDistributionGroup', uri: group.uri }),
    },
  };
}

function openAddTo(state: SearchState, contact: DirectoryContact, button: HTMLButtonElement): void {
  const { deps } = state;
  const messages = deps.messages();
  const items = targetGroups(deps.contacts(), contact.uri).map((group) => ({
    label: group.name,
    run: () => void deps.management.send({ kind: 'addContact', uri: contact.uri, groupId: group.id }),
  }));
  openMenu(button, messages.t('search.addToMenu', { name: contact.name }), items, { back: messages.t('manage.back') }, () => button.focus());
}

async function toggleMembers(state: SearchState, group: DirectoryGroup, item: HTMLLIElement, button: HTMLButtonElement): Promise<void> {
  const open = item.querySelector('.result-members-list');
  if (open) {
    open.remove();
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  const outcome = await state.deps.api.expandDistributionGroup(group.uri);
  if (!state.deps.management.report(outcome)) return;
  item.append(memberList(outcome.value, context(state)));
  button.setAttribute('aria-expanded', 'true');
}

function draw(state: SearchState): void {
  const { elements, last } = state;
  const messages = state.deps.messages();
  const query = elements.input.value.trim();
  if (last === null || last.query !== query) {
    elements.results.replaceChildren();
    setShown(elements.results, false);
    elements.status.textContent = query.length > 0 && query.length < SEARCH_MIN_LENGTH ? messages.t('search.hint') : '';
    return;
  }
  const shown = context(state);
  const items = [...last.contacts.map((c) => contactResult(c, shown)), ...last.distributionGroups.map((g) => groupResult(g, shown))];
  elements.results.replaceChildren(...items);
  setShown(elements.results, items.length > 0);
  const count = messages.t('search.count', { count: items.length });
  elements.status.textContent = items.length === 0 ? messages.t('search.none', { query }) : last.moreResultsAvailable ? `${count}. ${messages.t('search.more')}` : count;
  actions(state)[0]?.setAttribute('tabindex', '0');
}

function run(state: SearchState): void {
  const query = state.elements.input.value.trim();
  const seq = (state.seq += 1);
  state.elements.status.textContent = state.deps.messages().t('search.searching');
  state.deps.api
    .searchDirectory({ query, limit: SEARCH_LIMIT })
    .catch((): ContactListOutcome<SearchResult> => ({ ok: false, reason: 'failed', message: '' }))
    .then((outcome) => {
      if (seq !== state.seq) return;
      state.last = state.deps.management.report(outcome) ? outcome.value : null;
      draw(state);
    });
}

function onInput(state: SearchState): void {
  clearTimeout(state.timer);
  state.seq += 1;
  state.last = null;
  draw(state);
  if (state.elements.input.value.trim().length >= SEARCH_MIN_LENGTH) state.timer = setTimeout(() => run(state), SEARCH_DEBOUNCE_MS);
}

function actions(state: SearchState): HTMLButtonElement[] {
  return [...state.elements.results.querySelectorAll<HTMLButtonElement>('.result-action')];
}

function onResultsKey(state: SearchState, event: KeyboardEvent): void {
  const all = actions(state);
  const at = all.indexOf(document.activeElement as HTMLButtonElement);
  const to: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
  if (event.key === 'Escape') {
    event.preventDefault();
    state.elements.input.focus();
    return;
  }
  const target = to[event.key];
  if (target === undefined) return;
  event.preventDefault();
  if (target < 0) state.elements.input.focus();
  else all[Math.min(target, all.length - 1)]?.focus();
}

function onInputKey(state: SearchState, event: KeyboardEvent): void {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    actions(state)[0]?.focus();
  } else if (event.key === 'Enter' && state.elements.input.value.trim().length >= SEARCH_MIN_LENGTH) {
    // Enter does not wait for the pause.
    event.preventDefault();
    clearTimeout(state.timer);
    run(state);
  } else if (event.key === 'Escape' && state.elements.input.value !== '') {
    event.preventDefault();
    state.elements.input.value = '';
    onInput(state);
  }
}

function listen(state: SearchState): void {
  const { input, results } = state.elements;
  input.addEventListener('input', () => onInput(state));
  input.addEventListener('keydown', (event) => onInputKey(state, event));
  results.addEventListener('keydown', (event) => onResultsKey(state, event));
  // Roving tabindex: Tab enters the results at the button last used.
  results.addEventListener('focusin', (event) => {
    for (const button of actions(state)) button.tabIndex = button === event.target ? 0 : -1;
  });
}

/**
 * The directory search: debounced, from two characters; people with presence, title and department,
 * each with "Add to ▸" a group; distribution groups expandable. Arrow keys move through the results,
 * Enter uses a button, Escape goes back to the field (and clears it there).
 */
export function createSearchView(elements: SearchElements, deps: SearchDeps): SearchView {
  const state: SearchState = { elements, deps, timer: undefined, seq: 0, last: null };
  listen(state);
  return {
    refresh() {
      const { management } = deps;
      setShown(elements.bar, management.known());
      setShown(elements.input, management.canSearch());
      draw(state);
      if (management.known() && !management.canSearch()) elements.status.textContent = deps.messages().t('search.unavailable');
    },
  };
}
