import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('coalition_memberships')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('joined_by', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('end_kind', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_version', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('coalition_memberships').execute();
}
