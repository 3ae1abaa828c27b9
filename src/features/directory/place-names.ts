import type { Locale } from '../../platform/i18n/locale.ts';

const languageNames = new Map<Locale, Intl.DisplayNames>();
const countryNames = new Map<Locale, Intl.DisplayNames>();

/** A language's name in the reader's language, from its two-letter code (the code itself when unknown). */
export function languageName(code: string, locale: Locale): string {
  let names = languageNames.get(locale);
  if (!names) languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryName(code: string, locale: Locale): string {
  let names = countryNames.get(locale);
  if (!names) countryNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
