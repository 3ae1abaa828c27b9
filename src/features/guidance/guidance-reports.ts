import { REGION_CODES } from './questionnaire.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { RISK_LEVELS, SERVICE_CATEGORIES } from '../directory/directory.model.ts';

/**
 * Referrals in figures, for intermediaries, donors and stewards: counts by risk level, service
 * category, region and quarter, and nothing finer.
 *
 * Why no report can single anyone out: the referrals are first counted in their finest cells
 * (level × category × region × quarter). Every cell under SMALLEST_SHOWN is dropped, and every
 * figure any report shows — a total, a group, a margin, under any filter — is a sum of the kept
 * cells only. A referral in a dropped cell changes no figure at all; one in a kept cell shares
 * all four words with at least four others. So the difference between two figures, or any sum
 * of them, is a sum of whole cells of five or more, and never isolates fewer than five referrals.
 * What a report does reveal of a dropped cell is only that it is not empty (the "small numbers"
 * marker), never how many it holds.
 *
 * Only ended quarters are counted: within a quarter that is still running, watching a figure go
 * from 5 to 6 would show that one more referral with those four words has just been made.
 */
export const SMALLEST_SHOWN = 5;

export const REPORT_DIMENSIONS = ['level', 'category', 'region', 'quarter'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** A referral sent without a main service, or from a place nobody gave. */
export const UNSPECIFIED_CATEGORY = 'unspecified';
export const UNKNOWN_REGION = 'unknown';
export const REPORT_CATEGORIES = [...SERVICE_CATEGORIES, UNSPECIFIED_CATEGORY] as const;
export const REPORT_REGIONS = [...REGION_CODES, UNKNOWN_REGION];
export const QUARTER_PATTERN = '^\\d{4}-Q[1-4]$';

/** One referral as the reports see it: four words, nothing else. */
export type Counted = Record<ReportDimension, string>;
export type ReportWhere = Partial<Record<ReportDimension, string>>;

export interface ReportQuery {
  filters: ReportWhere;
  /** Up to two dimensions to group by, in order. */
  by: ReportDimension[];
}

/** A shown figure: the sum of the kept cells it covers, and whether dropped cells were left out of it. */
export interface Figure {
  count: number;
  leftOut: boolean;
}

export interface ReportGroup {
  values: ReportWhere;
  figure: Figure;
}

export interface Report {
  query: ReportQuery;
  total: Figure;
  /** One per combination of the `by` values that holds any referral under the filters. */
  groups: ReportGroup[];
  /** With two dimensions: the groups by the first alone, then by the second alone. */
  margins: [ReportGroup[], ReportGroup[]] | null;
  /** The quarters the population spans, for the filter. */
  quarters: string[];
}

/** A query from a form or a query string: empty values mean "any", a dimension is grouped by once, two at most. */
export function reportQueryOf(input: Partial<Record<ReportDimension, string>>, by: (string | undefined)[]): ReportQuery {
  const filters: ReportWhere = {};
  for (const d of REPORT_DIMENSIONS) if (input[d]) filters[d] = input[d];
  const grouped = [...new Set(by.filter((d): d is ReportDimension => (REPORT_DIMENSIONS as readonly (string | undefined)[]).includes(d)))].slice(0, 2);
  return { filters, by: grouped };
}

export function quarterOf(iso: string): string {
  const at = new Date(iso);
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

/** The first instant of the quarter `at` falls in. */
export function quarterStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), Math.floor(at.getUTCMonth() / 3) * 3, 1));
}

const ORDER: Record<ReportDimension, readonly string[] | null> = { level: RISK_LEVELS, category: REPORT_CATEGORIES, region: REPORT_REGIONS, quarter: null };

function compareValues(dimension: ReportDimension, a: string, b: string): number {
  const order = ORDER[dimension];
  return order ? order.indexOf(a) - order.indexOf(b) : a.localeCompare(b);
}

const matches = (values: Counted, where: ReportWhere) => REPORT_DIMENSIONS.every((d) => where[d] === undefined || where[d] === values[d]);
const keyOf = (values: ReportWhere, dimensions: readonly ReportDimension[]) => dimensions.map((d) => values[d] ?? '').join('\u0000');

/**
 * The finest cells of a population: those of SMALLEST_SHOWN or more with their counts, the others
 * as their four words alone. Nothing downstream ever sees how many a dropped cell held.
 */
export function fineCells(rows: Counted[]): { kept: { values: Counted; count: number }[]; dropped: Counted[] } {
  const cells = new Map<string, { values: Counted; count: number }>();
  for (const row of rows) {
    const key = keyOf(row, REPORT_DIMENSIONS);
    const cell = cells.get(key) ?? { values: { ...row }, count: 0 };
    cell.count += 1;
    cells.set(key, cell);
  }
  const all = [...cells.values()];
  return { kept: all.filter((c) => c.count >= SMALLEST_SHOWN), dropped: all.filter((c) => c.count < SMALLEST_SHOWN).map((c) => c.values) };
}

/** A report over a population; every figure in it is a sum of kept cells (see above). */
export function buildReport(rows: Counted[], query: ReportQuery): Report {
  const { kept, dropped } = fineCells(rows);
  const figure = (where: ReportWhere): Figure => ({
    count: kept.filter((c) => matches(c.values, where)).reduce((sum, c) => sum + c.count, 0),
    leftOut: dropped.some((values) => matches(values, where)),
  });
  const present = [...kept.map((c) => c.values), ...dropped];
  const groupsBy = (dimensions: ReportDimension[]): ReportGroup[] => {
    const seen = new Map<string, ReportWhere>();
    for (const values of present.filter((v) => matches(v, query.filters))) {
      const picked = Object.fromEntries(dimensions.map((d) => [d, values[d]])) as ReportWhere;
      seen.set(keyOf(picked, dimensions), picked);
    }
    return [...seen.values()]
      .sort((a, b) => dimensions.reduce((found, d) => found || compareValues(d, a[d]!, b[d]!), 0))
      .map((values) => ({ values, figure: figure({ ...query.filters, ...values }) }));
  };
  const [first, second] = query.by;
  return {
    query,
    total: figure(query.filters),
    groups: query.by.length > 0 ? groupsBy(query.by) : [],
    margins: first && second ? [groupsBy([first]), groupsBy([second])] : null,
    quarters: [...new Set(present.map((v) => v.quarter))].sort(),
  };
}

/** The referrals a report counts: the coalition's, or those one intermediary commissioned. */
export type ReportPopulation = { kind: 'coalition' } | { kind: 'intermediary'; organisationId: string };

/** Reads the four words of each referral made before the current quarter, and builds the report. */
export class GuidanceReports {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Referrals from this instant on are not counted yet: their quarter has not ended. */
  countedBefore(): string {
    return quarterStart(this.clock.now()).toISOString();
  }

  async report(population: ReportPopulation, query: ReportQuery): Promise<Report> {
    let select = this.db.selectFrom('referrals').select(['level', 'service_category', 'region', 'created_at']).where('created_at', '<', this.countedBefore());
    if (population.kind === 'intermediary') select = select.where('intermediary_id', '=', population.organisationId);
    const rows = await select.execute();
    return buildReport(
      rows.map((r) => ({ level: r.level, category: r.service_category ?? UNSPECIFIED_CATEGORY, region: r.region ?? UNKNOWN_REGION, quarter: quarterOf(r.created_at) })),
      query,
    );
  }
}
