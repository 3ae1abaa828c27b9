import { stringify } from 'csv-stringify/sync';
import { MONTHS_PER_UPLOAD, refuse, type UsageMonth, type UsageRow } from './statistics.service.ts';

/** The download's header, fixed: the upload reads the same columns back (source is ignored). */
export const CSV_HEADER = ['month', 'accounts', 'storage_gb', 'monthly_active', 'source'] as const;

/** Gigabytes as people type them, megabytes as stored (decimal units, as disks are sold). */
export const gigabytes = (megabytes: number) => megabytes / 1000;

/**
 * Reads figures pasted from a spreadsheet: `month,accounts,storage_gb,monthly_active`,
 * one month a line, header optional, blank lines skipped. A line with ';'
 * between values (as French spreadsheets export) may use a decimal comma.
 * A refusal names the line, counting from 1 as an editor does.
 */
export function readUsageCsv(text: string): UsageRow[] {
  const rows: UsageRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || (rows.length === 0 && /^"?month"?\s*[,;]/i.test(trimmed))) continue;
    if (rows.length === MONTHS_PER_UPLOAD) throw refuse('too_many_months', (m) => m.errors.tooManyRows(MONTHS_PER_UPLOAD));
    const semicolons = trimmed.includes(';');
    const cells = trimmed.split(semicolons ? ';' : ',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
    if (cells.length < 4 || cells.length > CSV_HEADER.length) throw refuse('bad_columns', (m) => m.errors.columns(line));
    const number = (cell: string, decimals: boolean): number | null => {
      if (cell === '') return null;
      const text = semicolons && decimals ? cell.replace(',', '.') : cell;
      if (!(decimals ? /^\d+(\.\d+)?$/ : /^\d+$/).test(text)) throw refuse('bad_figure', (m) => m.errors.badFigure(line));
      return Number(text);
    };
    const accounts = number(cells[1]!, false);
    const storageGb = number(cells[2]!, true);
    const monthlyActive = number(cells[3]!, false);
    rows.push({ line, month: cells[0]!, accounts, storageMb: storageGb === null ? null : Math.round(storageGb * 1000), monthlyActive });
  }
  return rows;
}

/** The published months as CSV, ascending, storage in gigabytes. */
export function writeUsageCsv(months: UsageMonth[]): string {
  return stringify([[...CSV_HEADER], ...months.map((u) => [u.month, u.accounts ?? '', u.storageMb === null ? '' : String(gigabytes(u.storageMb)), u.monthlyActive ?? '', u.source])]);
}
