import { sql, type Kysely } from 'kysely';

/**
 * Canaries belong to a scope, as incidents do: a provider's organisation id, or
 * 'coalition' for the coalition's own canary, signed with a key Haven holds.
 * The tables are rebuilt because SQLite cannot drop a column's foreign key;
 * the organisation's deletion now forgets its canary through its listener.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('canary_scope_keys')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('armored', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into canary_scope_keys (scope, armored, fingerprint, registered_at) select organisation_id, armored, fingerprint, registered_at from canary_keys`.execute(db);
  await db.schema.dropTable('canary_keys').execute();
  await db.schema.alterTable('canary_scope_keys').renameTo('canary_keys').execute();

  await db.schema
    .createTable('canary_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('signed_text', 'text', (c) => c.notNull())
    .addColumn('statement_date', 'text', (c) => c.notNull())
    .addColumn('next_update', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('overdue_notified_at', 'text')
    .addColumn('invalid_notified_at', 'text')
    .addUniqueConstraint('canary_statements_number', ['scope', 'number'])
    .execute();
  await sql`insert into canary_statements (id, scope, number, signed_text, statement_date, next_update, signed_by, published_at, overdue_notified_at)
    select id, organisation_id, number, signed_text, statement_date, next_update, signed_by, published_at, overdue_notified_at from canaries`.execute(db);
  await db.schema.dropTable('canaries').execute();
  await db.schema.alterTable('canary_statements').renameTo('canaries').execute();

  // A canary the provider hosts itself, fetched and verified on a schedule.
  await db.schema
    .createTable('canary_sources')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text')
    /** A CanaryRefusal or outbound refusal code from the last fetch, null when it verified. */
    .addColumn('problem', 'text')
    .addColumn('problem_since', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('canary_sources').execute();
  // The coalition's canary has no organisation to belong to once scopes are gone.
  await db.deleteFrom('canaries').where('scope', '=', 'coalition').execute();
  await db.deleteFrom('canary_keys').where('scope', '=', 'coalition').execute();
  await db.schema
    .createTable('canary_org_keys')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('armored', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into canary_org_keys select scope, armored, fingerprint, registered_at from canary_keys`.execute(db);
  await db.schema.dropTable('canary_keys').execute();
  await db.schema.alterTable('canary_org_keys').renameTo('canary_keys').execute();
  await db.schema
    .createTable('canary_org_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('signed_text', 'text', (c) => c.notNull())
    .addColumn('statement_date', 'text', (c) => c.notNull())
    .addColumn('next_update', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('overdue_notified_at', 'text')
    .addUniqueConstraint('canaries_number', ['organisation_id', 'number'])
    .execute();
  await sql`insert into canary_org_statements select id, scope, number, signed_text, statement_date, next_update, signed_by, published_at, overdue_notified_at from canaries`.execute(db);
  await db.schema.dropTable('canaries').execute();
  await db.schema.alterTable('canary_org_statements').renameTo('canaries').execute();
}
