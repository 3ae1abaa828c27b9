import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { directoryRevision } from './directory.repository.ts';
import { loadListedProviders } from './listed-provider.ts';
import { SearchIndex, type SearchFilters, type SearchResult } from './search-index.ts';

/** How long an instance trusts its index before asking the database whether another instance changed the directory. */
const FRESHNESS_MS = 1000;
const CACHED_ANSWERS = 2000;

/**
 * The directory search of one instance. The index is rebuilt whenever the
 * directory's revision moves: at once for changes made here, within a second
 * for changes made by another instance. The request that finds the index
 * stale waits for the new one (so a person sees their own change); requests
 * arriving while it is built are answered from the previous index, so a
 * burst of changes (a crawl) never holds every search up. Answers are kept,
 * ready to send, until the index is replaced.
 */
export class DirectorySearch {
  #index: SearchIndex | null = null;
  #revision = -1;
  #checkedAt = 0;
  #stale = true;
  #building: Promise<SearchIndex> | null = null;
  readonly #answers = new Map<string, unknown>();

  constructor(private readonly db: Kysely<Database>) {}

  /** A change made through this instance: the next search rebuilds. */
  invalidate(): void {
    this.#stale = true;
  }

  async index(): Promise<SearchIndex> {
    if (this.#building) return this.#index ?? this.#building;
    const fresh = this.#index && !this.#stale && performance.now() - this.#checkedAt < FRESHNESS_MS;
    if (fresh) return this.#index!;
    this.#building = this.#refresh().finally(() => (this.#building = null));
    return this.#building;
  }

  async #refresh(): Promise<SearchIndex> {
    this.#stale = false;
    const revision = await directoryRevision(this.db);
    this.#checkedAt = performance.now();
    if (this.#index && revision === this.#revision) return this.#index;
    // A change committed while loading leaves the revision read above behind, so the next check rebuilds again.
    const index = await SearchIndex.build(await loadListedProviders(this.db));
    this.#index = index;
    this.#revision = revision;
    this.#answers.clear();
    return index;
  }

  async search(filters: SearchFilters): Promise<SearchResult> {
    return this.remember(`search:${JSON.stringify(filters)}`, (index) => index.search(filters));
  }

  /**
   * An answer computed from the current index, kept until the index is
   * replaced: a search result, or a response already serialised for a
   * language, so that a repeated search costs about what a static file does.
   */
  async remember<T>(key: string, compute: (index: SearchIndex) => T | Promise<T>): Promise<T> {
    const index = await this.index();
    const cached = this.#answers.get(key) as T | undefined;
    if (cached !== undefined && index === this.#index) {
      // Most recently used last, so the oldest is dropped first.
      this.#answers.delete(key);
      this.#answers.set(key, cached);
      return cached;
    }
    const value = await compute(index);
    // An index replaced meanwhile must not leave its answers behind.
    if (index !== this.#index) return value;
    this.#answers.set(key, value);
    if (this.#answers.size > CACHED_ANSWERS) this.#answers.delete(this.#answers.keys().next().value!);
    return value;
  }
}
