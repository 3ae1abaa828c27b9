import { parseProperties } from '../directory/federation/statoolinfos.parse.ts';

/** One month of aggregate usage; a figure nobody stated is null, never 0. */
export interface MonthlyUsage {
  /** YYYY-MM */
  month: string;
  accounts: number | null;
  storageMb: number | null;
  monthlyActive: number | null;
}

/** The columns are 32-bit integers on both databases. */
export const LARGEST_FIGURE = 2_147_483_647;
/** Ten years: more than any chart needs, and a bound on what one file can write. */
export const MONTHS_KEPT = 120;

/**
 * The ChatonsInfos metrics Haven reads, as `metrics.<name>.<year>.months`:
 * twelve values, January first, separated by ';' (the StatoolInfos
 * separator) or ',' (as many files write them); an empty or missing value
 * is unknown, a shorter list leaves the last months unknown.
 */
const METRIC_KEY = /^metrics\.service\.(accounts|accounts\.active|users|database\.bytes|files\.bytes)\.(\d{4})\.months$/;
type MetricName = 'accounts' | 'accounts.active' | 'users' | 'database.bytes' | 'files.bytes';

/** The twelve values of one year; a value that is not a number of zero or more is unknown. */
export function monthValues(raw: string): (number | null)[] {
  const semicolons = raw.includes(';');
  return raw
    .split(semicolons ? ';' : ',')
    .slice(0, 12)
    .map((item) => {
      // With ';' between values, a decimal comma is a decimal separator (French spreadsheets write 12,5).
      const text = (semicolons ? item.replace(',', '.') : item).trim();
      if (!text) return null;
      const value = Number(text);
      return Number.isFinite(value) && value >= 0 ? value : null;
    });
}

type Series = Map<MetricName, Map<string, number>>;

function seriesOf(properties: Map<string, string>): Series {
  const series: Series = new Map();
  for (const [key, raw] of properties) {
    const match = METRIC_KEY.exec(key);
    if (!match) continue;
    const name = match[1] as MetricName;
    const year = match[2]!;
    const months = series.get(name) ?? new Map<string, number>();
    monthValues(raw).forEach((value, i) => {
      if (value !== null) months.set(`${year}-${String(i + 1).padStart(2, '0')}`, value);
    });
    series.set(name, months);
  }
  return series;
}

/** Adds what is known; unknown stays unknown only while nothing at all is known. */
const plus = (a: number | null | undefined, b: number | null | undefined): number | null => (a == null ? (b ?? null) : b == null ? a : a + b);

/** A figure too large for the column is a mistake in the file, not a statistic. */
const figure = (value: number | null): number | null => (value === null ? null : Math.round(value) <= LARGEST_FIGURE ? Math.round(value) : null);

/**
 * Monthly totals over every service file of one reading: accounts, active
 * accounts (or, for a service without accounts, its users) and storage
 * (database and files, bytes to megabytes) are summed across services.
 * Months after `lastMonth` and months where nothing is known are left out;
 * only the latest MONTHS_KEPT months are kept. Unreadable files are skipped.
 */
export function usageFromStatoolInfos(files: Iterable<string>, lastMonth: string): MonthlyUsage[] {
  const totals = new Map<string, { accounts: number | null; storageBytes: number | null; monthlyActive: number | null }>();
  for (const text of files) {
    let properties: Map<string, string>;
    try {
      properties = parseProperties(text);
    } catch {
      continue;
    }
    const series = seriesOf(properties);
    if (series.size === 0) continue;
    const months = new Set([...series.values()].flatMap((m) => [...m.keys()]));
    for (const month of months) {
      const at = (name: MetricName) => series.get(name)?.get(month);
      const total = totals.get(month) ?? { accounts: null, storageBytes: null, monthlyActive: null };
      total.accounts = plus(total.accounts, at('accounts'));
      total.monthlyActive = plus(total.monthlyActive, at('accounts.active') ?? at('users'));
      total.storageBytes = plus(total.storageBytes, plus(at('database.bytes'), at('files.bytes')));
      totals.set(month, total);
    }
  }
  return [...totals]
    .filter(([month]) => month <= lastMonth)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, t]) => ({
      month,
      accounts: figure(t.accounts),
      storageMb: figure(t.storageBytes === null ? null : t.storageBytes / 1_000_000),
      monthlyActive: figure(t.monthlyActive),
    }))
    .filter((u) => u.accounts !== null || u.storageMb !== null || u.monthlyActive !== null)
    .slice(-MONTHS_KEPT);
}
