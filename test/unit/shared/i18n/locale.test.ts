import { describe, expect, it } from 'vitest';
import {
  effectiveLocale,
  fallbackChain,
  isLanguageChoice,
  normalizeTag,
  posixLocalePreferences,
  resolveLocale,
  translator,
} from '../../../../shared/i18n';

describe('locale resolution', () => {
  it('falls back along the language: pt-PT → pt-BR → en, de-AT → de → en, es-MX → es', () => {
    expect(fallbackChain('pt-PT')).toEqual(['pt-BR', 'en']);
    expect(fallbackChain('de-AT')).toEqual(['de', 'en']);
    expect(fallbackChain('es-MX')).toEqual(['es', 'en']);
    expect(fallbackChain('ja-JP')).toEqual(['en']);
    expect(resolveLocale(['pt-PT'])).toBe('pt-BR');
    expect(resolveLocale(['de-AT', 'en-US'])).toBe('de');
    expect(resolveLocale(['fr-CA'])).toBe('fr');
  });

  it('takes the first preference a catalog speaks, else English', () => {
    expect(resolveLocale(['ja-JP', 'es-MX', 'de'])).toBe('es');
    expect(resolveLocale(['ja', 'zh-Hans'])).toBe('en');
    expect(resolveLocale([])).toBe('en');
    expect(resolveLocale(['PT-br'])).toBe('pt-BR');
  });

  it('reads POSIX locale names', () => {
    expect(normalizeTag('pt_BR.UTF-8')).toBe('pt-BR');
    expect(normalizeTag('de_AT@euro')).toBe('de-AT');
    expect(normalizeTag('C.UTF-8')).toBeNull();
    expect(normalizeTag('POSIX')).toBeNull();
    expect(normalizeTag('???')).toBeNull();
    expect(posixLocalePreferences({ LANG: 'pt_BR.UTF-8' })).toEqual(['pt-BR']);
    expect(posixLocalePreferences({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' })).toEqual(['fr-FR']);
    expect(posixLocalePreferences({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8', LC_ALL: 'de_DE.UTF-8' })).toEqual(['de-DE']);
    expect(posixLocalePreferences({ LANG: 'de_DE.UTF-8', LANGUAGE: 'es_MX:fr' })).toEqual(['es-MX', 'fr', 'de-DE']);
    // gettext ignores LANGUAGE under the C locale.
    expect(posixLocalePreferences({ LANG: 'C', LANGUAGE: 'de' })).toEqual([]);
  });

  it('lets the user override the system and go back to it', () => {
    expect(effectiveLocale('system', ['de-CH'])).toBe('de');
    expect(effectiveLocale('fr', ['de-CH'])).toBe('fr');
    expect(isLanguageChoice('system')).toBe(true);
    expect(isLanguageChoice('pt-BR')).toBe(true);
    expect(isLanguageChoice('pt-PT')).toBe(false);
    expect(isLanguageChoice('__proto__')).toBe(false);
  });
});

describe('translator', () => {
  it('interpolates and picks plural forms with Intl.PluralRules', () => {
    const groups = (locale: 'en' | 'fr' | 'pt-BR', count: number) => translator(locale).t('contacts.groups', { count });
    expect([groups('en', 0), groups('en', 1), groups('en', 2)]).toEqual(['0 groups', '1 group', '2 groups']);
    // French counts 0 and 1 as singular, and has a "many" form for millions.
    expect([groups('fr', 0), groups('fr', 1), groups('fr', 2), groups('fr', 1_000_000)]).toEqual([
      '0 groupe',
      '1 groupe',
      '2 groupes',
      '1000000 de groupes',
    ]);
    expect(translator('pt-BR').t('notifications.watchedTitle', { name: 'Ana <b>' })).toBe('Ana <b> está disponível');
  });

  it('says the status words as the Skype for Business client does', () => {
    const words = (locale: 'de' | 'fr' | 'pt-BR' | 'es') =>
      (['Online', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offwork', 'Offline'] as const).map((a) => translator(locale).t(`availability.${a}`));
    expect(words('de')).toEqual(['Verfügbar', 'Beschäftigt', 'Nicht stören', 'Bin gleich zurück', 'Abwesend', 'Nicht am Arbeitsplatz', 'Offline']);
    expect(words('fr')).toEqual(['Disponible', 'Occupé', 'Ne pas déranger', 'De retour dans quelques minutes', 'Absent', 'Absent du bureau', 'Hors ligne']);
    expect(words('pt-BR')).toEqual(['Disponível', 'Ocupado', 'Não Incomodar', 'Volto Logo', 'Ausente', 'Fora do Trabalho', 'Offline']);
    expect(words('es')).toEqual(['Disponible', 'Ocupado', 'No molestar', 'Vuelvo enseguida', 'Ausente', 'Fuera del trabajo', 'Desconectado']);
  });
});
