import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('totp_secret_enc', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('totp_enabled_at', 'text').execute();
  // The last time step accepted, so one code cannot be replayed within its window.
  await db.schema.alterTable('accounts').addColumn('totp_last_step', 'integer').execute();
  await db.schema
    .createTable('recovery_codes')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('recovery_codes_pk', ['account_id', 'code_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recovery_codes').execute();
  await db.schema.alterTable('accounts').dropColumn('totp_last_step').execute();
  await db.schema.alterTable('accounts').dropColumn('totp_enabled_at').execute();
  await db.schema.alterTable('accounts').dropColumn('totp_secret_enc').execute();
}
