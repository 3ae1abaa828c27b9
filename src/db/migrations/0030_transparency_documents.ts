import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Backup policy, activity reports and accounts of a provider: dated, so stale ones can be marked.
  await db.schema
    .createTable('transparency_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transparency_documents_kind').on('transparency_documents').columns(['organisation_id', 'kind', 'as_of']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('transparency_documents').execute();
}
