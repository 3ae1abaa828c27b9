import type { Kysely } from 'kysely';

/** The rules that turn questionnaire answers into a risk level: versioned data, published for anyone to read. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scoring_rules')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    /** JSON: the points of each answer, the thresholds, the answers that set a floor. */
    .addColumn('rules', 'text', (c) => c.notNull())
    /** Why this version changed, in the steward's words. */
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  // A self-assessment kept only because its author, logged in, asked for it; encrypted, deleted with the account.
  await db.schema
    .createTable('saved_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('answers_cipher', 'text', (c) => c.notNull())
    .addColumn('rules_version', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_assessments_account').on('saved_assessments').column('account_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_assessments').execute();
  await db.schema.dropTable('scoring_rules').execute();
}
