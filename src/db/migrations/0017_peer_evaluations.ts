import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('peer_evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('evaluator_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('evaluated_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('charter_version', 'integer', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('shared_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('peer_evaluations_state').on('peer_evaluations').column('state').execute();

  await db.schema
    .createTable('peer_evaluation_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('peer_evaluations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('observation_enc', 'text', (c) => c.notNull())
    .addColumn('recommendation_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('peer_evaluation_findings_position', ['evaluation_id', 'position'])
    .execute();

  await db.schema
    .createTable('peer_evaluation_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('peer_evaluation_findings.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('peer_evaluation_notes_finding').on('peer_evaluation_notes').column('finding_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('peer_evaluation_notes').execute();
  await db.schema.dropTable('peer_evaluation_findings').execute();
  await db.schema.dropTable('peer_evaluations').execute();
}
