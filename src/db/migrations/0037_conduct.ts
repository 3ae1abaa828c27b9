import type { Kysely } from 'kysely';

/**
 * Code-of-conduct reports. What happened is encrypted; who may read a report is decided by
 * the conduct team's roles, the reporter's exclusions and the recusals kept here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conduct_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    /** SHA-256 of the reporter's secret follow-up link. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('reporter_account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    /** 'received', 'acknowledged', 'decided', 'closed' */
    .addColumn('status', 'text', (c) => c.notNull())
    /** Encrypted JSON: what happened, when, where, who, witnesses, what the reporter wants, how to tell them. Null once purged. */
    .addColumn('content_cipher', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('purged_at', 'text')
    .execute();
  // Team members who must not see a report: excluded by the reporter, named as involved, or who stepped aside.
  await db.schema
    .createTable('conduct_recusals')
    .addColumn('report_id', 'text', (c) => c.notNull().references('conduct_reports.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    /** 'excluded', 'involved', 'self' */
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conduct_recusals_pk', ['report_id', 'account_id'])
    .execute();
  // Accounts the reporter named as involved, so that decisions can act on them.
  await db.schema
    .createTable('conduct_involved')
    .addColumn('report_id', 'text', (c) => c.notNull().references('conduct_reports.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('conduct_involved_pk', ['report_id', 'account_id'])
    .execute();
  await db.schema
    .createTable('conduct_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('conduct_reports.id').onDelete('cascade'))
    /** 'note' (handlers only), 'message' (to or from the reporter), 'decision', 'follow-up' */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** 'reporter' or a handler's account id */
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body_cipher', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conduct_entries_report').on('conduct_entries').columns(['report_id', 'created_at']).execute();
  // Every reading of a report, shown to its handlers: the report's own access trail.
  await db.schema
    .createTable('conduct_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('conduct_reports.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conduct_access_log_report').on('conduct_access_log').columns(['report_id', 'at']).execute();
  // The code of conduct as the stewards word it, per language, and the retention after closing.
  await db.schema
    .createTable('conduct_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('retention_days', 'integer', (c) => c.notNull())
    .addColumn('code_en', 'text')
    .addColumn('code_fr', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['conduct_settings', 'conduct_access_log', 'conduct_entries', 'conduct_involved', 'conduct_recusals', 'conduct_reports']) await db.schema.dropTable(table).execute();
}
