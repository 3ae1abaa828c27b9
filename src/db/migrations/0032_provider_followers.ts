import type { Kysely } from 'kysely';

/** People who asked to be told when a provider's canary goes overdue or stops verifying. Seen by nobody but themselves. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('provider_followers')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('followed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('provider_followers_pk', ['organisation_id', 'account_id'])
    .execute();
  await db.schema.createIndex('provider_followers_account').on('provider_followers').column('account_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('provider_followers').execute();
}
