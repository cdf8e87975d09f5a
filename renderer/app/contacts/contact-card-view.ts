import type { ContactCardView, RendererApi } from '../../../shared/ipc-contract';
import { AVAILABILITY_KEYS, type MessageKey } from '../../../shared/i18n';
import type { Contact, ContactListErrorReason } from '../../../shared/models';
import { element, setShown } from '../common/dom';
import type { Translator } from '../common/i18n';
import { presenceTone } from '../common/presence-style';
import { createAvatar, setAvatarPhoto } from './avatar';
import type { PhotoSource } from './photo-source';

/** A selection must rest this long before the card is read: arrowing through the list reads none. */
const SETTLE_MS = 150;

/** Why a card could not be read, in the user's words. */
const PROBLEM_KEYS: Readonly<Partial<Record<ContactListErrorReason, MessageKey>>> = {
  notSignedIn: 'card.problemNotSignedIn',
  notFound: 'card.problemNotFound',
};

/** The fields of the card, in the order shown; phones and mail also have an action below. */
const FIELDS: readonly { readonly key: MessageKey; readonly value: (card: ContactCardView) => string | undefined }[] = [
  { key: 'card.title', value: (c) => c.title },
  { key: 'card.department', value: (c) => c.department },
  { key: 'card.company', value: (c) => c.company },
  { key: 'card.office', value: (c) => c.office },
  { key: 'card.email', value: (c) => c.emailAddresses[0] },
  { key: 'card.workPhone', value: (c) => phoneText(c.workPhoneNumber) },
  { key: 'card.mobilePhone', value: (c) => phoneText(c.mobilePhoneNumber) },
  { key: 'card.location', value: (c) => c.location },
];

/** `tel:+14255550101` as people read it. */
export function phoneText(number: string | undefined): string | undefined {
  return number?.replace(/^tel:/i, '');
}

/** The `tel:` link for a number the address book gives (usually a `tel:` URI already). */
export function telLink(number: string): string {
  return /^tel:/i.test(number) ? number : `tel:${number.replace(/[^\d+]/g, '')}`;
}

/** The actions a card offers, as the links main is asked to open (or the text to copy). */
export function cardActions(card: ContactCardView): readonly { readonly key: MessageKey; readonly link?: string; readonly copy?: string }[] {
  const email = card.emailAddresses[0];
  return [
    ...(email !== undefined ? [{ key: 'card.sendEmail' as const, link: `mailto:${email}` }] : []),
    ...(card.workPhoneNumber !== undefined ? [{ key: 'card.callWork' as const, link: telLink(card.workPhoneNumber) }] : []),
    ...(card.mobilePhoneNumber !== undefined ? [{ key: 'card.callMobile' as const, link: telLink(card.mobilePhoneNumber) }] : []),
    // Lync and Skype for Business register im: and open a conversation window for `im:<sip:…>`;
    // offered only when the server says the contact can take a message now.
    ...(card.modalities.includes('Messaging') ? [{ key: 'card.startIm' as const, link: `im:<${card.uri}>` }] : []),
    { key: 'card.copyAddress' as const, copy: card.uri.replace(/^sip:/i, '') },
  ];
}

export interface ContactCardPane {
  /** Shows the card of the selected contact (read from the server once the selection rests). */
  show(contact: Contact): void;
  /** The list changed: keep the card's name and presence live. */
  refresh(contacts: Readonly<Record<string, Contact>>): void;
  setMessages(messages: Translator): void;
}

/** What the pane shows now; `generation` tells a stale answer from the current one. */
interface PaneState {
  messages: Translator;
  contact: Contact | undefined;
  card: ContactCardView | undefined;
  problem: ContactListErrorReason | undefined;
  photo: string | null;
  status: MessageKey | undefined;
  generation: number;
}

type CardApi = Pick<RendererApi, 'contactCard' | 'openContactLink' | 'copyText'>;

/**
 * The contact card beside the list: photo (initials when none), name, presence, note (personal or
 * out of office, marked as such), the directory's fields and actions. Every value is set as text;
 * links are opened by main, which checks them again (the window opens nothing itself).
 */
export function createContactCardPane(host: HTMLElement, before: Element | null, api: CardApi, photos: PhotoSource, initial: Translator): ContactCardPane {
  const state: PaneState = { messages: initial, contact: undefined, card: undefined, problem: undefined, photo: null, status: undefined, generation: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pane = element('aside', 'card-pane');
  pane.id = 'contact-card';
  pane.setAttribute('aria-labelledby', 'card-name');
  pane.hidden = true;
  host.insertBefore(pane, before);

  const render = (): void => renderPane(pane, state, { close, run });
  const close = (): void => {
    state.contact = undefined;
    state.generation += 1;
    render();
  };
  const run = (action: CardAction): void => {
    runAction(api, action).then(
      (said) => say(said),
      () => say('card.openFailed'),
    );
  };
  const say = (message: MessageKey | undefined): void => {
    state.status = message;
    render();
  };

  return {
    show(next) {
      if (state.contact?.uri === next.uri && state.card !== undefined) return;
      state.generation += 1;
      const mine = state.generation;
      Object.assign(state, { contact: next, card: undefined, problem: undefined, status: undefined, photo: photos.peek(next.uri) ?? null });
      render();
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => loadCard(api, photos, state, next.uri, mine, render), SETTLE_MS);
    },
    refresh(contacts) {
      if (state.contact === undefined) return;
      const now = contacts[state.contact.uri];
      if (now === undefined || (now.availability === state.contact.availability && now.name === state.contact.name)) return;
      state.contact = now;
      render();
    },
    setMessages(next) {
      state.messages = next;
      render();
    },
  };
}

