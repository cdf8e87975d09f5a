import type en from './locales/en';

/** A message catalog: nested objects whose leaves are message strings (i18next's JSON v4 shape). */
export interface Catalog {
  readonly [key: string]: string | Catalog;
}

/** CLDR plural categories i18next appends to a key (`contacts.total_one`). */
export const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

type WithoutPlural<K extends string> = K extends `${infer Base}_${(typeof PLURAL_SUFFIXES)[number]}` ? Base : K;

/** Every message key, from the English catalog; plural forms count as their base key. */
export type MessageKey = WithoutPlural<Leaves<typeof en>>;

/** Values interpolated into `{{name}}` placeholders; `count` also picks the plural form. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** Flattens a catalog to dotted keys → messages (plural forms keep their suffix). */
export function flattenCatalog(catalog: Catalog, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') out[`${prefix}${key}`] = value;
    else Object.assign(out, flattenCatalog(value, `${prefix}${key}.`));
  }
  return out;
}
