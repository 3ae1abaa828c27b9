import type { Kysely } from 'kysely';

/** The small library of learning resources the stewards keep, per language and risk level. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** 'en' or 'fr' */
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    /** JSON array of the risk levels it suits. */
    .addColumn('levels', 'text', (c) => c.notNull())
    /** JSON array of the skill levels it suits. */
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guides').execute();
}