type CardAction = ReturnType<typeof cardActions>[number];

/** Opens the link (through main) or copies the text; resolves to what the status line says. */
function runAction(api: CardApi, action: CardAction): Promise<MessageKey | undefined> {
  if (action.link !== undefined) return api.openContactLink(action.link).then((ok) => (ok ? undefined : 'card.openFailed'));
  return api.copyText(action.copy ?? '').then(() => 'card.copied');
}

/** Reads the card, then its photo; answers for a contact no longer shown are dropped. */
function loadCard(api: CardApi, photos: PhotoSource, state: PaneState, uri: string, mine: number, render: () => void): void {
  api.contactCard(uri).then(
    (result) => {
      if (mine !== state.generation) return;
      if (result.ok) state.card = result.card;
      else state.problem = result.problem;
      render();
      if (result.ok && result.card.hasPhoto) {
        photos.forget(uri);
        void photos.get(uri).then((found) => {
          if (mine !== state.generation) return;
          state.photo = found;
          render();
        });
      }
    },
    () => {
      if (mine !== state.generation) return;
      state.problem = 'failed';
      render();
    },
  );
}

/** What the pane's buttons do. */
interface PaneHandlers {
  close(): void;
  run(action: CardAction): void;
}

function renderPane(pane: HTMLElement, state: PaneState, handlers: PaneHandlers): void {
  const { contact, card, messages } = state;
  if (contact === undefined) {
    setShown(pane, false);
    return;
  }
  setShown(pane, true);
  const body: HTMLElement[] =
    card === undefined
      ? [element('p', 'card-loading', state.problem === undefined ? messages.t('card.loading') : messages.t(PROBLEM_KEYS[state.problem] ?? 'card.problemFailed'))]
      : [...noteElements(card, messages), fieldList(card, messages), actionButtons(card, messages, handlers.run)];
  const live = element('p', 'card-status', state.status === undefined ? '' : messages.t(state.status));
  live.setAttribute('role', 'status');
  const focused = pane.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.action : undefined;
  pane.replaceChildren(cardHead(state, contact, handlers.close), ...body, live);
  // Re-rendering must not drop the keyboard user out of the card.
  if (focused !== undefined) pane.querySelector<HTMLElement>(`[data-action="${focused}"]`)?.focus();
}

/** Photo, name, presence and the close button. */
function cardHead(state: PaneState, shown: Contact, close: () => void): HTMLElement {
  const { card, messages } = state;
  const avatar = createAvatar(card?.name ?? shown.name, shown.uri, 'card-avatar');
  setAvatarPhoto(avatar, state.photo);
  const name = element('h2', 'card-name', card?.name ?? shown.name);
  name.id = 'card-name';
  const presence = element('p', 'card-presence');
  presence.append(
    element('span', `dot dot-${presenceTone(shown.availability)}`),
    element('span', 'card-presence-text', messages.t(AVAILABILITY_KEYS[shown.availability])),
  );
  presence.firstElementChild?.setAttribute('aria-hidden', 'true');
  const closeButton = element('button', 'card-close', messages.t('card.close'));
  closeButton.type = 'button';
  closeButton.addEventListener('click', close);
  const head = element('div', 'card-head');
  const who = element('div', 'card-who');
  who.append(name, presence);
  head.append(avatar, who, closeButton);
  return head;
}

/** The note, marked personal or out of office; nothing when the contact has none. */
function noteElements(card: ContactCardView, messages: Translator): HTMLElement[] {
  if (card.note === undefined) return [];
  const outOfOffice = card.note.type === 'outOfOffice';
  const note = element('p', `card-note ${outOfOffice ? 'card-note-ooo' : 'card-note-personal'}`);
  note.append(element('span', 'card-note-kind', messages.t(outOfOffice ? 'card.noteOutOfOffice' : 'card.notePersonal')), element('span', 'card-note-text', card.note.message));
  return [note];
}

function fieldList(card: ContactCardView, messages: Translator): HTMLElement {
  const list = element('dl', 'card-fields');
  for (const field of FIELDS) {
    const value = field.value(card);
    if (value === undefined || value === '') continue;
    list.append(element('dt', undefined, messages.t(field.key)), element('dd', undefined, value));
  }
  return list;
}

function actionButtons(card: ContactCardView, messages: Translator, run: (action: CardAction) => void): HTMLElement {
  const actions = element('div', 'card-actions');
  for (const action of cardActions(card)) {
    const button = element('button', 'card-action', messages.t(action.key));
    button.type = 'button';
    button.dataset.action = action.key.slice('card.'.length);
    button.addEventListener('click', () => run(action));
    actions.appendChild(button);
  }
  return actions;
}
