import Negotiator from 'negotiator';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function localeFromAcceptLanguage(header: string | undefined): Locale {
  const chosen = new Negotiator({ headers: { 'accept-language': header ?? '' } }).language([...LOCALES]);
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}

/** Text in every locale Haven speaks. The type makes a missing translation a compile error. */
export type Translations<T> = Record<Locale, T>;

export function defineMessages<T>(messages: { en: T; fr: NoInfer<T> }): Translations<T> {
  return messages;
}

/** One sentence in every locale, picked out of a feature's catalogue. */
export type LocalizedText = Record<Locale, string>;

export function localized<T>(catalogue: Translations<T>, pick: (m: T) => string): LocalizedText {
  return { en: pick(catalogue.en), fr: pick(catalogue.fr) };
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function formatDateTime(iso: string, locale: Locale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return `${format.format(new Date(iso))} UTC`;
}

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}
