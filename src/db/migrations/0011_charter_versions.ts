import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The coalition's charter, one row per adopted version; the content (principles
  // and criteria, in every language) is JSON text so a version never changes.
  // Who adopted it is in the audit trail only: a public page never names a steward.
  await db.schema
    .createTable('charter_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('based_on', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('adopted_at', 'text', (c) => c.notNull())
    .execute();
  // The amendment a steward is preparing: at most one, published as the next version.
  await db.schema
    .createTable('charter_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('charter_drafts').execute();
  await db.schema.dropTable('charter_versions').execute();
}
