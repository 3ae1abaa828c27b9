import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport, quarterOf, quarterStart, REPORT_DIMENSIONS, SMALLEST_SHOWN, type Counted, type Report, type ReportDimension, type ReportQuery, type ReportWhere } from './guidance-reports.ts';

/** A small world, so that every combination of filters and groupings can be tried. */
const WORLD: Record<ReportDimension, string[]> = {
  level: ['low', 'medium', 'high'],
  category: ['email', 'vpn', 'unspecified'],
  region: ['EU', 'AF', 'unknown'],
  quarter: ['2026-Q1', '2026-Q2'],
};

/** Every filter: each dimension left open or fixed to one of its values. */
function everyFilter(): ReportWhere[] {
  let filters: ReportWhere[] = [{}];
  for (const d of REPORT_DIMENSIONS) filters = filters.flatMap((f) => [f, ...WORLD[d].map((v) => ({ ...f, [d]: v }))]);
  return filters;
}

/** No grouping, each dimension alone, and each ordered pair. */
const EVERY_GROUPING: ReportDimension[][] = [[], ...REPORT_DIMENSIONS.map((d) => [d]), ...REPORT_DIMENSIONS.flatMap((a) => REPORT_DIMENSIONS.filter((b) => b !== a).map((b) => [a, b]))];

/** Every figure shown by a report, keyed by the exact set of referrals it describes. */
function shownFigures(report: Report): Map<string, number> {
  const out = new Map<string, number>();
  const add = (where: ReportWhere, count: number) => out.set(REPORT_DIMENSIONS.map((d) => where[d] ?? '*').join('|'), count);
  add(report.query.filters, report.total.count);
  for (const g of [...report.groups, ...(report.margins ?? []).flat()]) add({ ...report.query.filters, ...g.values }, g.figure.count);
  return out;
}

/** Every report over the population, and every figure they show (the same set of referrals always shows the same figure). */
function everyFigure(rows: Counted[]): Map<string, number> {
  const all = new Map<string, number>();
  for (const filters of everyFilter()) {
    for (const by of EVERY_GROUPING) {
      for (const [key, count] of shownFigures(buildReport(rows, { filters, by }))) {
        if (all.has(key)) assert.equal(all.get(key), count, `${key} is shown with one figure only`);
        all.set(key, count);
      }
    }
  }
  return all;
}

/** Whether the referrals described by `inner` are all among those of `outer`. */
const within = (inner: string, outer: string) => {
  const a = inner.split('|');
  return outer.split('|').every((v, i) => v === '*' || v === a[i]);
};

const small = (n: number) => n > 0 && n < SMALLEST_SHOWN;

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** A population clustered enough that some cells reach five, and one beneficiary alone in their cell. */
function population(seed: number): { rows: Counted[]; unique: Counted } {
  const next = random(seed);
  const pick = (d: ReportDimension, skew: number) => WORLD[d][Math.min(WORLD[d].length - 1, Math.floor(next() ** skew * WORLD[d].length))]!;
  const rows: Counted[] = [];
  const size = 10 + Math.floor(next() * 50);
  for (let i = 0; i < size; i++) rows.push({ level: pick('level', 2), category: pick('category', 3), region: pick('region', 2), quarter: pick('quarter', 1) });
  const taken = new Set(rows.map((r) => REPORT_DIMENSIONS.map((d) => r[d]).join('|')));
  let unique: Counted | undefined;
  for (let tries = 0; !unique && tries < 200; tries++) {
    const candidate: Counted = { level: pick('level', 1), category: pick('category', 1), region: pick('region', 1), quarter: pick('quarter', 1) };
    if (!taken.has(REPORT_DIMENSIONS.map((d) => candidate[d]).join('|'))) unique = candidate;
  }
  assert.ok(unique, 'a free combination was found for the unique beneficiary');
  return { rows: [...rows, unique], unique };
}

const row = (level: string, category: string, region: string, quarter: string): Counted => ({ level, category, region, quarter });
const times = (n: number, r: Counted) => Array.from({ length: n }, () => ({ ...r }));

