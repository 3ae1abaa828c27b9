import type { RiskLevel, ServiceCategory } from './directory.model.ts';
import type { StoredService } from './directory.repository.ts';
import { isCurrent, isOpenNow, type ListedProvider } from './listed-provider.ts';

export interface SearchFilters {
  q: string;
  service: ServiceCategory | null;
  language: string | null;
  country: string | null;
  risk: RiskLevel | null;
  open: boolean;
  free: boolean;
  onion: boolean;
  e2e: boolean;
  page: number;
}

/** Why a provider is in the results: each reason names what matched, so people can judge the match. */
export type MatchReason =
  | { kind: 'text'; term: string; field: 'name' | 'description' }
  | { kind: 'text'; term: string; field: 'service'; service: string }
  | { kind: 'service'; services: string[] }
  | { kind: 'language' | 'country'; value: string; via: string | null }
  | { kind: 'risk'; level: RiskLevel }
  | { kind: 'onion'; via: string | null };

export interface SearchHit {
  provider: ListedProvider;
  reasons: MatchReason[];
  /** The services that satisfied the service filters (all current ones when there were none). */
  services: StoredService[];
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  hits: SearchHit[];
  facets: { categories: [string, number][]; languages: [string, number][]; countries: [string, number][] };
}

export const PAGE_SIZE = 10;
const NAME = 0;
const DESCRIPTION = 1;
const FIELD_SLOTS = 4096;
const WEIGHT = [3, 1];
const SERVICE_WEIGHT = 2;

