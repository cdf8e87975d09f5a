import { CATALOGS } from './locales/index';

/** A language the app has a catalog for (a file in shared/i18n/locales/). */
export type Locale = keyof typeof CATALOGS;

/** The language every chain ends in: the source catalog. */
export const DEFAULT_LOCALE: Locale = 'en';

/** Every supported locale, from the catalog files (sorted by tag). */
export const SUPPORTED_LOCALES: readonly Locale[] = (Object.keys(CATALOGS) as Locale[]).sort();

/** What the user chose: follow the operating system, or one language. */
export type LanguageChoice = 'system' | Locale;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return value === 'system' || isLocale(value);
}

/**
 * A BCP 47 tag from what an OS reports: `pt_BR.UTF-8`, `de_AT@euro`, `en-US`, `fr`. Null for the
 * POSIX "no language" locales (`C`, `POSIX`) and anything that is not a language tag.
 */
export function normalizeTag(raw: string): string | null {
  const bare = raw.trim().split(/[.@]/)[0]!.replace(/_/g, '-');
  if (bare === '' || bare === 'C' || bare === 'POSIX') return null;
  try {
    return Intl.getCanonicalLocales(bare)[0] ?? null;
  } catch {
    return null;
  }
}

function language(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/**
 * The supported locale for one tag: the same tag, else the plain language (`de-AT` → `de`), else
 * another region of that language (`pt-PT` → `pt-BR`); null when none speaks it.
 */
export function matchLocale(tag: string): Locale | null {
  const normal = normalizeTag(tag);
  if (normal === null) return null;
  const exact = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === normal.toLowerCase());
  if (exact) return exact;
  const lang = language(normal);
  return SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === lang) ?? SUPPORTED_LOCALES.find((locale) => language(locale) === lang) ?? null;
}

/** The first preference (most wanted first) that a catalog speaks, else English. */
export function resolveLocale(preferences: readonly string[]): Locale {
  for (const preference of preferences) {
    const match = matchLocale(preference);
    if (match !== null) return match;
  }
  return DEFAULT_LOCALE;
}

/** The chain messages are looked up in for a tag: `pt-PT` → [pt-BR, en], `de-AT` → [de, en]. */
export function fallbackChain(tag: string): Locale[] {
  const match = matchLocale(tag);
  return match === null || match === DEFAULT_LOCALE ? [DEFAULT_LOCALE] : [match, DEFAULT_LOCALE];
}

/** The locale in force: the user's choice, or the OS preferences when they chose "system". */
export function effectiveLocale(choice: LanguageChoice, systemPreferences: readonly string[]): Locale {
  return choice === 'system' ? resolveLocale(systemPreferences) : choice;
}

/**
 * The preference list of a POSIX environment (headless): GNU `LANGUAGE` (a colon list, ignored
 * when the locale is C/POSIX, as gettext does), then `LC_ALL` > `LC_MESSAGES` > `LANG`.
 */
export function posixLocalePreferences(env: Readonly<Record<string, string | undefined>>): string[] {
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  const primary = normalizeTag(locale);
  if (primary === null) return [];
  const listed = (env['LANGUAGE'] ?? '').split(':').flatMap((entry) => normalizeTag(entry) ?? []);
  return [...listed, primary];
}
