/**
 * The app's languages: locale resolution, the i18next-backed translator, Intl formatting and the
 * value → key tables. No Electron or Node imports: main, headless and the renderer all use it.
 */
export { describeChange } from './describe-change';
export { flattenCatalog, type Catalog, type MessageKey, type MessageValues } from './catalog';
export {
  formatClock,
  formatClockSeconds,
  formatDurationLong,
  formatMinutesShort,
  formatSecondsShort,
  formatWeekday,
} from './format';
export {
  DEFAULT_LOCALE,
  SUPPORTED_LOCALES,
  effectiveLocale,
  fallbackChain,
  isLanguageChoice,
  isLocale,
  matchLocale,
  normalizeTag,
  posixLocalePreferences,
  resolveLocale,
  type LanguageChoice,
  type Locale,
} from './locale';
export { AVAILABILITY_KEYS, CONTACT_LIST_ERROR_KEYS, ERROR_KEYS, SIGN_IN_PROBLEM_KEYS } from './message-keys';
export { englishTranslator, translator, type Translator } from './translator';
