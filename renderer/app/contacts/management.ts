import type { ContactListChange, ContactListOutcome, RendererApi } from '../../../shared/ipc-contract';
import { CONTACT_LIST_ERROR_KEYS } from '../../../shared/i18n';
import type { ContactCapabilities } from '../../../shared/models';
import { setShown } from '../common/dom';
import type { Translator } from '../common/i18n';

/** What the server lets the user change, and the one way to ask for a change. */
export interface Management {
  /** The server links the contact-list management resources. */
  canChange(): boolean;
  canSearch(): boolean;
  /** The capabilities have been read (until then nothing is offered, and nothing is explained). */
  known(): boolean;
  /** Re-reads what the server offers (after signing in). */
  refresh(): void;
  /** Sends a change; a refusal is shown in the user's words. True when the server took it. */
  send(change: ContactListChange): Promise<boolean>;
  /** Shows why a directory request was refused; true when `outcome` was a success. */
  report<T>(outcome: ContactListOutcome<T>): outcome is { ok: true; value: T };
  setMessages(messages: Translator): void;
}

export interface ManagementElements {
  /** Says why changes are not offered (read-only server). */
  readonly notice: HTMLElement;
  /** Shows a refused request, in the user's words (an alert). */
  readonly problem: HTMLElement;
}

const NOTHING: ContactCapabilities = {
  search: { available: false, reason: '' },
  contactListManagement: { available: false, reason: '' },
};

/**
 * Owns the contact-list capabilities of the window. Nothing is changed locally: a change the server
 * accepts comes back through the contact list's patches, like a change made anywhere else.
 */
export function createManagement(api: RendererApi, elements: ManagementElements, initial: Translator, onCapabilities: () => void): Management {
  let messages = initial;
  let capabilities = NOTHING;
  let known = false;
  let problem: { reason: keyof typeof CONTACT_LIST_ERROR_KEYS; message: string } | null = null;
  const draw = (): void => {
    elements.notice.textContent = messages.t('manage.readOnly');
    setShown(elements.notice, known && !capabilities.contactListManagement.available);
    elements.problem.textContent = problem === null ? '' : messages.t(CONTACT_LIST_ERROR_KEYS[problem.reason]);
    // The engine's English words stay at hand for support, as a tooltip.
    elements.problem.title = problem?.message ?? '';
    setShown(elements.problem, problem !== null);
  };
  const management: Management = {
    canChange: () => capabilities.contactListManagement.available,
    canSearch: () => capabilities.search.available,
    known: () => known,
    refresh() {
      api
        .contactCapabilities()
        .then((found) => {
          capabilities = found;
          known = true;
          draw();
          onCapabilities();
        })
        .catch(() => undefined);
    },
    report<T>(outcome: ContactListOutcome<T>): outcome is { ok: true; value: T } {
      problem = outcome.ok ? null : { reason: outcome.reason, message: outcome.message };
      draw();
      return outcome.ok;
    },
    async send(change) {
      const outcome = await api.changeContactList(change).catch((): ContactListOutcome<null> => ({ ok: false, reason: 'failed', message: '' }));
      return management.report(outcome);
    },
    setMessages(next) {
      messages = next;
      draw();
    },
  };
  return management;
}
