import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { statisticsText } from './statistics.messages.ts';
import type { StatisticsSource } from './statistics.table.ts';
import { LARGEST_FIGURE, MONTHS_KEPT, usageFromStatoolInfos, type MonthlyUsage } from './statoolinfos-metrics.ts';

export type { MonthlyUsage } from './statoolinfos-metrics.ts';

/** A month as published, with where its figures came from. */
export interface UsageMonth extends MonthlyUsage {
  source: StatisticsSource;
  recordedAt: string;
}

/** A month as sent: `line` is where a person typed it, so a refusal can point at it. */
export type UsageRow = MonthlyUsage & { line?: number };

/** Most months one upload may carry. */
export const MONTHS_PER_UPLOAD = MONTHS_KEPT;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

type Messages = (typeof statisticsText)['en'];
/** A refusal names the form's field, which is also the API's body property: `months` for figures sent. */
export const refuse = (code: string, pick: (m: Messages) => string, field = 'months') => AppError.field(code, field, localized(statisticsText, pick));

const FIGURES = ['accounts', 'storageMb', 'monthlyActive'] as const;

/**
 * A provider's anonymised usage statistics: aggregate figures per month,
 * sent by its delegates or read from its StatoolInfos metrics. The newest
 * write of a month wins; each month shows its source.
 */
export class StatisticsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Months ascending. */
  async list(organisationId: string): Promise<UsageMonth[]> {
    const rows = await this.db.selectFrom('usage_statistics').selectAll().where('organisation_id', '=', organisationId).orderBy('month').execute();
    return rows.map((r) => ({ month: r.month, accounts: r.accounts, storageMb: r.storage_mb, monthlyActive: r.monthly_active, source: r.source, recordedAt: r.recorded_at }));
  }

  /**
   * Records the months sent, each replacing whatever that month said before;
   * months not sent stay. One bad row refuses the whole upload.
   */
  async record(organisationId: string, rows: UsageRow[], source: StatisticsSource, actor: Actor): Promise<void> {
    this.check(rows);
    await this.db.transaction().execute(async (trx) => {
      for (const row of rows) await this.write(trx, organisationId, row, source);
      await this.audit.record(actor, { action: `transparency.statistics.${source}`, subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  async remove(organisationId: string, month: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom('usage_statistics').where('organisation_id', '=', organisationId).where('month', '=', month).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) throw refuse('month_not_recorded', (m) => m.errors.notRecorded, 'month');
      await this.audit.record(actor, { action: 'transparency.statistics.remove', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  /**
   * The metrics of a StatoolInfos reading (the files as fetched). A figure
   * the files do not state keeps the value it had, so metrics never blank
   * what the provider sent; a month whose figures do not change keeps its
   * source. Inside the import's transaction when `trx` is given. Returns how
   * many months changed.
   */
  async importStatoolInfos(organisationId: string, files: Record<string, string>, trx?: Kysely<Database>): Promise<number> {
    const read = usageFromStatoolInfos(Object.values(files), this.currentMonth());
    if (read.length === 0) return 0;
    const run = async (t: Kysely<Database>) => {
      const before = new Map(
        (await t.selectFrom('usage_statistics').selectAll().where('organisation_id', '=', organisationId).where('month', 'in', read.map((u) => u.month)).execute()).map((r) => [
          r.month,
          { accounts: r.accounts, storageMb: r.storage_mb, monthlyActive: r.monthly_active },
        ]),
      );
      let changed = 0;
      for (const usage of read) {
        const old = before.get(usage.month);
        const merged: MonthlyUsage = { month: usage.month, accounts: usage.accounts ?? old?.accounts ?? null, storageMb: usage.storageMb ?? old?.storageMb ?? null, monthlyActive: usage.monthlyActive ?? old?.monthlyActive ?? null };
        if (old && FIGURES.every((f) => old[f] === merged[f])) continue;
        await this.write(t, organisationId, merged, 'statoolinfos');
        changed++;
      }
      if (changed > 0) await this.audit.record('system', { action: 'transparency.statistics.statoolinfos', subjectType: 'organisation', subjectId: organisationId }, t);
      return changed;
    };
    return trx ? run(trx) : this.db.transaction().execute(run);
  }

  private async write(trx: Kysely<Database>, organisationId: string, row: MonthlyUsage, source: StatisticsSource): Promise<void> {
    const figures = { accounts: row.accounts, storage_mb: row.storageMb, monthly_active: row.monthlyActive, source, recorded_at: this.clock.now().toISOString() };
    await trx
      .insertInto('usage_statistics')
      .values({ organisation_id: organisationId, month: row.month, ...figures })
      .onConflict((oc) => oc.columns(['organisation_id', 'month']).doUpdateSet(figures))
      .execute();
  }

  private currentMonth(): string {
    return this.clock.now().toISOString().slice(0, 7);
  }

  private check(rows: UsageRow[]): void {
    if (rows.length === 0) throw refuse('no_months', (m) => m.errors.noRows);
    if (rows.length > MONTHS_PER_UPLOAD) throw refuse('too_many_months', (m) => m.errors.tooManyRows(MONTHS_PER_UPLOAD));
    const current = this.currentMonth();
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const n = row.line ?? i + 1;
      if (typeof row.month !== 'string' || !MONTH.test(row.month)) throw refuse('bad_month', (m) => m.errors.badMonth(n));
      if (row.month > current) throw refuse('month_in_future', (m) => m.errors.inFuture(n));
      if (seen.has(row.month)) throw refuse('repeated_month', (m) => m.errors.repeated(n, row.month));
      seen.add(row.month);
      for (const f of FIGURES) {
        const value = row[f];
        if (value === null) continue;
        if (!Number.isInteger(value) || value < 0) throw refuse('bad_figure', (m) => m.errors.badFigure(n));
        if (value > LARGEST_FIGURE) throw refuse('figure_too_large', (m) => m.errors.tooLarge(n));
      }
      if (FIGURES.every((f) => row[f] === null)) throw refuse('empty_row', (m) => m.errors.emptyRow(n));
    });
  }
}
