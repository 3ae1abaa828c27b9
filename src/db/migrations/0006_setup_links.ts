import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One-time links that let the first person create the first steward account.
  await db.schema
    .createTable('setup_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('setup_links').execute();
}
