import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row whose revision every directory change bumps, so each instance knows when its search index is stale.
  await db.schema
    .createTable('directory_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('directory_state').values({ id: 1, revision: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('directory_state').execute();
}
