import { element } from '../common/dom';

/** What the editor says and does. */
export interface InlineEditorOptions {
  /** The accessible name of the text field. */
  readonly label: string;
  readonly value: string;
  /** Enter with a non-blank value. */
  commit(value: string): void;
  /** Escape (`focusBack`: give focus back), or focus leaving the field for elsewhere (leave it there). */
  cancel(focusBack: boolean): void;
}

/**
 * A one-line text field laid over `host` at `top` px (over a tree row for a rename, or in a toolbar
 * for a new group). Its keys stay in the field, so the tree's own keyboard does not see them.
 */
export function openInlineEditor(host: HTMLElement, top: number | null, options: InlineEditorOptions): HTMLInputElement {
  const input = element('input', top === null ? 'inline-editor' : 'inline-editor inline-editor-row');
  input.type = 'text';
  input.value = options.value;
  input.maxLength = 256;
  input.setAttribute('aria-label', options.label);
  input.autocomplete = 'off';
  input.spellcheck = false;
  if (top !== null) input.style.transform = `translateY(${top}px)`;
  let done = false;
  const finish = (then: () => void): void => {
    if (done) return;
    done = true;
    input.remove();
    then();
  };
  input.addEventListener('keydown', (event) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      finish(() => options.cancel(true));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const value = input.value.trim();
      if (value === '') finish(() => options.cancel(true));
      else finish(() => options.commit(value));
    }
  });
  input.addEventListener('click', (event) => event.stopPropagation());
  input.addEventListener('blur', () => finish(() => options.cancel(false)));
  host.append(input);
  input.focus();
  input.select();
  return input;
}
