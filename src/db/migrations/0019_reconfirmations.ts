import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reconfirmation_dues')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('due_since', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text')
    .execute();

  await db.schema
    .createTable('reconfirmations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('charter_version', 'integer', (c) => c.notNull())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('reconfirmations_organisation').on('reconfirmations').columns(['organisation_id', 'confirmed_at']).execute();

  await db.schema
    .createTable('reconfirmation_answers')
    .addColumn('reconfirmation_id', 'text', (c) => c.notNull().references('reconfirmations.id').onDelete('cascade'))
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reconfirmation_answers_pk', ['reconfirmation_id', 'criterion_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reconfirmation_answers').execute();
  await db.schema.dropTable('reconfirmations').execute();
  await db.schema.dropTable('reconfirmation_dues').execute();
}
