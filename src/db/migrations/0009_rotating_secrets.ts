import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Short-lived random secrets (such as the daily key that hashes client
  // addresses for rate limiting). Deleting yesterday's key makes yesterday's
  // hashes unlinkable to any address, even for someone holding the master key.
  await db.schema
    .createTable('rotating_secrets')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rotating_secrets_pk', ['purpose', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rotating_secrets').execute();
}
