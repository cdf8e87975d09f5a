import type { SettableAvailability } from '../../../shared/availability';
import type { AppSnapshot, RendererApi } from '../../../shared/ipc-contract';
import { EMPTY_CONTACT_LIST, type ContactList, type DesiredPresence, type MyPresence, type SessionState } from '../../../shared/models';
import { isLocale } from '../../../shared/guards';
import type { Locale } from '../../../shared/i18n';
import { byId, setShown } from '../common/dom';
import { applyCatalog, pageLocale, translator, type Translator } from '../common/i18n';
import { parseFilter } from './contact-filter';
import { createFeedView } from './feed-view';
import { createMeView } from './me-view';
import { buildRowModel, type RowModel } from './row-model';
import { sessionBanner } from './session-banner';
import { createTreeView } from './tree-view';

interface ViewState {
  session: SessionState;
  presence: MyPresence;
  desired: DesiredPresence;
  contacts: ContactList;
  watched: Set<string>;
  collapsed: Set<string>;
  query: string;
}

function countText(model: RowModel, filtering: boolean, messages: Translator): string {
  const groups = messages.t('contacts.groups', { count: model.groupCount });
  if (!filtering) return messages.t('contacts.total', { count: model.totalContacts, groups });
  if (model.contactCount === 0) return messages.t('contacts.noMatch');
  return messages.t('contacts.matching', { count: model.contactCount, total: model.totalContacts, groups });
}

function start(api: RendererApi): void {
  let messages = translator(pageLocale(undefined));
  applyCatalog(messages);
  const state: ViewState = {
    session: { state: 'connecting' },
    presence: { availability: 'Unknown', note: '' },
    desired: { availability: null, note: '' },
    contacts: EMPTY_CONTACT_LIST,
    watched: new Set(),
    collapsed: new Set(),
    query: '',
  };

  const filter = byId<HTMLInputElement>('filter');
  const filterCount = byId('filter-count');
  const listEmpty = byId('list-empty');
  const banner = byId('banner');
  const bannerText = byId('banner-text');
  const bannerSignIn = byId<HTMLButtonElement>('banner-sign-in');

  const report = (): void => {
    // A failed command must not vanish silently; the banner is the one place the window shows problems.
    banner.className = 'banner banner-error';
    // IPC rejections carry Electron's English wording: say it in the user's language instead.
    bannerText.textContent = messages.t('contacts.commandFailed');
    bannerText.removeAttribute('title');
    setShown(bannerSignIn, false);
    setShown(banner, true);
  };

  const tree = createTreeView(byId('tree'), byId('tree-spacer'), {
    toggleGroup(groupId) {
      if (state.collapsed.has(groupId)) state.collapsed.delete(groupId);
      else state.collapsed.add(groupId);
      renderList();
    },
    toggleWatch(uri, watch) {
      if (watch) state.watched.add(uri);
      else state.watched.delete(uri);
      renderList();
      api.watchContact({ uri, watch }).catch(report);
    },
    clearFilter() {
      filter.value = '';
      setQuery('');
    },
    typeAhead(text) {
      filter.focus();
      filter.value += text;
      setQuery(filter.value);
    },
  }, messages);
  const feed = createFeedView(byId<HTMLOListElement>('feed'), byId('feed-empty'), messages);
  const me = createMeView({
    setAvailability(availability: SettableAvailability) {
      state.desired = { ...state.desired, availability };
      renderMe();
      api.setAvailability(availability).catch(report);
    },
    reset() {
      state.desired = { ...state.desired, availability: null };
      renderMe();
      api.resetAvailability().catch(report);
    },
    setNote(note) {
      state.desired = { ...state.desired, note };
      api.setNote(note).catch(report);
    },
  }, messages);

  let listFrame = 0;
  function renderList(): void {
    if (listFrame !== 0) return;
    listFrame = requestAnimationFrame(() => {
      listFrame = 0;
      const parsed = parseFilter(state.query);
      const model = buildRowModel(state.contacts, { filter: parsed, collapsed: state.collapsed, watched: state.watched });
      tree.setModel(model);
      filterCount.textContent = countText(model, parsed.terms.length > 0, messages);
      setShown(listEmpty, model.rows.length === 0 && parsed.terms.length === 0);
    });
  }
  function renderMe(): void {
    const signedIn = state.session.state === 'online' || state.session.state === 'reconnecting';
    me.render(state.presence, state.desired, signedIn);
  }
  let countdown: ReturnType<typeof setInterval> | undefined;
  function renderBanner(): void {
    const content = sessionBanner(state.session, Date.now(), messages);
    setShown(banner, content !== null);
    if (content) {
      banner.className = `banner banner-${content.tone}`;
      bannerText.textContent = content.text;
      if (content.detail === undefined) bannerText.removeAttribute('title');
      else bannerText.title = content.detail;
      setShown(bannerSignIn, content.signIn);
    }
    // Only a reconnect countdown needs the clock; otherwise no timer runs.
    if (state.session.state === 'reconnecting' && countdown === undefined) countdown = setInterval(renderBanner, 1000);
    if (state.session.state !== 'reconnecting' && countdown !== undefined) {
      clearInterval(countdown);
      countdown = undefined;
    }
  }
  /** A language switch: every word on the page is re-rendered, nothing reloads. */
  function setLocale(locale: Locale): void {
    if (locale === messages.locale) return;
    messages = translator(locale);
    applyCatalog(messages);
    me.setMessages(messages);
    tree.setMessages(messages);
    feed.setMessages(messages);
    renderBanner();
    renderMe();
    renderList();
  }
  function setQuery(query: string): void {
    state.query = query;
    renderList();
  }

  filter.addEventListener('input', () => setQuery(filter.value));
  filter.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && filter.value !== '') {
      filter.value = '';
      setQuery('');
      event.preventDefault();
    } else if (event.key === 'ArrowDown') {
      byId('tree').querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')?.focus();
      event.preventDefault();
    }
  });
  bannerSignIn.addEventListener('click', () => {
    api.showSignIn().catch(report);
  });

  api.onSession((session) => {
    state.session = session;
    renderBanner();
    renderMe();
  });
  api.onPresence((presence) => {
    state.presence = presence;
    renderMe();
  });
  api.onContacts((contacts) => {
    state.contacts = contacts;
    renderList();
  });
  api.onWatched((watched) => {
    state.watched = new Set(watched);
    renderList();
  });
  api.onChange((change) => feed.add(change));
  api.onLocale((locale) => {
    if (isLocale(locale)) setLocale(locale);
  });

  // Marks let the bench (test/renderer/bench-renderer.ts) split start-up into IPC and drawing.
  performance.mark('ucwa:snapshot-requested');
  api
    .getSnapshot()
    .then((snapshot: AppSnapshot) => {
      performance.mark('ucwa:snapshot-received');
      state.session = snapshot.session;
      state.presence = snapshot.presence;
      state.desired = snapshot.desired;
      state.contacts = snapshot.contacts;
      state.watched = new Set(snapshot.watched);
      setLocale(pageLocale(snapshot.locale));
      feed.reset(snapshot.changes);
      renderBanner();
      renderMe();
      renderList();
      requestAnimationFrame(() => performance.mark('ucwa:list-drawn'));
      document.body.dataset.ready = 'true';
    })
    .catch(report);
}

start(window.ucwa);
