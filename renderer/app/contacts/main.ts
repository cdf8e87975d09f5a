import type { SettableAvailability } from '../../../shared/availability';
import type { AppSnapshot, RendererApi } from '../../../shared/ipc-contract';
import type { DesiredPresence, MyPresence, SessionState } from '../../../shared/models';
import { isLocale } from '../../../shared/guards';
import type { Locale } from '../../../shared/i18n';
import { byId, setShown } from '../common/dom';
import { frameTask } from '../common/frame-task';
import { applyCatalog, pageLocale, translator, type Translator } from '../common/i18n';
import { createBannerView, type BannerView } from './banner-view';
import { createContactCardPane, type ContactCardPane } from './contact-card-view';
import { createFeedView, type FeedView } from './feed-view';
import { openInlineEditor } from './inline-editor';
import { createListSync, type ListSync } from './list-sync';
import { createListView, type ListView } from './list-view';
import { createManagement, type Management } from './management';
import { createMeView, type MeView } from './me-view';
import { createPhotoSource } from './photo-source';
import { createRowPhotos, type RowPhotos } from './row-photos';
import { openRowActions, removeRow, renameGroup, type RowActionsContext } from './row-actions';
import { createSearchView, type SearchView } from './search-view';
import { createSelection, type Selection } from './selection';
import { createTreeView, type TreeView, type TreeViewCallbacks } from './tree-view';
import { visibleContactsReporter } from './visible-contacts';

/** What the window shows that is not the contact list itself. */
interface PageState {
  session: SessionState;
  presence: MyPresence;
  desired: DesiredPresence;
  watched: Set<string>;
  readonly collapsed: Set<string>;
  query: string;
  messages: Translator;
}

/** The window's parts. Built once by `createPage`; callbacks only run after it returns. */
interface Page {
  readonly api: RendererApi;
  readonly state: PageState;
  readonly banner: BannerView;
  readonly sync: ListSync;
  readonly list: ListView;
  readonly tree: TreeView;
  readonly feed: FeedView;
  readonly me: MeView;
  readonly management: Management;
  readonly search: SearchView;
  /** The selected tree row: a contact card subscribes to it. */
  readonly selection: Selection;
  readonly card: ContactCardPane;
  readonly rowPhotos: RowPhotos;
  readonly actions: RowActionsContext;
  readonly filter: HTMLInputElement;
}

const report = (page: Page) => (): void => page.banner.failed(page.state.messages);

function setQuery(page: Page, query: string): void {
  page.state.query = query;
  page.list.invalidate();
}

function treeCallbacks(page: Page): TreeViewCallbacks {
  const { state } = page;
  return {
    toggleGroup(groupId) {
      if (!state.collapsed.delete(groupId)) state.collapsed.add(groupId);
      page.list.invalidate();
    },
    toggleWatch(uri, watch) {
      if (watch) state.watched.add(uri);
      else state.watched.delete(uri);
      page.list.invalidate();
      page.api.watchContact({ uri, watch }).catch(report(page));
    },
    clearFilter() {
      page.filter.value = '';
      setQuery(page, '');
    },
    typeAhead(text) {
      page.filter.focus();
      page.filter.value += text;
      setQuery(page, page.filter.value);
    },
    openActions: (row, node) => openRowActions(row, node, page.actions, () => newGroup(page)),
    removeRow: (row) => removeRow(row, page.actions),
    renameRow: (row, node) => renameGroup(row, page.actions, node),
    selectionChanged: (row) => page.selection.set(row),
    contactRowFilled: (node, contact) => page.rowPhotos.decorate(node, contact),
    shown: visibleContactsReporter((uris) => page.api.setVisibleContacts(uris)),
  };
}

function renderMe(page: Page): void {
  const { session, presence, desired } = page.state;
  page.me.render(presence, desired, session.state === 'online' || session.state === 'reconnecting');
}

function createMe(page: Page): MeView {
  const { state, api } = page;
  return createMeView(
    {
      setAvailability(availability: SettableAvailability) {
        state.desired = { ...state.desired, availability };
        renderMe(page);
        api.setAvailability(availability).catch(report(page));
      },
      reset() {
        state.desired = { ...state.desired, availability: null };
        renderMe(page);
        api.resetAvailability().catch(report(page));
      },
      setNote(note) {
        state.desired = { ...state.desired, note };
        api.setNote(note).catch(report(page));
      },
    },
    state.messages,
  );
}

/** "New group…": a name field in the toolbar; the group appears once the server has made it. */
function newGroup(page: Page): void {
  const button = byId<HTMLButtonElement>('new-group');
  setShown(button, false);
  const done = (focusBack = true): void => {
    setShown(button, page.management.canChange());
    if (focusBack) button.focus();
  };
  openInlineEditor(byId('manage-bar'), null, {
    label: page.state.messages.t('manage.newGroupLabel'),
    value: '',
    commit: (name) => {
      done(true);
      void page.management.send({ kind: 'createGroup', name });
    },
    cancel: done,
  });
}

/** Shows or hides what the server allows, once its capabilities are known. */
function capabilitiesChanged(page: Page): void {
  setShown(byId('new-group'), page.management.canChange());
  setShown(byId('manage-help'), page.management.canChange());
  page.search.refresh();
}

