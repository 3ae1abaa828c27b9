import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Haven } from '../src/haven.ts';
import { bumpDirectoryRevision } from '../src/features/directory/directory.repository.ts';
import { loadListedProviders } from '../src/features/directory/listed-provider.ts';
import { SearchIndex, type SearchFilters } from '../src/features/directory/search-index.ts';
import { filtersFrom } from '../src/features/directory/search-filters.ts';
import { describeSearch } from './search-mix.ts';

/** Milliseconds of the first try (a process just started, nothing JIT-compiled) and of a second one. */
export interface Timing {
  first: number;
  second: number;
}

/** What the cache of answers hides: the cost of a search nobody made since the directory last changed. */
export interface ColdSearchFigures {
  /** Reading every listed provider and service from the database. */
  load: Timing;
  /** Building the in-memory index from them. */
  build: Timing;
  /** The first search after a change: revision check, load, build and the search itself. */
  afterChange: Timing;
  /** The longest the event loop stood still during those searches: no other request is answered meanwhile. */
  longestStallMs: number;
  /** Each search of the mix computed once on the index itself, as a cache miss does. */
  queries: { count: number; totalMs: number; meanMs: number; p50Ms: number; p95Ms: number; maxMs: number; slowest: string };
  /** Heap the index and the providers it holds keep alive, after full garbage collections. */
  indexHeapMB: number;
}

const TRIES = 2;

export async function measureColdSearch(haven: Haven, mix: readonly SearchFilters[]): Promise<ColdSearchFigures> {
  const db = haven.database.db;
  const heapBefore = liveHeap();
  const loads: number[] = [];
  const builds: number[] = [];
  let index: SearchIndex | null = null;
  for (let i = 0; i < TRIES; i++) {
    const started = performance.now();
    const providers = await loadListedProviders(db);
    const loaded = performance.now();
    index = await SearchIndex.build(providers);
    builds.push(performance.now() - loaded);
    loads.push(loaded - started);
  }
  const indexHeapMB = (liveHeap() - heapBefore) / 2 ** 20;

  const afterChange: number[] = [];
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  for (let i = 0; i < TRIES; i++) {
    // What a profile edit does: the revision moves in the database and this instance forgets its index.
    await bumpDirectoryRevision(db);
    haven.directorySearch.invalidate();
    const started = performance.now();
    await haven.directorySearch.search(filtersFrom({}));
    afterChange.push(performance.now() - started);
    // The delay monitor's timer records a stall only when it finally runs: give it its turn.
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  stalls.disable();

  // The searches after a change above ran the search code first, so these are not its very first runs.
  const timed = mix.map((filters) => {
    const started = performance.now();
    index!.search(filters);
    return { filters, ms: performance.now() - started };
  });
  const sorted = timed.map((t) => t.ms).sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  const slowest = timed.reduce((a, b) => (b.ms > a.ms ? b : a));
  return {
    load: timing(loads),
    build: timing(builds),
    afterChange: timing(afterChange),
    longestStallMs: stalls.max / 1e6,
    queries: {
      count: mix.length,
      totalMs: total,
      meanMs: total / sorted.length,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      maxMs: sorted[sorted.length - 1]!,
      slowest: describeSearch(slowest.filters),
    },
    indexHeapMB,
  };
}

/** Bytes of heap still reachable: the benchmark's server runs with --expose-gc for this. */
function liveHeap(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc');
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

function timing(values: number[]): Timing {
  return { first: values[0]!, second: values[1]! };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
