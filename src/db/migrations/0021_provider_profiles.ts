import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A provider's public profile: one row per organisation that publishes one.
  await db.schema
    .createTable('provider_profiles')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('structure_type', 'text')
    .addColumn('website', 'text')
    .addColumn('contact', 'text')
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('countries', 'text', (c) => c.notNull())
    .addColumn('economic_model', 'text')
    .addColumn('prices', 'text', (c) => c.notNull())
    .addColumn('terms_url', 'text')
    .addColumn('privacy_url', 'text')
    .addColumn('infrastructure', 'text')
    .addColumn('hypervisor_access', 'text', (c) => c.notNull())
    .addColumn('physical_host', 'text', (c) => c.notNull())
    .addColumn('onion_address', 'text')
    .addColumn('fitness', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('provider_profiles').execute();
}
