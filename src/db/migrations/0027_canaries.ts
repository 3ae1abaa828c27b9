import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The OpenPGP public key a provider signs its warrant canaries with.
  await db.schema
    .createTable('canary_keys')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('armored', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  // Every statement published, exactly as signed.
  await db.schema
    .createTable('canaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('signed_text', 'text', (c) => c.notNull())
    .addColumn('statement_date', 'text', (c) => c.notNull())
    .addColumn('next_update', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('overdue_notified_at', 'text')
    .addUniqueConstraint('canaries_number', ['organisation_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('canaries').execute();
  await db.schema.dropTable('canary_keys').execute();
}
