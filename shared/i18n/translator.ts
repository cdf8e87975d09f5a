import i18next, { type i18n, type TFunction } from 'i18next';
import type { MessageKey, MessageValues } from './catalog';
import { CATALOGS } from './locales/index';
import { DEFAULT_LOCALE, fallbackChain, type Locale } from './locale';

/** Messages in one locale. Plurals (`count`) and `{{interpolation}}` are i18next's. */
export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, values?: MessageValues): string;
}

let shared: i18n | undefined;

/**
 * One i18next instance with every catalog inline: initialised synchronously (no backend, nothing to
 * fetch), so it works the same in main, headless Node and the sandboxed renderer bundle.
 */
function instance(): i18n {
  if (shared) return shared;
  const created = i18next.createInstance();
  void created.init({
    resources: Object.fromEntries(Object.entries(CATALOGS).map(([locale, catalog]) => [locale, { translation: catalog }])),
    lng: DEFAULT_LOCALE,
    fallbackLng: (code: string) => fallbackChain(code),
    initAsync: false,
    // Text goes into menus, notifications, the terminal and `textContent`: never HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  shared = created;
  return created;
}

const translators = new Map<Locale, Translator>();

/** The translator for a locale (cached: one per language). */
export function translator(locale: Locale): Translator {
  const cached = translators.get(locale);
  if (cached) return cached;
  const fixed: TFunction = instance().getFixedT(locale);
  const made: Translator = {
    locale,
    t: (key, values) => String(fixed(key, values ?? {})),
  };
  translators.set(locale, made);
  return made;
}

/** English: the default where a caller has no locale (tests, engine-side fallbacks). */
export function englishTranslator(): Translator {
  return translator(DEFAULT_LOCALE);
}
