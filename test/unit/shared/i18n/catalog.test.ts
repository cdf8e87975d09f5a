import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLURAL_SUFFIXES, flattenCatalog, type Catalog } from '../../../../shared/i18n/catalog';
import { CATALOGS } from '../../../../shared/i18n/locales/index';
// @ts-expect-error -- plain .mjs build script without type declarations
import { localeIndexSource } from '../../../../scripts/generate-locale-index.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const LOCALES = join(ROOT, 'shared/i18n/locales');
const PLURAL = new RegExp(`_(${PLURAL_SUFFIXES.join('|')})$`);

/** Base key → { plural forms present → message }; a plain key has the single form ''. */
function grouped(catalog: Catalog): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, message] of Object.entries(flattenCatalog(catalog))) {
    const match = PLURAL.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    const forms = out.get(base) ?? new Map<string, string>();
    forms.set(match?.[1] ?? '', message);
    out.set(base, forms);
  }
  return out;
}

function variables(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

const english = grouped(CATALOGS.en);
const others = Object.entries(CATALOGS).filter(([locale]) => locale !== 'en') as [string, Catalog][];

describe('message catalogs', () => {
  it('has the five languages, one file each, and an index generated from the files', async () => {
    const files = await readdir(LOCALES);
    expect(Object.keys(CATALOGS).sort()).toEqual(['de', 'en', 'es', 'fr', 'pt-BR']);
    // A new catalog file that the index does not list yet: `npm run build` regenerates it.
    expect(await readFile(join(LOCALES, 'index.ts'), 'utf8')).toBe((localeIndexSource as (files: string[]) => string)(files));
  });

  it.each(others)('%s has exactly the English keys, with the plural forms its language needs', (locale, catalog) => {
    const keys = grouped(catalog);
    expect([...keys.keys()].sort()).toEqual([...english.keys()].sort());
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    for (const [base, forms] of english) {
      const theirs = [...keys.get(base)!.keys()].sort();
      if (forms.has('')) expect(theirs, base).toEqual(['']);
      else expect(theirs, base).toEqual(categories);
    }
  });

  it('English has the plural forms English needs', () => {
    for (const [base, forms] of english) {
      if (!forms.has('')) expect([...forms.keys()].sort(), base).toEqual(['one', 'other']);
    }
  });

  it.each(Object.entries(CATALOGS) as [string, Catalog][])('%s has no empty message and the same {{variables}} as English', (_locale, catalog) => {
    for (const [base, forms] of grouped(catalog)) {
      const expected = variables(english.get(base)!.get('') ?? english.get(base)!.get('other')!);
      for (const [form, message] of forms) {
        expect(message.trim(), `${base}_${form}`).not.toBe('');
        // Plural forms may leave {{count}} out ("one group"), nothing else.
        const theirs = variables(message);
        const wanted = form === '' || form === 'other' ? expected : expected.filter((name) => name !== 'count' || theirs.includes('count'));
        expect(theirs, `${base}${form ? `_${form}` : ''}`).toEqual(wanted);
      }
    }
  });

  it('has no unused key, and every key the HTML names exists', async () => {
    const sources: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (/\.(ts|html)$/.test(entry.name) && !relative(ROOT, path).startsWith('shared/i18n/locales')) sources.push(path);
      }
    };
    for (const dir of ['main', 'renderer', 'shared']) await walk(join(ROOT, dir));
    const text = (await Promise.all(sources.map((path) => readFile(path, 'utf8')))).join('\n');
    const literals = new Set([...text.matchAll(/['"`]([a-zA-Z]+\.[a-zA-Z.]+)['"`]/g)].map((m) => m[1]!));
    const unused = [...english.keys()].filter((key) => !literals.has(key));
    expect(unused).toEqual([]);
    const html = sources.filter((path) => path.endsWith('.html'));
    const named = (await Promise.all(html.map((path) => readFile(path, 'utf8'))))
      .flatMap((page) => [...page.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)].map((m) => m[1]!));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((key) => !english.has(key))).toEqual([]);
  });
});
