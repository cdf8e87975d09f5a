import { resolveLocale, translator, type Locale, type MessageKey, type Translator } from '../../../shared/i18n';

/**
 * The page's words. Static text lives in the HTML as keys (`data-i18n`, `data-i18n-placeholder`,
 * `data-i18n-title`, `data-i18n-aria-label`), filled from the catalog here, so a language switch
 * pushed by main re-renders the page without a reload.
 */

/** The locale main sent, else what the page's browser prefers (Electron sets it from the OS). */
export function pageLocale(fromMain: Locale | undefined): Locale {
  return fromMain ?? resolveLocale(navigator.languages);
}

const ATTRIBUTES = [
  ['data-i18n-placeholder', 'placeholder'],
  ['data-i18n-title', 'title'],
  ['data-i18n-aria-label', 'aria-label'],
] as const;

/** Fills every keyed element and attribute of the document, and sets `<html lang>`. */
export function applyCatalog(messages: Translator, root: Document = document): void {
  root.documentElement.lang = messages.locale;
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = messages.t(node.dataset['i18n'] as MessageKey);
  }
  for (const [data, attribute] of ATTRIBUTES) {
    for (const node of root.querySelectorAll<HTMLElement>(`[${data}]`)) {
      node.setAttribute(attribute, messages.t(node.getAttribute(data) as MessageKey));
    }
  }
}

export { translator, type Translator };
