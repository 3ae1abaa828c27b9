import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('breach_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('charter_version', 'integer', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('answer_ends_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_reason', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('breach_cases_organisation').on('breach_cases').columns(['organisation_id', 'state']).execute();

  await db.schema
    .createTable('breach_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('breach_cases.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('breach_answers_case').on('breach_answers').column('case_id').execute();

  await db.schema
    .createTable('breach_stances')
    .addColumn('case_id', 'text', (c) => c.notNull().references('breach_cases.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('stance', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('breach_stances_pk', ['case_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('departures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('departed_at', 'text', (c) => c.notNull())
    .addColumn('breach_case_id', 'text', (c) => c.references('breach_cases.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('departures_departed_at').on('departures').column('departed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('departures').execute();
  await db.schema.dropTable('breach_stances').execute();
  await db.schema.dropTable('breach_answers').execute();
  await db.schema.dropTable('breach_cases').execute();
}
