import type { Kysely } from 'kysely';

/** A provider's aggregate usage, one row a month: never about a person, only totals. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('usage_statistics')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    /** YYYY-MM */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('accounts', 'integer')
    /** Megabytes, so that a petabyte still fits a 32-bit integer column on both databases. */
    .addColumn('storage_mb', 'integer')
    .addColumn('monthly_active', 'integer')
    /** 'upload' or 'statoolinfos' */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_statistics_pk', ['organisation_id', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('usage_statistics').execute();
}
