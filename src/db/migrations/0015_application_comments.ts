import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Comments stay when their author deletes their account, no longer linked to them.
  await db.schema
    .createTable('application_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('parent_id', 'text')
    .addColumn('author_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_comments_app').on('application_comments').column('application_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_comments').execute();
}
