import type { Locale } from '../../platform/i18n/locale.ts';

const languageNames = new Map<Locale, Intl.DisplayNames>();
const countryNames = new Map<Locale, Intl.DisplayNames>();
/** Names already looked up: every search page lists dozens of them. */
const named = new Map<string, string>();

/** A language's name in the reader's language, from its two-letter code (the code itself when unknown). */
export function languageName(code: string, locale: Locale): string {
  const key = `l:${locale}:${code}`;
  const known = named.get(key);
  if (known) return known;
  const name = lookUpLanguage(code, locale);
  if (named.size < 10_000) named.set(key, name);
  return name;
}

function lookUpLanguage(code: string, locale: Locale): string {
  let names = languageNames.get(locale);
  if (!names) languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryName(code: string, locale: Locale): string {
  const key = `c:${locale}:${code}`;
  const known = named.get(key);
  if (known) return known;
  const name = lookUpCountry(code, locale);
  if (named.size < 10_000) named.set(key, name);
  return name;
}

function lookUpCountry(code: string, locale: Locale): string {
  let names = countryNames.get(locale);
  if (!names) countryNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
