import type { SettableAvailability } from '../../../shared/availability';
import { applyContactPatches } from '../../../shared/contact-patches';
import type { AppSnapshot, ContactPatch, ContactPatchBatch, ContactSnapshot, RendererApi } from '../../../shared/ipc-contract';
import { EMPTY_CONTACT_LIST, type ContactList, type DesiredPresence, type MyPresence, type SessionState } from '../../../shared/models';
import { isContactPatchBatch, isLocale } from '../../../shared/guards';
import type { Locale } from '../../../shared/i18n';
import { byId, setShown } from '../common/dom';
import { applyCatalog, pageLocale, translator, type Translator } from '../common/i18n';
import { parseFilter } from './contact-filter';
import { createFeedView } from './feed-view';
import { createMeView } from './me-view';
import { syncStep } from './contact-sync';
import { buildRowModel, patchRowModel, type RowModel } from './row-model';
import { sessionBanner } from './session-banner';
import { createTreeView } from './tree-view';
import { visibleContactsReporter } from './visible-contacts';

interface ViewState {
  session: SessionState;
  presence: MyPresence;
  desired: DesiredPresence;
  contacts: ContactList;
  /** The last patch batch `contacts` includes; null until a snapshot arrived (batches wait meanwhile). */
  contactsSeq: number | null;
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
    contactsSeq: null,
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
      invalidateList();
    },
    toggleWatch(uri, watch) {
      if (watch) state.watched.add(uri);
      else state.watched.delete(uri);
      invalidateList();
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
    shown: visibleContactsReporter((uris) => api.setVisibleContacts(uris)),
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

  // The row model drawn last, and the presence-only patches since (null model: rebuild it).
  let model: RowModel | null = null;
  let patchedFrom: ContactList | null = null;
  let pending: ContactPatch[] = [];
  let listFrame = 0;
  function invalidateList(): void {
    model = null;
    renderList();
  }
  function renderList(): void {
    if (listFrame !== 0) return;
    listFrame = requestAnimationFrame(() => {
      listFrame = 0;
      const parsed = parseFilter(state.query);
      const options = { filter: parsed, collapsed: state.collapsed, watched: state.watched };
      if (model === null) model = buildRowModel(state.contacts, options);
      else if (patchedFrom !== null) model = patchRowModel(model, patchedFrom, state.contacts, pending, options);
      patchedFrom = null;
      pending = [];
      tree.setModel(model);
      filterCount.textContent = countText(model, parsed.terms.length > 0, messages);
      setShown(listEmpty, model.rows.length === 0 && parsed.terms.length === 0);
    });
  }
  function applyBatch(batch: ContactPatchBatch): void {
    patchedFrom ??= state.contacts;
    state.contacts = applyContactPatches(state.contacts, batch.patches);
    state.contactsSeq = batch.seq;
    pending.push(...batch.patches);
    renderList();
  }
  // Batches that came while no snapshot was in force; replayed once one is.
  let waiting: ContactPatchBatch[] = [];
  function takeContacts(snapshot: ContactSnapshot): void {
    state.contacts = snapshot.contacts;
    state.contactsSeq = snapshot.seq;
    const queued = waiting;
    waiting = [];
    model = null;
    for (const batch of queued) receiveBatch(batch);
    invalidateList();
  }
  function resync(): void {
    state.contactsSeq = null;
    api.contactsSnapshot().then(takeContacts).catch(report);
  }
  function receiveBatch(batch: unknown): void {
    if (!isContactPatchBatch(batch)) {
      // A batch we cannot read is a batch missed.
      if (state.contactsSeq !== null) resync();
      return;
    }
    if (state.contactsSeq === null) {
      waiting.push(batch);
      return;
    }
    const step = syncStep(state.contactsSeq, batch);
    if (step === 'apply') applyBatch(batch);
    else if (step === 'resync') {
      waiting.push(batch);
      resync();
    }
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
    invalidateList();
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
  api.onContactPatches(receiveBatch);
  api.onWatched((watched) => {
    state.watched = new Set(watched);
    invalidateList();
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
      state.watched = new Set(snapshot.watched);
      setLocale(pageLocale(snapshot.locale));
      feed.reset(snapshot.changes);
      takeContacts({ seq: snapshot.contactsSeq, contacts: snapshot.contacts });
      renderBanner();
      renderMe();
      renderList();
      requestAnimationFrame(() => performance.mark('ucwa:list-drawn'));
      document.body.dataset.ready = 'true';
    })
    .catch(report);
}

start(window.ucwa);
