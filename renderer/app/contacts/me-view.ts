import { SETTABLE_AVAILABILITIES, isSettableAvailability } from '../../../shared/availability';
import { AVAILABILITY_KEYS } from '../../../shared/i18n';
import type { SettableAvailability } from '../../../shared/availability';
import type { DesiredPresence, MyPresence } from '../../../shared/models';
import { byId, element } from '../common/dom';
import type { Translator } from '../common/i18n';
import { presenceTone } from '../common/presence-style';

/** Value of the select's "Automatic" option (= reset to server-derived presence). */
const AUTOMATIC = '';

export interface MeViewCallbacks {
  setAvailability(availability: SettableAvailability): void;
  reset(): void;
  setNote(note: string): void;
}

export interface MeView {
  /** `signedIn` false greys the controls (like the tray) and shows "Signed out" instead of a stale status. */
  render(presence: MyPresence, desired: DesiredPresence, signedIn: boolean): void;
  /** Re-words the select's options; the next render re-words the status. */
  setMessages(messages: Translator): void;
}

/** The "my status" header: current presence and note, a status select, reset, and a note field. */
export function createMeView(callbacks: MeViewCallbacks, initial: Translator): MeView {
  let messages = initial;
  const dot = byId('me-dot');
  const availability = byId('me-availability');
  const note = byId('me-note');
  const select = byId<HTMLSelectElement>('me-select');
  const reset = byId<HTMLButtonElement>('me-reset');
  const form = byId<HTMLFormElement>('me-form');
  const noteInput = byId<HTMLInputElement>('me-note-input');

  const fillOptions = (): void => {
    const automatic = element('option', undefined, messages.t('contacts.automatic'));
    automatic.value = AUTOMATIC;
    const options = SETTABLE_AVAILABILITIES.map((value) => {
      const option = element('option', undefined, messages.t(AVAILABILITY_KEYS[value]));
      option.value = value;
      return option;
    });
    const selected = select.value;
    select.replaceChildren(automatic, ...options);
    select.value = selected;
  };
  fillOptions();

  select.addEventListener('change', () => {
    if (select.value === AUTOMATIC) callbacks.reset();
    else if (isSettableAvailability(select.value)) callbacks.setAvailability(select.value);
  });
  reset.addEventListener('click', () => callbacks.reset());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    callbacks.setNote(noteInput.value.trim());
  });

  let lastNote: string | null = null;
  return {
    render(presence, desired, signedIn) {
      dot.className = `dot dot-${signedIn ? presenceTone(presence.availability) : 'offline'}`;
      const words = messages.t(AVAILABILITY_KEYS[presence.availability]);
      availability.textContent = !signedIn
        ? messages.t('contacts.signedOut')
        : desired.availability === null
          ? messages.t('contacts.withAutomatic', { availability: words })
          : words;
      note.textContent = signedIn ? presence.note : '';
      select.value = desired.availability ?? AUTOMATIC;
      select.disabled = !signedIn;
      noteInput.disabled = !signedIn;
      byId<HTMLButtonElement>('me-note-save').disabled = !signedIn;
      reset.disabled = !signedIn || desired.availability === null;
      // Don't overwrite what the user is typing; refresh the field only when the note really changed.
      if (presence.note !== lastNote && document.activeElement !== noteInput) noteInput.value = presence.note;
      lastNote = presence.note;
    },
    setMessages(next) {
      messages = next;
      fillOptions();
    },
  };
}
