import type { SearchQueryInput } from './directory.schemas.ts';
import type { SearchFilters } from './search-index.ts';

/** The search as the query string states it, empty choices meaning "any". */
export function filtersFrom(query: SearchQueryInput): SearchFilters {
  return {
    q: (query.q ?? '').trim(),
    service: query.service || null,
    language: query.language || null,
    country: query.country || null,
    risk: query.risk || null,
    open: query.open ?? false,
    free: query.free ?? false,
    onion: query.onion ?? false,
    e2e: query.e2e ?? false,
    page: query.page ?? 1,
  };
}

/** The address of a search, naming only what is set, so links stay short and shareable. */
export function searchHref(filters: SearchFilters, base = '/directory'): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const key of ['service', 'language', 'country', 'risk'] as const) if (filters[key]) params.set(key, filters[key]!);
  for (const key of ['open', 'free', 'onion', 'e2e'] as const) if (filters[key]) params.set(key, 'true');
  if (filters.page > 1) params.set('page', String(filters.page));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