describe('reports on referrals', () => {
  describe('cannot be narrowed down to one beneficiary', () => {
    for (const seed of [1, 7, 42, 99, 2026, 31337]) {
      it(`shows no figure and no difference between nested figures of 1 to 4, under every filter and grouping (population ${seed})`, () => {
        const { rows } = population(seed);
        const figures = [...everyFigure(rows)];
        for (const [key, count] of figures) assert.ok(!small(count), `${key} shows ${count}`);
        for (const [outer, big] of figures) {
          for (const [inner, part] of figures) {
            if (inner !== outer && within(inner, outer)) assert.ok(!small(big - part), `${outer} (${big}) less ${inner} (${part}) leaves ${big - part}`);
          }
        }
      });

      it(`shows exactly the same figures with or without the unique beneficiary, so no combination of figures can reveal them (population ${seed})`, () => {
        const { rows, unique } = population(seed);
        const without = rows.filter((r) => r !== unique);
        assert.deepEqual(everyFigure(rows), everyFigure(without));
      });
    }

    it('shows the same figures when up to four more referrals join a small group', () => {
      const base = [...times(6, row('medium', 'email', 'EU', '2026-Q1')), ...times(2, row('high', 'vpn', 'AF', '2026-Q1'))];
      const before = everyFigure(base);
      for (let n = 1; n <= 2; n++) assert.deepEqual(everyFigure([...base, ...times(n, row('high', 'vpn', 'AF', '2026-Q1'))]), before);
      assert.notDeepEqual(everyFigure([...base, ...times(3, row('high', 'vpn', 'AF', '2026-Q1'))]), before, 'at five the group is shown');
    });
  });

  describe('on a realistic population', () => {
    const rows = [
      ...times(7, row('medium', 'email', 'EU', '2026-Q1')),
      ...times(5, row('medium', 'email', 'EU', '2026-Q2')),
      ...times(3, row('high', 'vpn', 'AF', '2026-Q1')),
      row('low', 'unspecified', 'unknown', '2026-Q2'),
    ];
    const report = (query: Partial<ReportQuery>) => buildReport(rows, { filters: {}, by: [], ...query });

    it('counts the total of the groups of five or more and says that small groups were left out', () => {
      assert.deepEqual(report({}).total, { count: 12, leftOut: true });
    });

    it('groups by one dimension, marking a group made only of small numbers instead of showing a count', () => {
      assert.deepEqual(
        report({ by: ['level'] }).groups.map((g) => [g.values.level, g.figure.count, g.figure.leftOut]),
        [
          ['low', 0, true],
          ['medium', 12, false],
          ['high', 0, true],
        ],
      );
    });

    it('groups by two dimensions with margins that add up from the same kept cells', () => {
      const r = report({ by: ['region', 'quarter'] });
      assert.deepEqual(
        r.groups.map((g) => [g.values.region, g.values.quarter, g.figure.count]),
        [
          ['AF', '2026-Q1', 0],
          ['EU', '2026-Q1', 7],
          ['EU', '2026-Q2', 5],
          ['unknown', '2026-Q2', 0],
        ],
      );
      assert.deepEqual(
        r.margins![1].map((g) => [g.values.quarter, g.figure.count, g.figure.leftOut]),
        [
          ['2026-Q1', 7, true],
          ['2026-Q2', 5, true],
        ],
      );
      assert.deepEqual(r.quarters, ['2026-Q1', '2026-Q2']);
    });

    it('answers a filter aimed at the lone referral with the marker, never with 1', () => {
      const aimed = report({ filters: { level: 'low', quarter: '2026-Q2' }, by: ['region'] });
      assert.deepEqual(aimed.total, { count: 0, leftOut: true });
      assert.deepEqual(aimed.groups.map((g) => [g.values.region, g.figure]), [['unknown', { count: 0, leftOut: true }]]);
    });

    it('shows nothing at all where there is nothing', () => {
      const empty = report({ filters: { region: 'SA' }, by: ['level'] });
      assert.deepEqual(empty.total, { count: 0, leftOut: false });
      assert.deepEqual(empty.groups, []);
    });
  });

  it('names quarters from dates and knows where the current one starts', () => {
    assert.equal(quarterOf('2026-03-31T23:59:59.999Z'), '2026-Q1');
    assert.equal(quarterOf('2026-04-01T00:00:00.000Z'), '2026-Q2');
    assert.equal(quarterOf('2026-12-31T12:00:00.000Z'), '2026-Q4');
    assert.equal(quarterStart(new Date('2026-08-15T10:00:00Z')).toISOString(), '2026-07-01T00:00:00.000Z');
  });
});