function createParts(page: Page): void {
  const { state, api } = page;
  const parts = page as { -readonly [K in keyof Page]: Page[K] };
  parts.banner = createBannerView({ banner: byId('banner'), text: byId('banner-text'), signIn: byId<HTMLButtonElement>('banner-sign-in') });
  parts.selection = createSelection();
  const photos = createPhotoSource(api);
  parts.rowPhotos = createRowPhotos(photos);
  const feedPane = byId('feed').closest('aside');
  parts.card = createContactCardPane(feedPane?.parentElement ?? document.body, feedPane, api, photos, state.messages);
  page.selection.subscribe((row) => {
    if (row?.type === 'contact') page.card.show(row.contact);
  });
  parts.tree = createTreeView(byId('tree'), byId('tree-spacer'), treeCallbacks(page), state.messages);
  parts.list = createListView(
    page.tree,
    { contacts: () => page.sync.contacts(), query: () => state.query, collapsed: state.collapsed, watched: () => state.watched, messages: () => state.messages },
    { count: byId('filter-count'), empty: byId('list-empty') },
  );
  parts.sync = createListSync(api, { patched: (patches) => page.list.patched(patches), replaced: () => page.list.invalidate() }, report(page));
  parts.feed = createFeedView(byId<HTMLOListElement>('feed'), byId('feed-empty'), state.messages);
  parts.me = createMe(page);
  parts.management = createManagement(api, { notice: byId('manage-notice'), problem: byId('manage-problem') }, state.messages, () => capabilitiesChanged(page));
  parts.actions = { management: page.management, messages: () => state.messages, contacts: () => page.sync.contacts(), refocus: () => page.tree.focus() };
  parts.search = createSearchView(
    { bar: byId('search-bar'), input: byId<HTMLInputElement>('search'), status: byId('search-status'), results: byId<HTMLUListElement>('search-results') },
    { api, management: page.management, messages: () => state.messages, contacts: () => page.sync.contacts() },
  );
}

function createPage(api: RendererApi): Page {
  const messages = translator(pageLocale(undefined));
  applyCatalog(messages);
  const state: PageState = {
    session: { state: 'connecting' },
    presence: { availability: 'Unknown', note: '' },
    desired: { availability: null, note: '' },
    watched: new Set(),
    collapsed: new Set(),
    query: '',
    messages,
  };
  // Filled in by createParts before any event can reach a callback.
  const page = { api, state, filter: byId<HTMLInputElement>('filter') } as Page;
  createParts(page);
  return page;
}

/** A language switch: every word on the page is re-rendered, nothing reloads. */
function setLocale(page: Page, locale: Locale): void {
  const { state } = page;
  if (locale === state.messages.locale) return;
  state.messages = translator(locale);
  applyCatalog(state.messages);
  page.me.setMessages(state.messages);
  page.tree.setMessages(state.messages);
  page.feed.setMessages(state.messages);
  page.card.setMessages(state.messages);
  page.management.setMessages(state.messages);
  page.search.refresh();
  page.banner.show(state.session, state.messages);
  renderMe(page);
  page.list.render();
}

function sessionChanged(page: Page, session: SessionState): void {
  const wasOnline = page.state.session.state === 'online';
  page.state.session = session;
  page.banner.show(session, page.state.messages);
  renderMe(page);
  // What the server offers is read per sign-in (another server may offer other things).
  if (session.state === 'online' && !wasOnline) page.management.refresh();
}

function listenToPage(page: Page): void {
  const { filter } = page;
  filter.addEventListener('input', () => setQuery(page, filter.value));
  filter.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && filter.value !== '') {
      filter.value = '';
      setQuery(page, '');
      event.preventDefault();
    } else if (event.key === 'ArrowDown') {
      byId('tree').querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')?.focus();
      event.preventDefault();
    }
  });
  byId('banner-sign-in').addEventListener('click', () => {
    page.api.showSignIn().catch(report(page));
  });
  byId('new-group').addEventListener('click', () => newGroup(page));
}

function listenToMain(page: Page): void {
  const { api, state } = page;
  // Read once per frame: reading the list applies the patches taken in since.
  const cardRefresh = frameTask(() => page.card.refresh(page.sync.contacts().contacts));
  api.onSession((session) => sessionChanged(page, session));
  api.onPresence((presence) => {
    state.presence = presence;
    renderMe(page);
  });
  api.onContactPatches((batch) => {
    page.sync.receive(batch);
    cardRefresh.schedule();
  });
  api.onWatched((watched) => {
    state.watched = new Set(watched);
    page.list.invalidate();
  });
  api.onChange((change) => page.feed.add(change));
  api.onLocale((locale) => {
    if (isLocale(locale)) setLocale(page, locale);
  });
}

function takeSnapshot(page: Page, snapshot: AppSnapshot): void {
  const { state } = page;
  state.presence = snapshot.presence;
  state.desired = snapshot.desired;
  state.watched = new Set(snapshot.watched);
  setLocale(page, pageLocale(snapshot.locale));
  page.feed.reset(snapshot.changes);
  page.sync.take({ seq: snapshot.contactsSeq, contacts: snapshot.contacts });
  sessionChanged(page, snapshot.session);
  page.list.render();
}

function start(api: RendererApi): void {
  const page = createPage(api);
  listenToPage(page);
  listenToMain(page);
  // Marks let the bench (test/renderer/bench-renderer.ts) split start-up into IPC and drawing.
  performance.mark('ucwa:snapshot-requested');
  api
    .getSnapshot()
    .then((snapshot) => {
      performance.mark('ucwa:snapshot-received');
      takeSnapshot(page, snapshot);
      requestAnimationFrame(() => performance.mark('ucwa:list-drawn'));
      document.body.dataset.ready = 'true';
    })
    .catch(report(page));
}

start(window.ucwa);
