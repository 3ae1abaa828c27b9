import type { Kysely } from 'kysely';

/**
 * A person (or an intermediary for a beneficiary) asking one provider to contact them.
 * What they chose to share is encrypted; the level, service, region and quarter stay in
 * clear for the aggregate reports, and stay after the contents are purged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('beneficiaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    /** A pseudonym chosen by the intermediary, never a name. */
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('answers_cipher', 'text', (c) => c.notNull())
    .addColumn('rules_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('beneficiaries_label', ['organisation_id', 'label'])
    .execute();
  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    /** SHA-256 of the secret follow-up link's token; the token itself is shown once. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('service_category', 'text')
    .addColumn('region', 'text')
    /** Encrypted JSON of what the person chose to share; null once withdrawn or purged. */
    .addColumn('content_cipher', 'text')
    .addColumn('intermediary_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('beneficiary_id', 'text', (c) => c.references('beneficiaries.id').onDelete('set null'))
    .addColumn('consent_at', 'text')
    .addColumn('consent_withdrawn_at', 'text')
    .addColumn('suggested_organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('flagged_at', 'text')
    .addColumn('purged_at', 'text')
    .addUniqueConstraint('referrals_number', ['organisation_id', 'number'])
    .execute();
  await db.schema.createIndex('referrals_unanswered').on('referrals').columns(['answered_at', 'flagged_at', 'created_at']).execute();
  await db.schema
    .createTable('referral_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id').onDelete('cascade'))
    /** 'person' (or the intermediary for them) or 'provider' */
    .addColumn('author', 'text', (c) => c.notNull())
    /** 'message', 'question', 'accepted', 'declined' */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_cipher', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referral_messages_referral').on('referral_messages').columns(['referral_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('referral_messages').execute();
  await db.schema.dropTable('referrals').execute();
  await db.schema.dropTable('beneficiaries').execute();
}
