import { RISK_LEVELS, SERVICE_CATEGORIES } from '../src/features/directory/directory.model.ts';
import type { SearchFilters } from '../src/features/directory/search-index.ts';
import { ABSENT_WORDS, AUDIENCES, CATEGORY_NOUNS, CITIES, COMMITMENTS, COUNTRIES, LANGUAGES, NAME_WORDS, SOFTWARE } from './directory-vocabulary.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * Distinct searches as people make them: browsing, a word or the start of
 * one, one facet, several together, a word that matches nothing, and now and
 * then the second or third page.
 */
export function searchMix(count: number, seed: number): SearchFilters[] {
  const random = new SeededRandom(seed);
  const words = [
    ...NAME_WORDS,
    ...Object.values(SOFTWARE).flat(),
    ...Object.values(CITIES).flat(),
    ...AUDIENCES,
    ...Object.values(CATEGORY_NOUNS).flat(),
    ...COMMITMENTS.flatMap((c) => c.split(' ').filter((w) => w.length > 6)),
  ].map((w) => w.toLowerCase());
  const word = () => random.pick(words).split(/[^\p{L}\p{N}]+/u)[0]!;
  const prefix = () => {
    const w = word();
    return w.slice(0, Math.min(w.length, random.int(3, 5)));
  };
  const empty = (): SearchFilters => ({ q: '', service: null, language: null, country: null, risk: null, open: false, free: false, onion: false, e2e: false, page: 1 });
  const facet = (filters: SearchFilters): void => {
    const which = random.int(0, 7);
    if (which === 0) filters.service = random.pick(SERVICE_CATEGORIES);
    else if (which === 1) filters.language = random.pickSkewed(LANGUAGES, 0.8);
    else if (which === 2) filters.country = random.pickSkewed(COUNTRIES, 0.6);
    else if (which === 3) filters.risk = random.pick(RISK_LEVELS);
    else if (which === 4) filters.open = true;
    else if (which === 5) filters.free = true;
    else if (which === 6) filters.onion = true;
    else filters.e2e = true;
  };

  const kinds: [number, (f: SearchFilters) => void][] = [
    [4, () => {}],
    [22, (f) => (f.q = word())],
    [10, (f) => (f.q = prefix())],
    [8, (f) => (f.q = `${word()} ${word()}`)],
    [22, (f) => facet(f)],
    [14, (f) => Array.from({ length: random.int(2, 4) }, () => facet(f))],
    [16, (f) => ((f.q = random.chance(0.5) ? word() : prefix()), facet(f))],
    [4, (f) => (f.q = random.pick(ABSENT_WORDS))],
  ];
  const weight = kinds.reduce((sum, [w]) => sum + w, 0);
  const searches = new Map<string, SearchFilters>();
  while (searches.size < count) {
    const filters = empty();
    let roll = random.next() * weight;
    for (const [w, make] of kinds) {
      roll -= w;
      if (roll > 0) continue;
      make(filters);
      break;
    }
    if (random.chance(0.2)) filters.page = random.int(2, 3);
    searches.set(JSON.stringify(filters), filters);
  }
  return [...searches.values()];
}

/** A short label for tables: what the search asks. */
export function describeSearch(filters: SearchFilters): string {
  const parts: string[] = [];
  if (filters.q) parts.push(`q="${filters.q}"`);
  for (const key of ['service', 'language', 'country', 'risk'] as const) if (filters[key]) parts.push(`${key}=${filters[key]}`);
  for (const key of ['open', 'free', 'onion', 'e2e'] as const) if (filters[key]) parts.push(key);
  if (filters.page > 1) parts.push(`page ${filters.page}`);
  return parts.join(' ') || '(everything)';
}
