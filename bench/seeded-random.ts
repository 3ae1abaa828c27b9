/**
 * A small deterministic generator (mulberry32): the same seed gives the same
 * synthetic directory on every run and every machine, so two runs of a
 * benchmark measure the same work.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /**
   * Early items far more often than late ones (a Zipf-like law), as in real
   * directories: many providers speak English or are in France, few speak
   * Swahili or are in Tunisia. That gives facets a realistic spread of selectivity.
   */
  pickSkewed<T>(items: readonly T[], exponent = 1): T {
    let total = 0;
    for (let i = 1; i <= items.length; i++) total += 1 / i ** exponent;
    let target = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      target -= 1 / (i + 1) ** exponent;
      if (target <= 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** Between `min` and `max` distinct items, drawn with the same skew. */
  someSkewed<T>(items: readonly T[], min: number, max: number, exponent = 1): T[] {
    const wanted = Math.min(items.length, this.int(min, max));
    const chosen = new Set<T>();
    while (chosen.size < wanted) chosen.add(this.pickSkewed(items, exponent));
    return [...chosen];
  }
}
