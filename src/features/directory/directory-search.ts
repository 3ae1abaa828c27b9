import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { directoryRevision } from './directory.repository.ts';
import { loadListedProviders } from './listed-provider.ts';
import { SearchIndex, type SearchFilters, type SearchResult } from './search-index.ts';

/** How long an instance trusts its index before asking the database whether another instance changed the directory. */
const FRESHNESS_MS = 1000;
const CACHED_RESULTS = 1000;

/**
 * The directory search of one instance: an index rebuilt whenever the
 * directory's revision moves (at once for changes made here, within a
 * second for changes made by another instance), and the answers to recent
 * searches kept until then.
 */
export class DirectorySearch {
  #index: SearchIndex | null = null;
  #revision = -1;
  #checkedAt = 0;
  #stale = true;
  #building: Promise<SearchIndex> | null = null;
  readonly #results = new Map<string, SearchResult>();

  constructor(private readonly db: Kysely<Database>) {}

  /** A change made through this instance: the next search rebuilds. */
  invalidate(): void {
    this.#stale = true;
  }

  async index(): Promise<SearchIndex> {
    const now = performance.now();
    if (this.#index && !this.#stale && now - this.#checkedAt < FRESHNESS_MS) return this.#index;
    this.#building ??= this.#refresh().finally(() => (this.#building = null));
    return this.#building;
  }

  async #refresh(): Promise<SearchIndex> {
    this.#stale = false;
    const revision = await directoryRevision(this.db);
    this.#checkedAt = performance.now();
    if (this.#index && revision === this.#revision) return this.#index;
    const index = new SearchIndex(await loadListedProviders(this.db));
    // A change committed while loading leaves the revision read above behind, so the next check rebuilds again.
    this.#index = index;
    this.#revision = revision;
    this.#results.clear();
    return index;
  }

  async search(filters: SearchFilters): Promise<SearchResult> {
    const index = await this.index();
    const key = JSON.stringify(filters);
    const cached = this.#results.get(key);
    if (cached) {
      // Most recently used last, so the oldest is dropped first.
      this.#results.delete(key);
      this.#results.set(key, cached);
      return cached;
    }
    const result = index.search(filters);
    // An index replaced meanwhile must not leave its answers behind.
    if (index !== this.#index) return result;
    this.#results.set(key, result);
    if (this.#results.size > CACHED_RESULTS) this.#results.delete(this.#results.keys().next().value!);
    return result;
  }
}
