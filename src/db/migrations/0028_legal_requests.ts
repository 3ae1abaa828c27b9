import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The register of legal and authority requests a provider received. What was asked is encrypted:
  // an entry may be held back from publication, and then only its kind and year may be known.
  await db.schema
    .createTable('legal_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('authority_kind', 'text', (c) => c.notNull())
    .addColumn('request_kind', 'text', (c) => c.notNull())
    .addColumn('legal_order', 'integer', (c) => c.notNull())
    .addColumn('details_enc', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('publication', 'text', (c) => c.notNull())
    .addColumn('publish_after', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('legal_requests_number', ['organisation_id', 'number'])
    .execute();
  await db.schema.createIndex('legal_requests_held').on('legal_requests').columns(['published_at', 'publish_after']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legal_requests').execute();
}
