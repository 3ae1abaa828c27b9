import type { Haven } from '../src/haven.ts';
import { bumpDirectoryRevision } from '../src/features/directory/directory.repository.ts';
import { loadListedProviders } from '../src/features/directory/listed-provider.ts';
import { SearchIndex, type SearchFilters } from '../src/features/directory/search-index.ts';
import { filtersFrom } from '../src/features/directory/search-filters.ts';
import { describeSearch } from './search-mix.ts';

/** Milliseconds of the first try (a process just started) and of the best of the tries after it. */
export interface Timing {
  first: number;
  best: number;
}

/** What the cache of answers hides: the cost of a search nobody made since the directory last changed. */
export interface ColdSearchFigures {
  /** Reading every listed provider and service from the database. */
  load: Timing;
  /** Building the in-memory index from them. */
  build: Timing;
  /** The first search after a change: revision check, load, build and the search itself. */
  afterChange: Timing;
  /** Each search of the mix computed on the index itself, once JIT-compiled (a second pass). */
  queries: { count: number; firstPassMs: number; totalMs: number; meanMs: number; p50Ms: number; p95Ms: number; maxMs: number; slowest: string };
  rssAfterBuildMB: number;
}

const TRIES = 3;

export async function measureColdSearch(haven: Haven, mix: readonly SearchFilters[]): Promise<ColdSearchFigures> {
  const db = haven.database.db;
  const loads: number[] = [];
  const builds: number[] = [];
  let index: SearchIndex | null = null;
  for (let i = 0; i < TRIES; i++) {
    const started = performance.now();
    const providers = await loadListedProviders(db);
    const loaded = performance.now();
    index = new SearchIndex(providers);
    builds.push(performance.now() - loaded);
    loads.push(loaded - started);
  }

  const afterChange: number[] = [];
  for (let i = 0; i < TRIES; i++) {
    // What a profile edit does: the revision moves in the database and this instance forgets its index.
    await bumpDirectoryRevision(db);
    haven.directorySearch.invalidate();
    const started = performance.now();
    await haven.directorySearch.search(filtersFrom({}));
    afterChange.push(performance.now() - started);
  }

  const timeEach = () =>
    mix.map((filters) => {
      const started = performance.now();
      index!.search(filters);
      return { filters, ms: performance.now() - started };
    });
  const firstPass = timeEach();
  const timed = timeEach();
  const sorted = timed.map((t) => t.ms).sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  const slowest = timed.reduce((a, b) => (b.ms > a.ms ? b : a));
  return {
    load: timing(loads),
    build: timing(builds),
    afterChange: timing(afterChange),
    queries: {
      count: mix.length,
      firstPassMs: firstPass.reduce((sum, t) => sum + t.ms, 0),
      totalMs: total,
      meanMs: total / sorted.length,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      maxMs: sorted[sorted.length - 1]!,
      slowest: describeSearch(slowest.filters),
    },
    rssAfterBuildMB: process.memoryUsage().rss / 1024 / 1024,
  };
}

function timing(values: number[]): Timing {
  return { first: values[0]!, best: Math.min(...values.slice(1)) };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