/** Lower case, without accents, split on anything that is not a letter or digit. */
export function terms(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/**
 * An in-memory index of the whole directory: an inverted index of words for
 * free text and a set of providers for each facet value. Built from the
 * database in one pass; replaced whole when the directory changes.
 */
export class SearchIndex {
  readonly #providers: ListedProvider[];
  readonly #byName: number[] = [];
  #words: string[] = [];
  readonly #postings = new Map<string, number[]>();
  readonly #facetSets = new Map<string, Set<number>>();
  readonly #bySlug = new Map<string, ListedProvider>();
  /** Each provider's position in name order, for sorting text matches without a map per search. */
  #rank = new Int32Array(0);
  /** Each provider's facet values (current services only), counted for the facets of a result. */
  readonly #values: { categories: string[]; languages: string[]; countries: string[] }[] = [];

  private constructor(providers: ListedProvider[]) {
    this.#providers = providers;
  }

  /**
   * Builds the index, pausing every few hundred providers so that a server
   * rebuilding a large directory keeps answering other requests meanwhile.
   */
  static async build(providers: ListedProvider[]): Promise<SearchIndex> {
    const index = new SearchIndex(providers);
    for (let i = 0; i < providers.length; i++) {
      index.#add(providers[i]!, i);
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
    index.#finish();
    return index;
  }

  #add(p: ListedProvider, i: number): void {
    this.#bySlug.set(p.slug, p);
    this.#post(p.name, i * FIELD_SLOTS + NAME);
    this.#post(p.profile.description, i * FIELD_SLOTS + DESCRIPTION);
    p.services.slice(0, FIELD_SLOTS - 2).forEach((s, j) => this.#post(`${s.name} ${s.softwareName} ${s.category}`, i * FIELD_SLOTS + 2 + j));
    const current = p.services.filter(isCurrent);
    for (const s of current) {
      this.#facet(`service:${s.category}`, i);
      if (isOpenNow(s)) this.#facet('open', i);
      if (s.freeOfCharge) this.#facet('free', i);
      if (s.endToEndEncryption) this.#facet('e2e', i);
      if (s.onionAddress) this.#facet('onion', i);
      for (const l of s.languages) this.#facet(`language:${l}`, i);
      if (s.hostingCountry) this.#facet(`country:${s.hostingCountry}`, i);
    }
    for (const l of p.profile.languages) this.#facet(`language:${l}`, i);
    for (const c of p.profile.countries) this.#facet(`country:${c}`, i);
    for (const [level, f] of Object.entries(p.profile.fitness)) if (f.fit) this.#facet(`risk:${level}`, i);
    if (p.profile.onionAddress) this.#facet('onion', i);
    this.#values[i] = {
      categories: [...new Set(current.map((s) => s.category))],
      languages: [...new Set([...p.profile.languages, ...current.flatMap((s) => s.languages)])],
      countries: [...new Set([...p.profile.countries, ...current.flatMap((s) => (s.hostingCountry ? [s.hostingCountry] : []))])],
    };
  }

  #finish(): void {
    const providers = this.#providers;
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    this.#byName.push(...providers.map((_, i) => i).sort((a, b) => collator.compare(providers[a]!.name, providers[b]!.name) || providers[a]!.slug.localeCompare(providers[b]!.slug)));
    this.#rank = new Int32Array(providers.length);
    this.#byName.forEach((provider, rank) => (this.#rank[provider] = rank));
    this.#words = [...this.#postings.keys()].sort();
  }

  provider(slug: string): ListedProvider | undefined {
    return this.#bySlug.get(slug);
  }

  get size(): number {
    return this.#providers.length;
  }

  #post(text: string, slot: number): void {
    for (const word of new Set(terms(text))) {
      const list = this.#postings.get(word);
      if (list) list.push(slot);
      else this.#postings.set(word, [slot]);
    }
  }

  #facet(key: string, provider: number): void {
    let set = this.#facetSets.get(key);
    if (!set) this.#facetSets.set(key, (set = new Set()));
    set.add(provider);
  }

  /** Slots of every word starting with the term (a one-letter term must match a whole word). */
  #slotsFor(term: string): Map<number, number[]> {
    const found = new Map<number, number[]>();
    const add = (word: string) => {
      for (const slot of this.#postings.get(word) ?? []) {
        const provider = Math.floor(slot / FIELD_SLOTS);
        const fields = found.get(provider);
        if (fields) fields.push(slot % FIELD_SLOTS);
        else found.set(provider, [slot % FIELD_SLOTS]);
      }
    };
    if (term.length < 2) {
      add(term);
      return found;
    }
    let low = 0;
    let high = this.#words.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#words[mid]! < term) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.#words.length && this.#words[i]!.startsWith(term); i++) add(this.#words[i]!);
    return found;
  }

  search(filters: SearchFilters): SearchResult {
    const queryTerms = [...new Set(terms(filters.q))].slice(0, 10);
    const scores = new Map<number, number>();
    const textReasons = new Map<number, MatchReason[]>();
    let candidates: Iterable<number> = this.#byName;
    if (queryTerms.length > 0) {
      let matched: Set<number> | null = null;
      for (const term of queryTerms) {
        const slots = this.#slotsFor(term);
        const next = new Set<number>();
        for (const [provider, fields] of slots) {
          if (matched && !matched.has(provider)) continue;
          next.add(provider);
          const best = Math.min(...fields);
          scores.set(provider, (scores.get(provider) ?? 0) + (best < 2 ? WEIGHT[best]! : SERVICE_WEIGHT));
          const reasons = textReasons.get(provider) ?? [];
          const p = this.#providers[provider]!;
          reasons.push(best < 2 ? { kind: 'text', term, field: best === NAME ? 'name' : 'description' } : { kind: 'text', term, field: 'service', service: p.services[best - 2]!.name });
          textReasons.set(provider, reasons);
        }
        matched = next;
        if (matched.size === 0) break;
      }
      const rank = this.#rank;
      candidates = [...(matched ?? [])].sort((a, b) => scores.get(b)! - scores.get(a)! || rank[a]! - rank[b]!);
    }
    const sets = this.#requiredSets(filters);
    if (sets === null) return this.#page([], filters.page, [], false);
    // Without filters every candidate matches: the hits of the page alone are built.
    const filtered = sets.length > 0;
    const hits: SearchHit[] = [];
    const matchedIds: number[] = [];
    for (const i of candidates) {
      if (filtered) {
        if (!sets.every((s) => s.has(i))) continue;
        const hit = this.#match(this.#providers[i]!, filters);
        if (!hit) continue;
        hit.reasons.unshift(...(textReasons.get(i) ?? []));
        hits.push(hit);
      }
      matchedIds.push(i);
    }
    if (!filtered) {
      const start = (filters.page - 1) * PAGE_SIZE;
      for (const i of matchedIds.slice(start, start + PAGE_SIZE)) {
        const provider = this.#providers[i]!;
        hits.push({ provider, reasons: [...(textReasons.get(i) ?? [])], services: provider.services.filter(isCurrent) });
      }
      return this.#page(hits, filters.page, matchedIds, true);
    }
    return this.#page(hits, filters.page, matchedIds, false);
  }

  /** The facet sets a provider must be in; null when one is empty (nothing can match). */
  #requiredSets(f: SearchFilters): Set<number>[] | null {
    const keys = [
      f.service && `service:${f.service}`,
      f.language && `language:${f.language}`,
      f.country && `country:${f.country}`,
      f.risk && `risk:${f.risk}`,
      f.open && 'open',
      f.free && 'free',
      f.onion && 'onion',
      f.e2e && 'e2e',
    ].filter((k): k is string => typeof k === 'string');
    const sets = keys.map((k) => this.#facetSets.get(k));
    if (sets.some((s) => !s)) return null;
    return (sets as Set<number>[]).sort((a, b) => a.size - b.size);
  }

  /** The exact test: service filters must hold for one and the same service. */
  #match(p: ListedProvider, f: SearchFilters): SearchHit | null {
    const serviceFilters = f.service !== null || f.open || f.free || f.e2e;
    const qualifying = p.services.filter(
      (s) => isCurrent(s) && (!f.service || s.category === f.service) && (!f.open || isOpenNow(s)) && (!f.free || s.freeOfCharge) && (!f.e2e || s.endToEndEncryption),
    );
    if (serviceFilters && qualifying.length === 0) return null;
    const reasons: MatchReason[] = [];
    if (serviceFilters) reasons.push({ kind: 'service', services: qualifying.map((s) => s.name) });
    if (f.language) {
      if (p.profile.languages.includes(f.language)) reasons.push({ kind: 'language', value: f.language, via: null });
      else {
        const via = qualifying.find((s) => s.languages.includes(f.language!));
        if (!via) return null;
        reasons.push({ kind: 'language', value: f.language, via: via.name });
      }
    }
    if (f.country) {
      if (p.profile.countries.includes(f.country)) reasons.push({ kind: 'country', value: f.country, via: null });
      else {
        const via = qualifying.find((s) => s.hostingCountry === f.country);
        if (!via) return null;
        reasons.push({ kind: 'country', value: f.country, via: via.name });
      }
    }
    if (f.risk) reasons.push({ kind: 'risk', level: f.risk });
    if (f.onion) {
      if (p.profile.onionAddress) reasons.push({ kind: 'onion', via: null });
      else {
        const via = qualifying.find((s) => s.onionAddress);
        if (!via) return null;
        reasons.push({ kind: 'onion', via: via.name });
      }
    }
    return { provider: p, reasons, services: qualifying };
  }

  /** `paged`: the hits given are already those of the page (the ids say how many there are in all). */
  #page(hits: SearchHit[], page: number, ids: number[], paged: boolean): SearchResult {
    const pages = Math.max(1, Math.ceil(ids.length / PAGE_SIZE));
    const categories = new Map<string, number>();
    const languages = new Map<string, number>();
    const countries = new Map<string, number>();
    const count = (values: string[], into: Map<string, number>) => {
      for (const v of values) into.set(v, (into.get(v) ?? 0) + 1);
    };
    for (const i of ids) {
      const v = this.#values[i]!;
      count(v.categories, categories);
      count(v.languages, languages);
      count(v.countries, countries);
    }
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return {
      total: ids.length,
      page,
      pageSize: PAGE_SIZE,
      pages,
      hits: paged ? hits : hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      facets: { categories: sorted(categories), languages: sorted(languages), countries: sorted(countries) },
    };
  }

  /** Every listed provider, by name: open data and federation files. */
  all(): ListedProvider[] {
    return this.#byName.map((i) => this.#providers[i]!);
  }

  /** Open, running services, for "find a service open to me now". */
  openServices(filters: { service: ServiceCategory | null; language: string | null; country: string | null; free: boolean }) {
    const rows: { provider: ListedProvider; service: StoredService }[] = [];
    const set = this.#facetSets.get('open') ?? new Set<number>();
    for (const i of this.#byName) {
      if (!set.has(i)) continue;
      const p = this.#providers[i]!;
      for (const s of p.services) {
        if (!isOpenNow(s)) continue;
        if (filters.service && s.category !== filters.service) continue;
        if (filters.free && !s.freeOfCharge) continue;
        if (filters.language && !s.languages.includes(filters.language) && !p.profile.languages.includes(filters.language)) continue;
        if (filters.country && s.hostingCountry !== filters.country && !(s.hostingCountry === null && p.profile.countries.includes(filters.country))) continue;
        rows.push({ provider: p, service: s });
      }
    }
    return rows;
  }
}
